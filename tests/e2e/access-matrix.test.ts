/**
 * Every route, form action and endpoint of the route tree against anonymous, member, staff, admin
 * and a wall display, on the built server. The cases come from src/routes, the expectations from
 * the rule in access.ts read through the policy below (written out again here on purpose, so the
 * test does not just replay the hook's code): a route without a rule fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_RULES, type Audience, type RouteRule } from '../../src/lib/server/auth/access';
import { Agent, setUpPrincipals } from '../support/http';
import { actionsOf, methodsOf, pathOf, scanRoutes, type RouteNode } from '../support/routes';
import { SAMPLE_PARAMS, seedSampleRecords } from '../support/samples';
import { ADMIN_PASSWORD, startServer, type RunningServer } from '../support/server';

const WHO = ['anonymous', 'member', 'staff', 'admin', 'display'] as const;
type Who = (typeof WHO)[number];
type Part =
	| { kind: 'page' }
	| { kind: 'data' }
	| { kind: 'action'; name: string }
	| { kind: 'endpoint'; method: string };

const RANK = { member: 1, staff: 2, admin: 3 } as const;

function allowed(audience: Audience, who: Who): boolean {
	if (audience === 'public') return true;
	if (audience === 'display') return who === 'display';
	if (audience === 'ingest-key') return false; // nobody here holds a key
	return who !== 'anonymous' && who !== 'display' && RANK[who] >= RANK[audience];
}

/** The one status each principal must get. */
function expected(rule: RouteRule, part: Part, who: Who): number {
	const audience =
		part.kind === 'page' || part.kind === 'data'
			? rule.page
			: part.kind === 'action'
				? rule.actions?.[part.name]
				: rule.endpoints?.[part.method as 'GET'];
	if (audience === undefined) throw new Error('no rule');
	if (audience === 'ingest-key') return 401; // the endpoint's own answer to a request without a key
	if (allowed(audience, who)) {
		if (part.kind !== 'page') return 200;
		if (rule.sendsSignedInOn && RANK[who as 'member'] !== undefined) return 303;
		return rule.pageStatus ?? 200;
	}
	if (who === 'anonymous') return part.kind === 'page' ? 303 : part.kind === 'data' ? 200 : 401;
	return 403;
}

describe('the route × role matrix', () => {
	let server: RunningServer;
	let agents: Record<Who, Agent>;
	let passwords: Record<string, string>;
	const routes = scanRoutes();
	const table: string[] = [];

	beforeAll(async () => {
		server = await startServer();
		await seedSampleRecords(server);
		({ agents, passwords } = await setUpPrincipals(server, ADMIN_PASSWORD));
	});
	afterAll(async () => {
		if (table.length) console.log(`[matrix]\n${table.join('\n')}`);
		await server?.stop();
	});

	/** A new session of a person for one form action (an action such as /logout may end it). */
	async function fresh(who: Who): Promise<Agent> {
		if (who === 'anonymous' || who === 'display') return agents[who];
		const agent = new Agent(server);
		await agent.signIn(
			who === 'admin' ? 'admin' : `${who}1`,
			passwords[who === 'admin' ? 'admin' : `${who}1`]
		);
		return agent;
	}

	async function request(
		node: RouteNode,
		part: Part,
		who: Who
	): Promise<{ status: number; type?: string }> {
		const path = pathOf(node, SAMPLE_PARAMS);
		if (part.kind === 'page') return agents[who].page(path);
		if (part.kind === 'data') {
			const res = await agents[who].request('GET', `${path === '/' ? '' : path}/__data.json`);
			return {
				status: res.status,
				type: res.status === 200 ? JSON.parse(res.text).type : undefined
			};
		}
		if (part.kind === 'action') {
			const agent = await fresh(who);
			const res = await agent.action(part.name === 'default' ? path : `${path}?/${part.name}`);
			return { status: res.status, type: JSON.parse(res.text).type };
		}
		return agents[who].request(part.method, path, {
			headers: { accept: 'application/json', 'content-type': 'application/json' },
			body: part.method === 'GET' || part.method === 'HEAD' ? undefined : '{}'
		});
	}

	it('finds the routes it walks in the route tree', () => {
		expect(routes.map((r) => r.id)).toEqual(
			expect.arrayContaining(['/(app)', '/(app)/admin/users', '/wall', '/api/ingest', '/login'])
		);
	});

	it('gives every principal exactly what the rules say on every page, data request, form action and endpoint', async () => {
		const failures: string[] = [];
		for (const node of routes) {
			const rule = ROUTE_RULES[node.id];
			if (!rule) {
				failures.push(`${node.id}: no rule in src/lib/server/auth/access.ts`);
				continue;
			}
			const parts: Part[] = [];
			if (node.page) parts.push({ kind: 'page' }, { kind: 'data' });
			for (const name of await actionsOf(node)) parts.push({ kind: 'action', name });
			for (const method of await methodsOf(node))
				if (method !== 'fallback') parts.push({ kind: 'endpoint', method });
			for (const part of parts) {
				const row: string[] = [];
				for (const who of WHO) {
					const want = expected(rule, part, who);
					const got = await request(node, part, who);
					row.push(`${who}=${got.status}`);
					const label = `${node.id} ${part.kind === 'action' ? `?/${part.name}` : part.kind === 'endpoint' ? part.method : part.kind} as ${who}`;
					if (got.status !== want) failures.push(`${label}: expected ${want}, got ${got.status}`);
					// An allowed action ran (its answer is a result, not a refusal); a refused one did not.
					if (
						part.kind === 'action' &&
						want === 200 &&
						!['success', 'failure', 'redirect'].includes(got.type ?? '')
					)
						failures.push(`${label}: expected an action result, got ${got.type}`);
					if (part.kind === 'action' && want !== 200 && got.type !== 'error')
						failures.push(`${label}: expected a refusal, got ${got.type}`);
					// A data request of a page someone may not see carries no data.
					if (
						part.kind === 'data' &&
						got.status === 200 &&
						!allowed(rule.page!, who) &&
						got.type !== 'redirect'
					)
						failures.push(`${label}: expected a redirect to sign in, got ${got.type}`);
				}
				table.push(
					`${node.id.padEnd(28)} ${(part.kind === 'action' ? `?/${part.name}` : part.kind === 'endpoint' ? part.method : part.kind).padEnd(12)} ${row.join(' ')}`
				);
			}
		}
		expect(failures).toEqual([]);
		expect(table.length).toBeGreaterThan(25);
	});

	it('sends an anonymous visitor to sign in and back, and a lapsed display to pair again', async () => {
		const anonymous = new Agent(server);
		const res = await anonymous.page('/admin/users?x=1');
		expect(res.headers.get('location')).toBe('/login?next=%2Fadmin%2Fusers%3Fx%3D1');
		expect((await anonymous.page('/wall')).headers.get('location')).toBe('/display/claim');
		anonymous.cookies.set('qd_display', 'd1.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
		const lapsed = await anonymous.page('/wall');
		expect(lapsed.headers.get('location')).toBe('/display/claim?revoked=1');
		expect(anonymous.cookies.has('qd_display')).toBe(false);
	});

	it('refuses form posts from another site before any action runs (SvelteKit’s CSRF check)', async () => {
		const admin = await fresh('admin');
		const res = await admin.request('POST', '/admin/users?/create', {
			headers: {
				origin: 'https://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: 'username=mallory&displayName=m&role=admin'
		});
		expect(res.status).toBe(403);
		expect(res.text).toMatch(/Cross-site POST form submissions are forbidden/);
		expect((await admin.page('/admin/users')).text).not.toContain('mallory');
	});

	it('serves every response with the security headers, and pages with a nonce-based CSP', async () => {
		const page = await agents.anonymous.page('/login');
		const csp = page.headers.get('content-security-policy') ?? '';
		expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
		for (const res of [
			page,
			await agents.anonymous.request('GET', '/healthz'),
			await agents.member.page('/admin/users')
		]) {
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			expect(res.headers.get('x-frame-options')).toBe('DENY');
			expect(res.headers.get('content-security-policy')).toBeTruthy();
		}
		const personal = await agents.member.page('/');
		expect(personal.headers.get('cache-control')).toBe('private, no-store');
		const cookie = (
			await new Agent(server).form('/login', { username: 'admin', password: ADMIN_PASSWORD })
		).headers.getSetCookie()[0];
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
	});
});
