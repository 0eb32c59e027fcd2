/**
 * A walk over everything a principal can be sent: every page of the route tree, its `__data.json`,
 * every GET endpoint (exports included), and the same-origin links those lead to, within limits.
 * Routes come from the route tree (routes.ts), so a new route is walked without anyone listing it.
 * What each response carried is kept as text (an XLSX file's cells, JSON's \u escapes decoded).
 */
import ExcelJS from 'exceljs';
import type { Agent } from './http';
import { pathOf, scanRoutes, type RouteNode } from './routes';

export interface Visited {
	url: string;
	status: number;
	text: string;
	/** The route id of the route tree the URL belongs to. */
	route: string;
	/** A page, its `__data.json`, or a GET endpoint (an export). */
	kind: 'page' | 'data' | 'endpoint';
}

/** A route id as a pattern over URL paths (groups dropped, parameters any segment). */
function routePattern(node: RouteNode): RegExp {
	const parts = node.id.split('/').filter((s) => s && !/^\(.*\)$/.test(s));
	let source = '';
	for (const p of parts) {
		if (/^\[\[.+\]\]$/.test(p)) source += '(?:/[^/]+)?';
		else if (/^\[\.\.\..+\]$/.test(p)) source += '(?:/.*)?';
		else
			source +=
				'/' +
				p
					.split(/(\[[^\]]+\])/)
					.map((x) => (/^\[.*\]$/.test(x) ? '[^/]+' : x.replace(/[.*+?^${}()|\\]/g, '\\$&')))
					.join('');
	}
	return new RegExp(`^${source || '/'}$`);
}

/** Text of a response as a person would find it: an XLSX workbook's cells, \u escapes decoded. */
async function textOf(res: Response): Promise<string> {
	const type = res.headers.get('content-type') ?? '';
	if (type.includes('spreadsheetml')) {
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(await res.arrayBuffer());
		const cells: string[] = [];
		book.eachSheet((sheet) =>
			sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text))))
		);
		return cells.join('\n');
	}
	const text = await res.text();
	return text.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) =>
		String.fromCharCode(parseInt(h, 16))
	);
}

/** Same-origin links (href and action attributes) in a page. */
function linksIn(html: string): string[] {
	return [...html.matchAll(/(?:href|action)="(\/[^"#]*)"/g)].map((m) =>
		m[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"')
	);
}

export interface WalkOptions {
	/** Values for route parameters; several values of one are each walked. */
	params: Record<string, string[]>;
	/** Most URLs walked per route (links found add more of the same route up to this). */
	perRoute?: number;
	/** Most requests in all. */
	limit?: number;
	/** Extra paths to walk first. */
	extra?: string[];
}

/**
 * Walks as `agent`: each route's page with every parameter value (the first values fill the other
 * parameters), its data, its GET endpoint, then links found, each route up to `perRoute` URLs.
 */
export async function walk(agent: Agent, options: WalkOptions): Promise<Visited[]> {
	const routes = scanRoutes();
	// A static route wins over a parameter one (/payments/export.csv is not /payments/[id]).
	const patterns = routes
		.map((node) => ({ node, pattern: routePattern(node) }))
		.sort((a, b) => a.node.params.length - b.node.params.length);
	const perRoute = options.perRoute ?? 6;
	const limit = options.limit ?? 400;
	const seen = new Set<string>();
	const countByRoute = new Map<string, number>();
	const queue: string[] = [...(options.extra ?? [])];
	const first = Object.fromEntries(Object.entries(options.params).map(([k, v]) => [k, v[0]]));
	for (const node of routes) {
		queue.push(pathOf(node, first));
		for (const name of node.params)
			for (const value of options.params[name]?.slice(1) ?? [])
				queue.push(pathOf(node, { ...first, [name]: encodeURIComponent(value) }));
	}
	const visited: Visited[] = [];
	const routeOf = (path: string) => patterns.find((p) => p.pattern.test(path))?.node ?? null;
	while (queue.length > 0 && visited.length < limit) {
		const url = queue.shift()!;
		if (seen.has(url)) continue;
		seen.add(url);
		const [path, query] = url.split('?');
		const node = routeOf(path);
		if (!node) continue;
		const n = countByRoute.get(node.id) ?? 0;
		if (n >= perRoute && !(options.extra ?? []).includes(url)) continue;
		countByRoute.set(node.id, n + 1);
		const asked: string[] = [];
		if (node.page) {
			asked.push(url);
			asked.push(`${path === '/' ? '' : path}/__data.json${query ? `?${query}` : ''}`);
		} else if (node.endpoint) asked.push(url);
		for (const one of asked) {
			const res = await fetch(`${agent.server.url}${one}`, {
				redirect: 'manual',
				headers: {
					accept: one.includes('__data.json') ? '*/*' : 'text/html',
					...(agent.cookies.size ? { cookie: agent.cookieHeader } : {})
				}
			});
			const text = await textOf(res);
			const kind = one.includes('__data.json') ? 'data' : node.page ? 'page' : 'endpoint';
			visited.push({ url: one, status: res.status, text, route: node.id, kind });
			if (!one.includes('__data.json') && res.status === 200)
				for (const link of linksIn(text)) if (!seen.has(link)) queue.push(link);
		}
	}
	return visited;
}

/** Which of `needles` occur in the text. */
export function found(text: string, needles: readonly string[]): string[] {
	return needles.filter((n) => text.includes(n));
}

/** How much a walk visited: responses, routes (those answered 200 listed), exports. */
export function describeWalk(visited: readonly Visited[]): string {
	const count = (kind: Visited['kind']) => visited.filter((v) => v.kind === kind).length;
	const routes = new Set(visited.map((v) => v.route));
	const answered = [...new Set(visited.filter((v) => v.status === 200).map((v) => v.route))]
		.map((r) => r.replace('/(app)', '') || '/')
		.sort();
	const exports = visited.filter((v) => v.kind === 'endpoint' && v.url.includes('/export.'));
	const exportsOk = exports.filter((v) => v.status === 200).length;
	return (
		`${visited.length} responses (${count('page')} pages, ${count('data')} __data.json), ` +
		`${routes.size} routes (${answered.length} answered 200), ${exports.length} exports ` +
		`(${exportsOk} answered 200); routes answered 200: ${answered.join(' ')}`
	);
}
