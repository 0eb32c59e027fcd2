/**
 * Security headers on every response. The Content Security Policy of rendered pages comes from
 * SvelteKit (`kit.csp` in svelte.config.js, with a nonce for its inline script); responses that
 * SvelteKit did not render (JSON, refusals, redirects) get a policy that allows nothing to run.
 * The production server (server/index.ts) also puts BASE_HEADERS on every response before any
 * handler runs, so static files, SvelteKit's own refusals and Socket.IO's answers carry them too.
 */

/** For responses without a policy of their own: no scripts, nothing loaded, only inline styles. */
export const FALLBACK_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** The headers every response carries, whoever answers it. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'same-origin',
	'cross-origin-opener-policy': 'same-origin',
	'cross-origin-resource-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
	'content-security-policy': FALLBACK_CSP
};

export function securityHeaders(
	response: Response,
	context: { https: boolean; personal: boolean }
): Response {
	let headers = response.headers;
	// Responses from fetch() or Response.redirect() may have immutable headers: copy when needed.
	try {
		headers.set('x-content-type-options', 'nosniff');
	} catch {
		response = new Response(response.body, response);
		headers = response.headers;
		headers.set('x-content-type-options', 'nosniff');
	}
	for (const [name, value] of Object.entries(BASE_HEADERS))
		if (name !== 'content-security-policy' || !headers.has(name)) headers.set(name, value);
	if (context.https) headers.set('strict-transport-security', 'max-age=31536000');
	// Budget data for a signed-in user or a display is nobody else's: not kept by shared caches or
	// the browser's back/forward history after signing out.
	if (context.personal && !headers.has('cache-control'))
		headers.set('cache-control', 'private, no-store');
	return response;
}
