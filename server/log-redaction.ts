/**
 * Every line the server prints goes through `redact` ($lib/server/log): SvelteKit's, Socket.IO's
 * and libraries' messages included, so that no secret, hash or token reaches the log whoever
 * formats the message. Installed once, first thing, by server/index.ts.
 */
import { format } from 'node:util';
import { redact } from '../src/lib/server/log';

type Method = 'log' | 'info' | 'warn' | 'error' | 'debug';

/** Wraps the console; `secrets` gives the configured secrets (passwords, keys) to look for. */
export function installLogRedaction(secrets: () => readonly string[]): void {
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as Method[]) {
		const original = console[method].bind(console);
		console[method] = (...args: unknown[]) => original(redact(format(...args), secrets()));
	}
}

/** The secrets an environment configures: the first admin's password, ingest keys, URL passwords. */
export function configuredSecrets(env: NodeJS.ProcessEnv): string[] {
	const found = [env.ADMIN_PASSWORD ?? '', ...(env.INGEST_KEYS ?? '').split(',')];
	for (const url of [env.DATABASE_URL, env.REDIS_URL]) {
		try {
			if (url) found.push(decodeURIComponent(new URL(url).password));
		} catch {
			/* not a URL: nothing to take from it */
		}
	}
	return found.map((s) => s.trim()).filter((s) => s.length >= 6);
}
