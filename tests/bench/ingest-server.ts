/**
 * The app server as the ingest benchmark runs it: server/boot.ts (database, migrations, Socket.IO
 * /ingest and /live) on an HTTP server of its own process, without the SvelteKit pages. DEMO=0.
 * BENCH_CITY_YEAR (and BENCH_CITY_PAYMENTS, payments in that year) seeds the bench city's units and
 * plan lines first. Prints `listening <port>` once ready; SIGTERM shuts it down (PGlite checkpoints).
 * A line `memory` on stdin is answered `memory {"rss":…,"heapUsed":…}` on stdout, after a full
 * collection when node runs with --expose-gc (bench:live's memory per connection).
 *
 * BENCH_LIVE_FLOOR=<year>:<budgetKind> (bench:live's `--mode floor`): every /live socket leaves its
 * rooms for one of its own, and each coalesced flush sends it a few bytes — the year's paid total of
 * that kind since start, summed from the flush's events — instead of events and views: the fan-out
 * floor of this machine, what no view design can beat.
 */
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { boot } from '../../server/boot';
import { seedBenchReference } from './dashboards-data';
import { yuanToFen } from '../../src/lib/domain/money';
import type { LiveEvent } from '../../src/lib/live/events';

const server = createServer((_req, res) => {
	res.writeHead(404);
	res.end();
});
const app = await boot(server, { ...process.env, DEMO: '0' });
if (process.env.BENCH_CITY_YEAR) {
	// The city's units and plan lines, so payments are judged against real plans and known units.
	const seeded = await seedBenchReference(
		app.database.db,
		Number(process.env.BENCH_CITY_YEAR),
		Number(process.env.BENCH_CITY_PAYMENTS)
	);
	console.error(`[bench server] ${seeded.units} units, ${seeded.planLines} plan lines`);
}
if (process.env.BENCH_LIVE_FLOOR) {
	const [year, kind] = process.env.BENCH_LIVE_FLOOR.split(':');
	const live = app.realtime.io.of('/live');
	const views = app.realtime.views;
	const onFlush = views.onFlush.bind(views);
	let total = 0n;
	live.on('connection', (socket) => {
		for (const room of [...socket.rooms]) if (room !== socket.id) socket.leave(room);
		socket.join('bench-floor');
		socket.emit('floor', String(total));
	});
	views.onFlush = (events: LiveEvent[]) => {
		let changed = false;
		for (const e of events)
			if (e.topic === 'execution')
				for (const c of (
					e.payload as { changes: { year: number; budgetKind: string; amount: string }[] }
				).changes)
					if (String(c.year) === year && c.budgetKind === kind) {
						total += yuanToFen(c.amount);
						changed = true;
					}
		if (changed) live.local.to('bench-floor').emit('floor', String(total));
		return onFlush(events);
	};
}
server.listen(0, '127.0.0.1', () => {
	const { port } = server.address() as { port: number };
	console.log(`listening ${port}`);
});
const stop = async () => {
	server.close();
	server.closeAllConnections();
	await app.shutdown();
	process.exit(0);
};
process.on('SIGTERM', () => void stop());
createInterface({ input: process.stdin }).on('line', (line) => {
	if (line !== 'memory') return;
	(globalThis as { gc?: () => void }).gc?.();
	const { rss, heapUsed, external } = process.memoryUsage();
	console.log(`memory ${JSON.stringify({ rss, heapUsed, external })}`);
});
