/**
 * The route tree as SvelteKit sees it (src/routes/**): every page, its form actions and every
 * endpoint with its methods. The access tests are generated from it, so a new route shows up in
 * them without anyone listing it, and fails them until it has a rule in access.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROUTES_DIR = fileURLToPath(new URL('../../src/routes', import.meta.url));

export interface RouteNode {
	/** SvelteKit's route id: `/`, `/(app)/admin/users`, `/wall`. */
	id: string;
	dir: string;
	/** Has +page.svelte / +page.server.ts / +page.ts. */
	page: boolean;
	pageServer: string | null;
	endpoint: string | null;
	/** Parameters in the id, in order (`[code]` → `code`, `[[lang]]` → `lang`, `[...rest]` → `rest`). */
	params: string[];
}

const PAGE_FILES = ['+page.svelte', '+page.server.ts', '+page.server.js', '+page.ts', '+page.js'];

export function scanRoutes(root = ROUTES_DIR): RouteNode[] {
	const found: RouteNode[] = [];
	const walk = (dir: string) => {
		const files = readdirSync(dir, { withFileTypes: true });
		const names = new Set(files.filter((f) => f.isFile()).map((f) => f.name));
		const rel = relative(root, dir).split(sep).filter(Boolean).join('/');
		const id = `/${rel}`;
		const page = PAGE_FILES.some((f) => names.has(f));
		const pageServer = ['+page.server.ts', '+page.server.js'].find((f) => names.has(f));
		const endpoint = ['+server.ts', '+server.js'].find((f) => names.has(f));
		if (page || endpoint)
			found.push({
				id,
				dir,
				page,
				pageServer: pageServer ? join(dir, pageServer) : null,
				endpoint: endpoint ? join(dir, endpoint) : null,
				params: [...id.matchAll(/\[{1,2}(?:\.\.\.)?([^\]=]+)(?:=[^\]]+)?\]{1,2}/g)].map((m) => m[1])
			});
		for (const f of files) if (f.isDirectory()) walk(join(dir, f.name));
	};
	if (existsSync(root)) walk(root);
	return found.sort((a, b) => a.id.localeCompare(b.id));
}

/** The URL path of a route: groups dropped, parameters filled from `samples`. */
export function pathOf(node: RouteNode, samples: Record<string, string>): string {
	const segments = node.id
		.split('/')
		.filter((s) => s && !/^\(.*\)$/.test(s))
		.map((s) =>
			s.replace(/\[{1,2}(?:\.\.\.)?([^\]=]+)(?:=[^\]]+)?\]{1,2}/g, (_, name: string) => {
				if (!(name in samples))
					throw new Error(`route ${node.id}: add a sample value for [${name}] to the matrix test`);
				return samples[name];
			})
		);
	return `/${segments.join('/')}`;
}

/** Form action names a page exports (`default` for the unnamed one). */
export async function actionsOf(node: RouteNode): Promise<string[]> {
	if (!node.pageServer) return [];
	const mod = (await import(/* @vite-ignore */ pathToFileURL(node.pageServer).href)) as {
		actions?: Record<string, unknown>;
	};
	return Object.keys(mod.actions ?? {}).sort();
}

/** HTTP methods an endpoint exports. */
export async function methodsOf(node: RouteNode): Promise<string[]> {
	if (!node.endpoint) return [];
	const mod = (await import(/* @vite-ignore */ pathToFileURL(node.endpoint).href)) as Record<
		string,
		unknown
	>;
	return Object.keys(mod)
		.filter((k) =>
			['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'fallback'].includes(k)
		)
		.sort();
}
