import type { Handle } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { db, hasRuntime } from '$lib/server/runtime';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookies';

export const handle: Handle = async ({ event, resolve }) => {
	const lang = event.cookies.get('lang');
	event.locals.locale = isLocale(lang) ? lang : 'zh';
	event.locals.user = null;
	event.locals.sessionId = null;

	const token = event.cookies.get(SESSION_COOKIE);
	if (token && hasRuntime()) {
		const session = await validateSession(db(), token);
		if (session) {
			event.locals.user = session.user;
			event.locals.sessionId = session.id;
			if (session.renewed) setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}

	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale === 'zh' ? 'zh-CN' : 'en')
	});
};
