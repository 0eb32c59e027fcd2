import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { DisplayPrincipal } from './displays';
import type { Role, SessionUser } from './session';

const RANK: Record<Role, number> = { member: 1, staff: 2, admin: 3 };

/** The signed-in user, or a redirect to /login (pages) — one line at the top of a load. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const user = event.locals.user;
	if (!user)
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	return user;
}

/** The user when their role is at least `role`; 401 when signed out, 403 when not allowed. */
export function requireRole(event: Pick<RequestEvent, 'locals'>, role: Role): SessionUser {
	const user = event.locals.user;
	if (!user) error(401, 'Sign in first');
	if (RANK[user.role] < RANK[role]) error(403, 'Your role may not do this');
	return user;
}

/** The wall display this request comes from, or a redirect to the claim page. */
export function requireDisplay(event: Pick<RequestEvent, 'locals'>): DisplayPrincipal {
	const display = event.locals.display;
	if (!display) redirect(303, '/display/claim');
	return display;
}
