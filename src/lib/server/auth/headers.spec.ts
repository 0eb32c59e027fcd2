import { describe, expect, it } from 'vitest';
import { FALLBACK_CSP, securityHeaders } from './headers';

describe('security headers', () => {
	it('adds the hardening headers, and a nothing-runs policy to responses without one', () => {
		const r = securityHeaders(
			new Response('{}', { headers: { 'content-type': 'application/json' } }),
			{ https: false, personal: false }
		);
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
		expect(r.headers.get('x-frame-options')).toBe('DENY');
		expect(r.headers.get('referrer-policy')).toBe('same-origin');
		expect(r.headers.get('content-security-policy')).toBe(FALLBACK_CSP);
		expect(r.headers.get('strict-transport-security')).toBeNull();
		expect(r.headers.get('cache-control')).toBeNull();
	});

	it('keeps a page’s own policy, sets HSTS over https and keeps personal data out of caches', () => {
		const page = new Response('<html>', {
			headers: { 'content-security-policy': "script-src 'self'" }
		});
		const r = securityHeaders(page, { https: true, personal: true });
		expect(r.headers.get('content-security-policy')).toBe("script-src 'self'");
		expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
		expect(r.headers.get('cache-control')).toBe('private, no-store');
	});

	it('copies a response whose headers cannot be changed', () => {
		const redirect = Response.redirect('http://localhost/login', 303);
		const r = securityHeaders(redirect, { https: false, personal: false });
		expect(r.status).toBe(303);
		expect(r.headers.get('location')).toBe('http://localhost/login');
		expect(r.headers.get('x-frame-options')).toBe('DENY');
	});
});
