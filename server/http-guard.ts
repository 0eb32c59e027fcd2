/**
 * What the production server does to every HTTP request before SvelteKit or Socket.IO sees it:
 * the security headers go on the response first (static files, SvelteKit's own refusals and
 * Socket.IO's answers included; a handler's own headers, such as a page's CSP, replace them), and
 * the ingest API is kept out of SvelteKit's form-submission (CSRF) check, which would answer a
 * text/plain or form-encoded batch with 403 before the endpoint could say what is wrong with it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BASE_HEADERS } from '../src/lib/server/auth/headers';
import { DECLARED_TYPE_HEADER } from '../src/lib/server/ingest/http';

/** The ingest API's path. */
export const INGEST_PATH = '/api/ingest';

export function guardRequest(req: IncomingMessage, res: ServerResponse): void {
	for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
	const path = (req.url ?? '').split('?')[0];
	// The key in Authorization is the ingest API's only credential (no cookie is looked at), so a
	// cross-site form cannot use it: the check protects nothing there. The endpoint requires JSON
	// and answers 400 naming the declared type (src/lib/server/ingest/http.ts).
	if (path === INGEST_PATH && req.method === 'POST') {
		// SvelteKit reads a body only under some content type: a neutral one stands in.
		const declared = req.headers['content-type'];
		if (declared !== undefined) {
			req.headers[DECLARED_TYPE_HEADER] = declared;
			req.headers['content-type'] = 'application/octet-stream';
		} else delete req.headers[DECLARED_TYPE_HEADER];
	}
}
