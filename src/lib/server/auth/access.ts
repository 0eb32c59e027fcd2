/**
 * Who may use which route: the ONE table of route → audience rules, and the decision the request
 * hook applies before any load, action or endpoint runs. A route without a rule is refused at run
 * time and fails the route-tree tests (tests/e2e/access-matrix.test.ts, access.spec.ts), so every
 * new route needs a line here. Keys are SvelteKit route ids (`/(app)/admin/users`, `/wall`).
 *
 * Pure: no I/O, shared by src/hooks.server.ts and the tests.
 */
import type { Role } from './session';

/**
 * `public`: anyone. A role: a signed-in user with that role or a higher one (member < staff < admin).
 * `display`: a claimed, unrevoked wall display (its device cookie). `ingest-key`: the handler itself
 * checks the ingest key and answers 401 without one, so every browser principal gets 401.
 */
export type Audience = 'public' | Role | 'display' | 'ingest-key';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface RouteRule {
	/** GET/HEAD of the page and its `__data.json`. */
	page?: Audience;
	/** Form actions by name; the unnamed action is `default`. */
	actions?: Record<string, Audience>;
	/** `+server.ts` handlers by method. */
	endpoints?: Partial<Record<HttpMethod, Audience>>;
	/** What an allowed visitor to the page gets when it is not 200 (redirect-only pages). */
	pageStatus?: 303;
	/** Where an anonymous visitor to the page is sent; default `/login?next=…`. */
	signIn?: string;
	/** The page sends a signed-in person on (303) rather than showing itself (the sign-in page). */
	sendsSignedInOn?: true;
}

export const ROUTE_RULES: Record<string, RouteRule> = {
	// Signed-in people
	'/(app)': { page: 'member' },
	'/(app)/account': { page: 'member', actions: { password: 'member' } },
	// Supervision pages: every signed-in person reads them (personal payees are masked below staff)
	'/(app)/functions/[[code]]': { page: 'member' },
	'/(app)/departments': { page: 'member' },
	'/(app)/departments/[dept]': { page: 'member' },
	'/(app)/departments/[dept]/units/[unit]': { page: 'member' },
	'/(app)/departments/[dept]/projects/[project]': { page: 'member' },
	'/(app)/revenue/[[code]]': { page: 'member' },
	'/(app)/payments': { page: 'member' },
	'/(app)/payments/[id]': { page: 'member' },
	'/(app)/payments/export.csv': { endpoints: { GET: 'member' } },
	'/(app)/payments/export.xlsx': { endpoints: { GET: 'member' } },
	'/(app)/reports/month': { page: 'member' },
	'/(app)/assets': { page: 'member' },
	'/(app)/assets/report': { page: 'member' },
	'/(app)/assets/entities/[entity]': { page: 'member' },
	'/(app)/debt': { page: 'member' },
	// Audit rectification: everyone signed in reads it; staff add findings and record their work
	'/(app)/audit': { page: 'member', actions: { create: 'staff' } },
	'/(app)/audit/[finding]': { page: 'member', actions: { update: 'staff' } },
	'/(app)/reports/audit': { page: 'member' },
	// The ingest feed and its quarantine: staff and administrators
	'/(app)/feed': { page: 'staff' },
	'/(app)/feed/quarantine': { page: 'staff', actions: { resubmit: 'staff', discard: 'staff' } },
	// The classification tables and the codes in data that are not in them: staff and administrators
	'/(app)/codes': { page: 'staff' },
	// Alerts: everyone signed in reads them; staff work them (核实/反馈/整改/误报)
	'/(app)/alerts': { page: 'member' },
	'/(app)/alerts/[alert]': {
		page: 'member',
		actions: { acknowledge: 'staff', resolve: 'staff', dismiss: 'staff', redeliver: 'staff' }
	},
	// A fiscal year's cases summary; staff set the year-close day
	'/(app)/alerts/year/[year]': { page: 'member', actions: { setting: 'staff' } },
	// Thresholds and delivery: staff and admins only
	'/(app)/rules': { page: 'staff' },
	'/(app)/rules/[type]': {
		page: 'staff',
		actions: { preview: 'staff', save: 'staff', revert: 'staff' }
	},
	'/(app)/rules/[type]/profiles': { page: 'staff', actions: { preview: 'staff', save: 'staff' } },
	'/(app)/settings/alerts': { page: 'staff', actions: { save: 'staff', reset: 'staff' } },
	// Administration
	'/(app)/admin': { page: 'admin', pageStatus: 303 },
	'/(app)/admin/audit': { page: 'admin' },
	'/(app)/admin/displays': {
		page: 'admin',
		actions: { create: 'admin', playlist: 'admin', renew: 'admin', revoke: 'admin' }
	},
	'/(app)/admin/ingest-keys': { page: 'admin', actions: { create: 'admin', revoke: 'admin' } },
	'/(app)/admin/users': {
		page: 'admin',
		actions: { create: 'admin', role: 'admin', disable: 'admin', enable: 'admin', reset: 'admin' }
	},
	// Wall displays
	'/wall': { page: 'display', signIn: '/display/claim' },
	'/display/claim': { page: 'public', actions: { default: 'public' } },
	// Machines
	'/api/ingest': { endpoints: { POST: 'ingest-key' } },
	'/healthz': { endpoints: { GET: 'public' } },
	// Public plumbing
	'/lang': { page: 'public', pageStatus: 303, actions: { default: 'public' } },
	'/login': { page: 'public', sendsSignedInOn: true, actions: { default: 'public' } },
	'/logout': { page: 'public', pageStatus: 303, actions: { default: 'public' } }
};

const RANK: Record<Role, number> = { member: 1, staff: 2, admin: 3 };

/** Who is asking: a signed-in user, a wall display, both (one browser), or neither. */
export interface Principal {
	role: Role | null;
	display: boolean;
}

export const ANONYMOUS: Principal = { role: null, display: false };

export type RequestPart =
	{ kind: 'page' } | { kind: 'action'; name: string } | { kind: 'endpoint'; method: string };

export type Decision =
	| { allow: true }
	| { allow: false; status: 303; location: string }
	| { allow: false; status: 401 | 403 | 405; message: string };

export function allows(audience: Audience, who: Principal): boolean {
	if (audience === 'public' || audience === 'ingest-key') return true;
	if (audience === 'display') return who.display;
	return who.role !== null && RANK[who.role] >= RANK[audience];
}

/** The audience a request part needs, or undefined when the rule does not cover it. */
export function audienceOf(rule: RouteRule, part: RequestPart): Audience | undefined {
	if (part.kind === 'page') return rule.page;
	if (part.kind === 'action') return rule.actions?.[part.name];
	return (
		rule.endpoints?.[part.method as HttpMethod] ??
		(part.method === 'HEAD' ? rule.endpoints?.GET : undefined)
	);
}

/**
 * The decision for a request. `pathAndQuery` is where an anonymous visitor returns after signing in.
 * Anonymous visitors of pages are sent to sign in (303); anonymous actions and endpoints get 401;
 * anyone else who is not allowed gets 403.
 */
export function decide(
	rule: RouteRule | undefined,
	part: RequestPart,
	who: Principal,
	pathAndQuery = '/'
): Decision {
	if (!rule) return { allow: false, status: 403, message: 'No access rule covers this route' };
	const audience = audienceOf(rule, part);
	if (audience === undefined) {
		if (part.kind === 'endpoint')
			return { allow: false, status: 405, message: 'Method not allowed' };
		return { allow: false, status: 403, message: 'No access rule covers this request' };
	}
	if (allows(audience, who)) return { allow: true };
	const anonymous = who.role === null && !who.display;
	if (anonymous && part.kind === 'page') {
		const location = rule.signIn ?? `/login?next=${encodeURIComponent(pathAndQuery)}`;
		return { allow: false, status: 303, location };
	}
	if (anonymous) return { allow: false, status: 401, message: 'Sign in first' };
	return {
		allow: false,
		status: 403,
		message:
			audience === 'display'
				? 'This page is for registered wall displays'
				: 'Your role may not do this'
	};
}

/**
 * Which part of a route a request is for, the way SvelteKit dispatches it: `__data.json` and GET
 * are the page, POST to a page is a form action (`?/name`, else `default`), the rest endpoints.
 * When a route has both a page and endpoints, SvelteKit prefers the endpoint unless the request
 * asks for HTML or is a `use:enhance` action.
 */
export function requestPart(
	rule: RouteRule | undefined,
	request: {
		method: string;
		isDataRequest: boolean;
		accept: string | null;
		sveltekitAction: boolean;
		search: URLSearchParams;
	}
): RequestPart {
	const method = request.method.toUpperCase();
	const hasPage = rule?.page !== undefined || rule?.actions !== undefined;
	const hasEndpoints = rule?.endpoints !== undefined;
	if (request.isDataRequest) return { kind: 'page' };
	const pageMethod = method === 'GET' || method === 'HEAD' || method === 'POST';
	const toEndpoint =
		hasEndpoints &&
		(!hasPage ||
			!pageMethod ||
			(!(method === 'POST' && request.sveltekitAction) && !prefersHtml(request.accept ?? '*/*')));
	if (toEndpoint || !hasPage) return { kind: 'endpoint', method };
	if (method === 'POST') {
		const param = [...request.search.keys()].find((k) => k.startsWith('/'));
		return { kind: 'action', name: param ? param.slice(1) : 'default' };
	}
	return { kind: 'page' };
}

/**
 * SvelteKit's content negotiation (utils/http.js `negotiate(accept, ['*', 'text/html'])`), ported:
 * true when the request is for the page rather than an endpoint of the same route.
 */
function prefersHtml(accept: string): boolean {
	const parts: { type: string; subtype: string; q: number; i: number }[] = [];
	accept.split(',').forEach((str, i) => {
		const match = /^[ \t]*([^/ \t]+)\/([^; \t]+)[ \t]*(?:;[ \t]*q=([0-9.]+))?/.exec(str);
		if (match) parts.push({ type: match[1], subtype: match[2], q: Number(match[3] ?? '1'), i });
	});
	parts.sort((a, b) => {
		if (a.q !== b.q) return b.q - a.q;
		if ((a.subtype === '*') !== (b.subtype === '*')) return a.subtype === '*' ? 1 : -1;
		if ((a.type === '*') !== (b.type === '*')) return a.type === '*' ? 1 : -1;
		return a.i - b.i;
	});
	const any = parts.findIndex((p) => p.type === '*' && p.subtype === '*');
	const html = parts.findIndex(
		(p) => (p.type === 'text' || p.type === '*') && (p.subtype === 'html' || p.subtype === '*')
	);
	if (html === -1) return false;
	return any === -1 || html < any;
}

/** A route id as a pattern over URL paths: groups dropped, `[x]` one segment, `[[x]]` an optional one. */
function routePattern(id: string): RegExp {
	const parts = id.split('/').filter((s) => s && !/^\(.*\)$/.test(s));
	const body = parts
		.map((s) =>
			/^\[\[.+\]\]$/.test(s)
				? '(?:/[^/]+)?'
				: /^\[.+\]$/.test(s)
					? '/[^/]+'
					: `/${s.replace(/[.*+?^${}()|\\]/g, '\\$&')}`
		)
		.join('');
	return new RegExp(`^${body || '/'}$`);
}

const PAGE_PATTERNS = Object.entries(ROUTE_RULES)
	.filter(([, rule]) => rule.page !== undefined)
	.map(([id, rule]) => ({ pattern: routePattern(id), audience: rule.page! }));

/** Whether `who` may open the page at `href` (a path with an optional query): links are shown only then. */
export function mayOpenPage(href: string, who: Principal): boolean {
	const path = href.split(/[?#]/)[0] || '/';
	const match = PAGE_PATTERNS.find((p) => p.pattern.test(path));
	return match !== undefined && allows(match.audience, who);
}
