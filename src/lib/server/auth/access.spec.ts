import { describe, expect, it } from 'vitest';
import { actionsOf, methodsOf, scanRoutes } from '../../../../tests/support/routes';
import {
	ANONYMOUS,
	decide,
	mayOpenPage,
	requestPart,
	ROUTE_RULES,
	type Principal,
	type RouteRule
} from './access';

const member: Principal = { role: 'member', display: false };
const staff: Principal = { role: 'staff', display: false };
const admin: Principal = { role: 'admin', display: false };
const display: Principal = { role: null, display: true };

const part = (
	method: string,
	opts: { data?: boolean; accept?: string; action?: boolean; search?: string } = {}
) => ({
	method,
	isDataRequest: opts.data ?? false,
	accept: opts.accept ?? null,
	sveltekitAction: opts.action ?? false,
	search: new URLSearchParams(opts.search ?? '')
});

describe('the route tree and the access rules', () => {
	const routes = scanRoutes();

	it('has a rule for every page and endpoint in src/routes (add one to access.ts for a new route)', () => {
		const missing = routes.map((r) => r.id).filter((id) => !ROUTE_RULES[id]);
		expect(missing).toEqual([]);
	});

	it('has no rule for a route that does not exist', () => {
		const ids = new Set(routes.map((r) => r.id));
		expect(Object.keys(ROUTE_RULES).filter((id) => !ids.has(id))).toEqual([]);
	});

	it('covers exactly the form actions and endpoint methods each route exports', async () => {
		for (const route of routes) {
			const rule: RouteRule = ROUTE_RULES[route.id] ?? {};
			expect(Object.keys(rule.actions ?? {}).sort(), `actions of ${route.id}`).toEqual(
				await actionsOf(route)
			);
			const methods = (await methodsOf(route)).filter((m) => m !== 'HEAD');
			expect(Object.keys(rule.endpoints ?? {}).sort(), `endpoint methods of ${route.id}`).toEqual(
				methods
			);
			expect(rule.page !== undefined, `page rule of ${route.id}`).toBe(route.page);
		}
	}, 60_000); // imports every route module: slow on a busy machine

	it('keeps administration to admins, the wall to displays and the public list short', () => {
		for (const [id, rule] of Object.entries(ROUTE_RULES)) {
			const audiences = [
				rule.page,
				...Object.values(rule.actions ?? {}),
				...Object.values(rule.endpoints ?? {})
			].filter(Boolean);
			if (id.startsWith('/(app)/admin')) expect(new Set(audiences), id).toEqual(new Set(['admin']));
			if (id.startsWith('/(app)')) expect(audiences, id).not.toContain('public');
			if (audiences.includes('display')) expect(id).toBe('/wall');
		}
		const publicRoutes = Object.entries(ROUTE_RULES)
			.filter(([, r]) =>
				[r.page, ...Object.values(r.actions ?? {}), ...Object.values(r.endpoints ?? {})].includes(
					'public'
				)
			)
			.map(([id]) => id)
			.sort();
		expect(publicRoutes).toEqual(['/display/claim', '/healthz', '/lang', '/login', '/logout']);
	});
});

describe('decide', () => {
	const memberPage: RouteRule = {
		page: 'member',
		actions: { save: 'staff' },
		endpoints: { GET: 'member' }
	};

	it('sends anonymous visitors of a page to sign in, back to where they were', () => {
		expect(decide(memberPage, { kind: 'page' }, ANONYMOUS, '/drill?x=1')).toEqual({
			allow: false,
			status: 303,
			location: '/login?next=%2Fdrill%3Fx%3D1'
		});
		expect(
			decide({ page: 'display', signIn: '/display/claim' }, { kind: 'page' }, ANONYMOUS)
		).toMatchObject({ status: 303, location: '/display/claim' });
	});

	it('answers 401 to anonymous actions and endpoints and 403 to roles below the rule', () => {
		expect(decide(memberPage, { kind: 'action', name: 'save' }, ANONYMOUS)).toMatchObject({
			status: 401
		});
		expect(decide(memberPage, { kind: 'endpoint', method: 'GET' }, ANONYMOUS)).toMatchObject({
			status: 401
		});
		expect(decide(memberPage, { kind: 'action', name: 'save' }, member)).toMatchObject({
			status: 403
		});
		expect(decide(memberPage, { kind: 'action', name: 'save' }, staff)).toEqual({ allow: true });
		expect(decide(memberPage, { kind: 'action', name: 'save' }, admin)).toEqual({ allow: true });
	});

	it('keeps a wall display out of people’s pages and people off the wall', () => {
		expect(decide(memberPage, { kind: 'page' }, display)).toMatchObject({ status: 403 });
		expect(decide({ page: 'display' }, { kind: 'page' }, admin)).toMatchObject({ status: 403 });
		expect(decide({ page: 'display' }, { kind: 'page' }, display)).toEqual({ allow: true });
		// One browser can be both (an admin trying a display): each part still needs its own credential.
		expect(decide(memberPage, { kind: 'page' }, { role: 'member', display: true })).toEqual({
			allow: true
		});
	});

	it('refuses what no rule covers: an unknown route, an unlisted action, an unlisted method', () => {
		expect(decide(undefined, { kind: 'page' }, admin)).toMatchObject({ allow: false, status: 403 });
		expect(decide(memberPage, { kind: 'action', name: 'drop' }, admin)).toMatchObject({
			allow: false,
			status: 403
		});
		expect(decide(memberPage, { kind: 'endpoint', method: 'DELETE' }, admin)).toMatchObject({
			allow: false,
			status: 405
		});
	});

	it('lets an ingest-key endpoint through to its handler, which checks the key', () => {
		expect(
			decide({ endpoints: { POST: 'ingest-key' } }, { kind: 'endpoint', method: 'POST' }, ANONYMOUS)
		).toEqual({ allow: true });
	});
});

describe('requestPart', () => {
	const page: RouteRule = { page: 'member', actions: { default: 'member', save: 'staff' } };
	const both: RouteRule = { page: 'member', endpoints: { GET: 'staff', POST: 'staff' } };
	const endpoint: RouteRule = { endpoints: { GET: 'public' } };

	it('reads form actions from the query the way SvelteKit does', () => {
		expect(requestPart(page, part('POST', { search: '/save' }))).toEqual({
			kind: 'action',
			name: 'save'
		});
		expect(requestPart(page, part('POST', { search: 'x=1&/save' }))).toEqual({
			kind: 'action',
			name: 'save'
		});
		expect(requestPart(page, part('POST'))).toEqual({ kind: 'action', name: 'default' });
	});

	it('treats __data.json and GET of a page as the page', () => {
		expect(requestPart(page, part('GET', { data: true }))).toEqual({ kind: 'page' });
		expect(requestPart(page, part('GET'))).toEqual({ kind: 'page' });
	});

	it('sends a request to the endpoint unless it asks for HTML or is an enhanced form action', () => {
		expect(requestPart(both, part('GET', { accept: 'application/json' }))).toEqual({
			kind: 'endpoint',
			method: 'GET'
		});
		expect(requestPart(both, part('GET', { accept: '*/*' }))).toEqual({
			kind: 'endpoint',
			method: 'GET'
		});
		expect(
			requestPart(both, part('GET', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }))
		).toEqual({ kind: 'page' });
		expect(requestPart(both, part('POST', { action: true, search: '/x' }))).toEqual({
			kind: 'action',
			name: 'x'
		});
		expect(requestPart(both, part('DELETE', { accept: 'text/html' }))).toEqual({
			kind: 'endpoint',
			method: 'DELETE'
		});
		expect(requestPart(endpoint, part('GET', { accept: 'text/html' }))).toEqual({
			kind: 'endpoint',
			method: 'GET'
		});
	});
});

describe('pages a person may open, for the links shown to them', () => {
	const member = { role: 'member', display: false } as const;
	const staff = { role: 'staff', display: false } as const;

	it('resolves paths with parameters against the route rules', () => {
		expect(mayOpenPage('/departments/122/projects/2026122001?year=2026', member)).toBe(true);
		expect(mayOpenPage('/revenue?year=2026', member)).toBe(true);
		expect(mayOpenPage('/revenue/101', member)).toBe(true);
		expect(mayOpenPage('/payments/ZF-1', member)).toBe(true);
	});

	it('keeps staff pages from members and unknown paths from everyone', () => {
		expect(mayOpenPage('/feed', member)).toBe(false);
		expect(mayOpenPage('/feed/quarantine', member)).toBe(false);
		expect(mayOpenPage('/feed/quarantine', staff)).toBe(true);
		expect(mayOpenPage('/codes?year=2026', member)).toBe(false);
		expect(mayOpenPage('/codes?year=2026', staff)).toBe(true);
		expect(mayOpenPage('/no/such/page', staff)).toBe(false);
	});
});
