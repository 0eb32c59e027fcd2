// Builds the app when build/ is missing or older than the sources, so `npm start` just works.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const built = join(root, 'build', 'handler.js');

/**
 * Newest modification time under a path.
 * @param {string} path
 * @returns {number}
 */
function newest(path) {
	if (!existsSync(path)) return 0;
	const s = statSync(path);
	if (!s.isDirectory()) return s.mtimeMs;
	return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sourcesTime = Math.max(
	...['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) =>
		newest(join(root, p))
	)
);
if (!existsSync(built) || statSync(built).mtimeMs < sourcesTime) {
	console.log('[qiandai] building the app (first start or sources changed)…');
	execSync('npx vite build', { cwd: root, stdio: 'inherit' });
}
