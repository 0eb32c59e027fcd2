/**
 * The app server as the ingest benchmark runs it: server/boot.ts (database, migrations, Socket.IO
 * /ingest and /live) on an HTTP server of its own process, without the SvelteKit pages. DEMO=0.
 * Prints `listening <port>` once ready; SIGTERM shuts it down (PGlite checkpoints).
 */
import { createServer } from 'node:http';
import { boot } from '../../server/boot';

const server = createServer((_req, res) => {
	res.writeHead(404);
	res.end();
});
const app = await boot(server, { ...process.env, DEMO: '0' });
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
