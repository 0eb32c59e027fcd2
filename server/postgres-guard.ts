/**
 * postgres.js 3.4.9 can throw from a timer when PostgreSQL ends a connection in the middle of a
 * transaction (a backend terminated, the server restarted): its own ROLLBACK is written to the
 * socket it has just closed (porsager/postgres#1208, still open). The query has already failed and
 * its transaction rolled back — nothing was acknowledged — so the app server carries on and the
 * sender retries. Any other uncaught exception still ends the process, as Node would.
 */
export function isClosedSocketWrite(err: unknown): boolean {
	if (!(err instanceof TypeError)) return false;
	return /\(reading 'write'\)/.test(err.message) && /[\\/]postgres[\\/](?:cjs[\\/])?src[\\/]connection\.js/.test(err.stack ?? '');
}

export function installPostgresGuard(log: Pick<Console, 'warn' | 'error'> = console): void {
	process.on('uncaughtException', (err, origin) => {
		if (isClosedSocketWrite(err)) {
			log.warn('[qiandai] a PostgreSQL connection closed during a query (postgres.js #1208); its batch was not stored and will be retried');
			return;
		}
		log.error(`[qiandai] ${origin}:`, err);
		process.exit(1);
	});
}
