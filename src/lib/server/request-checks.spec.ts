import { describe, expect, it } from 'vitest';
import { unusableInput } from './request-checks';

const event = (url: string, params: Record<string, string> = {}, request?: Request) => ({
	url: new URL(url),
	params,
	request: request ?? new Request(url)
});

describe('input no handler can take', () => {
	it('is a NUL in a path parameter, a query value or a form field', async () => {
		expect(await unusableInput(event('http://x/payments/a', { id: 'a\u0000' }))).toMatch(
			/^path parameter id/
		);
		expect(await unusableInput(event('http://x/payments?payee=%00'))).toMatch(
			/^query parameter payee/
		);
		const form = new Request('http://x/login', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'username=a%00b&password=x'
		});
		expect(await unusableInput(event('http://x/login', {}, form))).toMatch(/^form field username/);
		// The handler can still read the body.
		expect((await form.formData()).get('password')).toBe('x');
	});

	it('lets ordinary requests through', async () => {
		expect(await unusableInput(event('http://x/payments/P-1?payee=张', { id: 'P-1' }))).toBeNull();
	});
});
