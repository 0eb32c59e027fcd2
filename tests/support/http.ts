/**
 * A small HTTP client with a cookie jar, speaking to the app the way a browser does (same-origin
 * form posts, `use:enhance` action requests). Every response it sees is kept, so tests can search
 * them for secrets.
 */
import type { RunningServer } from './server';

export interface Seen {
	method: string;
	path: string;
	status: number;
	headers: string;
	body: string;
}

export class Agent {
	readonly cookies = new Map<string, string>();

	constructor(
		readonly server: Pick<RunningServer, 'url'>,
		readonly seen: Seen[] = []
	) {}

	get cookieHeader(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	async request(
		method: string,
		path: string,
		init: { headers?: Record<string, string>; body?: BodyInit } = {}
	): Promise<{ status: number; headers: Headers; text: string }> {
		const res = await fetch(`${this.server.url}${path}`, {
			method,
			redirect: 'manual',
			headers: { ...(this.cookies.size ? { cookie: this.cookieHeader } : {}), ...init.headers },
			body: init.body
		});
		for (const c of res.headers.getSetCookie()) {
			const [pair, ...attrs] = c.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const gone =
				!value ||
				attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
			if (gone) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
		const text = await res.text();
		this.seen.push({
			method,
			path,
			status: res.status,
			headers: [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n'),
			body: text
		});
		return { status: res.status, headers: res.headers, text };
	}

	/** A page as a browser asks for it. */
	page(path: string) {
		return this.request('GET', path, { headers: { accept: 'text/html' } });
	}

	/** A same-origin form post as a browser without JavaScript sends it (answered with HTML). */
	form(path: string, fields: Record<string, string | string[]>) {
		return this.request('POST', path, {
			headers: {
				accept: 'text/html',
				origin: this.server.url,
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: encode(fields)
		});
	}

	/** A form action as `use:enhance` sends it (answered with an ActionResult in JSON). */
	action(path: string, fields: Record<string, string | string[]> = {}) {
		return this.request('POST', path, {
			headers: {
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				origin: this.server.url,
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: encode(fields)
		});
	}

	async signIn(username: string, password: string): Promise<void> {
		const res = await this.form('/login', { username, password });
		if (res.status !== 303 || !this.cookies.has('qd_session'))
			throw new Error(`sign-in of ${username} failed: ${res.status}`);
	}
}

function encode(fields: Record<string, string | string[]>): string {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(fields))
		for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
	return p.toString();
}

/** The text of the first element with this data-testid in an HTML page (entities decoded). */
export function testidText(html: string, testid: string): string | null {
	const m = new RegExp(`data-testid="${testid}"[^>]*>([^<]*)<`).exec(html);
	return m ? decodeEntities(m[1]) : null;
}

function decodeEntities(s: string): string {
	return s.replace(
		/&(lt|gt|amp|quot|#39);/g,
		(_, e) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'" })[e as string]!
	);
}

/**
 * Accounts of every role and a paired wall display on a running server, made through the admin
 * pages as an operator would. Passwords and the display credential are the server's own one-time ones.
 */
export async function setUpPrincipals(
	server: Pick<RunningServer, 'url'>,
	adminPassword: string,
	seen: Seen[] = []
) {
	const admin = new Agent(server, seen);
	await admin.signIn('admin', adminPassword);
	const passwords: Record<string, string> = { admin: adminPassword };
	const agents: Record<'member' | 'staff' | 'admin' | 'display' | 'anonymous', Agent> = {
		anonymous: new Agent(server, seen),
		member: new Agent(server, seen),
		staff: new Agent(server, seen),
		admin,
		display: new Agent(server, seen)
	};
	for (const role of ['member', 'staff'] as const) {
		const created = await admin.form('/admin/users?/create', {
			username: `${role}1`,
			displayName: `${role} one`,
			role
		});
		const password = testidText(created.text, 'secret-value');
		if (!password) throw new Error(`no password for ${role}1 (${created.status})`);
		passwords[`${role}1`] = password;
		await agents[role].signIn(`${role}1`, password);
	}
	const display = await admin.form('/admin/displays?/create', {
		name: 'matrix display',
		screen: ['overview', 'payments'],
		seconds: ['30', '20'],
		kind: ['general', 'general']
	});
	const code = testidText(display.text, 'claim-code');
	if (!code) throw new Error(`no claim code (${display.status})`);
	const claim = await agents.display.form('/display/claim', { code });
	if (claim.status !== 303 || !agents.display.cookies.has('qd_display'))
		throw new Error(`claim failed: ${claim.status}`);
	return { agents, passwords, code };
}
