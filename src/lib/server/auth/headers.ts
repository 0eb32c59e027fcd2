/**
 * Security headers on every response. The Content Security Policy of rendered pages comes from
 * SvelteKit (`kit.csp` in svelte.config.js, with a nonce for its inline script); responses that
 * SvelteKit did not render (JSON, refusals, redirects) get a policy that allows nothing to run.
 */

/** For responses without a policy of their own: no scripts, nothing loaded, only inline styles. */
export const FALLBACK_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

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
	headers.set('x-frame-options', 'DENY');
	headers.set('referrer-policy', 'same-origin');
	headers.set('cross-origin-opener-policy', 'same-origin');
	headers.set('cross-origin-resource-policy', 'same-origin');
	headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
	if (!headers.has('content-security-policy')) headers.set('content-security-policy', FALLBACK_CSP);
	if (context.https) headers.set('strict-transport-security', 'max-age=31536000');
	// Budget data for a signed-in user or a display is nobody else's: not kept by shared caches or
	// the browser's back/forward history after signing out.
	if (context.personal && !headers.has('cache-control'))
		headers.set('cache-control', 'private, no-store');
	return response;
}
