/**
 * Every request passes here first: who is asking (a session cookie, a wall display's device cookie),
 * whether the route's access rule (src/lib/server/auth/access.ts) lets them, and the security
 * headers of every response. Route guards (requireUser, requireRole, requireDisplay) check again.
 */
import { error, json, type Handle, type HandleServerError, type RequestEvent } from '@sveltejs/kit';
import { isLocale, translator, type Locale } from '$lib/i18n';
import '$lib/i18n/dictionaries';
import { db, hasRuntime } from '$lib/server/runtime';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/session';
import { DISPLAY_COOKIE, validateDisplay } from '$lib/server/auth/displays';
import { clearDisplayCookie, setDisplayCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { decide, requestPart, ROUTE_RULES, type Decision } from '$lib/server/auth/access';
import { securityHeaders } from '$lib/server/auth/headers';
import { describeError } from '$lib/server/log';
import { unusableInput } from '$lib/server/request-checks';

export const handle: Handle = async ({ event, resolve }) => {
	const lang = event.cookies.get('lang');
	event.locals.locale = isLocale(lang) ? lang : 'zh';
	const problem = await unusableInput(event);
	if (problem) error(400, problem);
	const { displayRejected, cleared } = await authenticate(event);
	const { user, display } = event.locals;

	let response: Response;
	const rule = event.route.id === null ? null : ROUTE_RULES[event.route.id];
	const decision: Decision =
		event.route.id === null
			? { allow: true } // no such route: SvelteKit answers 404
			: decide(
					rule ?? undefined,
					requestPart(rule ?? undefined, {
						method: event.request.method,
						isDataRequest: event.isDataRequest,
						accept: event.request.headers.get('accept'),
						sveltekitAction: event.request.headers.get('x-sveltekit-action') === 'true',
						search: event.url.searchParams
					}),
					{ role: user?.role ?? null, display: display !== null },
					event.url.pathname + event.url.search
				);
	if (!decision.allow) {
		if (!rule)
			console.error(
				`[access] no rule for route ${event.route.id}: add it to src/lib/server/auth/access.ts`
			);
		// A display whose credential stopped working is told so on the claim page.
		const told =
			decision.status === 303 && displayRejected
				? { ...decision, location: `${decision.location}?revoked=1` }
				: decision;
		response = refusal(event, told);
		// Cookies set through event.cookies reach only responses from resolve(): clear stale ones here.
		for (const name of cleared)
			response.headers.append('set-cookie', `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
	} else {
		response = await resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace('%lang%', event.locals.locale === 'zh' ? 'zh-CN' : 'en')
		});
	}
	return securityHeaders(response, {
		https: event.url.protocol === 'https:',
		personal: user !== null || display !== null
	});
};

/**
 * An unexpected error, logged in one line without what must not be in a log (a failed query's
 * parameters, hashes, keys; see $lib/server/log) and without the query string (it may hold a name
 * someone searched for). The page gets SvelteKit's generic message.
 */
export const handleError: HandleServerError = ({ error: err, event, status, message }) => {
	if (status !== 404)
		console.error(
			`[${status}] ${event.request.method} ${event.url.pathname}: ${describeError(err)}`
		);
	return { message };
};

/** Sets locals.user/sessionId from the session cookie and locals.display from the device cookie. */
async function authenticate(
	event: RequestEvent
): Promise<{ displayRejected: boolean; cleared: string[] }> {
	event.locals.user = null;
	event.locals.sessionId = null;
	event.locals.display = null;
	const cleared: string[] = [];
	if (!hasRuntime()) return { displayRejected: false, cleared };
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const session = await validateSession(db(), token);
		if (session) {
			event.locals.user = session.user;
			event.locals.sessionId = session.id;
			if (session.renewed) setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
			cleared.push(SESSION_COOKIE);
		}
	}
	const deviceToken = event.cookies.get(DISPLAY_COOKIE);
	if (deviceToken) {
		const display = await validateDisplay(db(), deviceToken);
		if (display) {
			event.locals.display = display;
			if (display.renew) setDisplayCookie(event.cookies, event.url, deviceToken);
		} else {
			clearDisplayCookie(event.cookies);
			cleared.push(DISPLAY_COOKIE);
			return { displayRejected: true, cleared };
		}
	}
	return { displayRejected: false, cleared };
}

/** The answer to a refused request, in the shape the asking client understands. */
function refusal(event: RequestEvent, decision: Exclude<Decision, { allow: true }>): Response {
	const jsonAction =
		event.request.method === 'POST' &&
		(event.request.headers.get('x-sveltekit-action') === 'true' ||
			(event.request.headers.get('accept') ?? '').includes('application/json'));
	// SvelteKit turns a redirect into its JSON form for __data.json requests.
	if (decision.status === 303)
		return new Response(null, { status: 303, headers: { location: decision.location } });
	const message = decision.message;
	if (jsonAction) return json({ type: 'error', error: { message } }, { status: decision.status });
	const wantsHtml =
		!event.isDataRequest && (event.request.headers.get('accept') ?? '').includes('text/html');
	if (!wantsHtml) return json({ message }, { status: decision.status });
	return new Response(
		refusalPage(event.locals.locale, decision.status, event.locals.user !== null),
		{
			status: decision.status,
			headers: { 'content-type': 'text/html; charset=utf-8' }
		}
	);
}

/** A small page of its own (no scripts, no user text) for a refused page request; fits a phone. */
function refusalPage(locale: Locale, status: number, signedIn: boolean): string {
	const t = translator(locale);
	const title =
		status === 401 ? t('access.401') : status === 405 ? t('access.405') : t('access.403');
	const link = signedIn
		? `<a href="/">${t('error.back')}</a>`
		: `<a href="/login">${t('login.title')}</a>`;
	return `<!doctype html><html lang="${locale === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${status} · ${t('app.name')}</title>
<style>body{font-family:system-ui,sans-serif;background:#f3f5f9;color:#0f1b33;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;padding:2.5rem min(3rem,6vw);margin:1rem;border-radius:12px;box-shadow:0 4px 14px rgb(15 27 51/.08);max-width:34rem}
h1{margin:0 0 .5rem;font-size:1.6rem}p{color:#5b6475}a{color:#1f6feb;font-weight:600;display:inline-block;padding:.4rem 0}</style></head>
<body><main><h1>${status}</h1><p>${title}</p><p>${link}</p></main></body></html>`;
}
