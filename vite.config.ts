import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Development only: boots the database and Socket.IO on Vite's own HTTP server, the same code
 * server/index.ts runs in production. Not under vitest, which also starts a dev server.
 */
function qiandaiDevServer(): Plugin {
	return {
		name: 'qiandai-dev-server',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer || process.env.VITEST) return;
			const httpServer = server.httpServer as HttpServer;
			// Loaded through Vite's SSR pipeline so it shares module instances with the SvelteKit routes.
			const { boot } = (await server.ssrLoadModule(
				'/server/boot.ts'
			)) as typeof import('./server/boot');
			const app = await boot(httpServer);
			const onListening = () => app.startFeed((httpServer.address() as AddressInfo).port);
			if (httpServer.listening) onListening();
			else httpServer.once('listening', onListening);
			httpServer.once('close', () => void app.shutdown());
		}
	};
}

/**
 * Browser build only: engine.io-client's table of transports holds the WebSocket transport alone,
 * so HTTP long-polling and WebTransport (about 3 KiB gzip) leave every page's first load. The tab's
 * one socket asks for the WebSocket transport only (src/lib/live/client.svelte.ts); engine.io-client
 * 6.6.8 no longer exports a Socket class without the other transports, so its table is swapped here.
 */
function websocketOnlyEngine(): Plugin {
	const table = '\0qiandai:engine-io-transports';
	return {
		name: 'qiandai-websocket-only-engine',
		apply: 'build',
		enforce: 'pre',
		resolveId(source, importer) {
			if (this.environment.name !== 'client' || !importer) return;
			if (
				source === './transports/index.js' &&
				/[\\/]engine\.io-client[\\/]build[\\/]esm[\\/]socket\.js$/.test(importer)
			)
				return `${table}:${importer}`;
		},
		load(id) {
			if (!id.startsWith(`${table}:`)) return;
			const websocket = join(dirname(id.slice(table.length + 1)), 'transports/websocket.js');
			return `import { WS } from ${JSON.stringify(websocket)};\nexport const transports = { websocket: WS };\n`;
		}
	};
}

/**
 * Browser build only: socket.io-client gets the JSON-only packet parser (src/lib/live/socket-parser.ts)
 * in place of socket.io-parser, whose binary attachments (about 2 KiB gzip) the app never sends.
 * Its Manager imports the default parser whatever parser a socket is given, hence the swap here.
 */
function jsonSocketParser(): Plugin {
	const parser = fileURLToPath(new URL('./src/lib/live/socket-parser.ts', import.meta.url));
	return {
		name: 'qiandai-json-socket-parser',
		apply: 'build',
		enforce: 'pre',
		resolveId(source, importer) {
			if (this.environment.name !== 'client' || !importer) return;
			if (source === 'socket.io-parser' && /[\\/]socket\.io-client[\\/]/.test(importer))
				return parser;
		}
	};
}

/**
 * Browser build only: the code every page loads before its own, the Svelte runtime and SvelteKit's
 * client, in one chunk instead of five (about 1 KiB gzip less a page: one gzip stream, no import lists
 * between them). Only modules that all pages load anyway: not `$app/forms`, which some pages use.
 */
function shellChunk(): Plugin {
	const shell = new RegExp(
		[
			String.raw`node_modules/svelte/src/(internal|index-client\.js|store)`,
			String.raw`node_modules/@sveltejs/kit/src/(runtime/(client|shared|utils|app/(state|navigation|paths|environment))|utils|exports)`
		].join('|')
	);
	return {
		name: 'qiandai-shell-chunk',
		apply: 'build',
		outputOptions(options) {
			if (this.environment.name !== 'client') return;
			return { ...options, codeSplitting: { groups: [{ name: 'shell', test: shell }] } };
		}
	};
}

export default defineConfig({
	plugins: [
		sveltekit(),
		qiandaiDevServer(),
		websocketOnlyEngine(),
		jsonSocketParser(),
		shellChunk()
	],
	optimizeDeps: { exclude: ['@electric-sql/pglite'] },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: [
						'src/**/*.spec.ts',
						'db/**/*.spec.ts',
						'server/**/*.spec.ts',
						'tests/lint/**/*.test.ts'
					],
					environment: 'node',
					// A few specs generate the demo city's year (about 245,000 payments).
					testTimeout: 30_000
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 120_000,
					hookTimeout: 180_000,
					fileParallelism: false
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					testTimeout: 120_000,
					hookTimeout: 240_000,
					fileParallelism: false
				}
			}
		]
	}
});
