import type { Cookies } from '@sveltejs/kit';
import { CREDENTIAL_COOKIE_DAYS, DISPLAY_COOKIE } from './displays';
import { SESSION_COOKIE } from './session';

/** HttpOnly and SameSite=Lax; Secure whenever the app is reached over https. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}

/** A wall display's device credential: long-lived, HttpOnly, re-sent while the display is in use. */
export function setDisplayCookie(cookies: Cookies, url: URL, token: string): void {
	cookies.set(DISPLAY_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: CREDENTIAL_COOKIE_DAYS * 86400
	});
}

export function clearDisplayCookie(cookies: Cookies): void {
	cookies.delete(DISPLAY_COOKIE, { path: '/' });
}
