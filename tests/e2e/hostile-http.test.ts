/**
 * Hostile HTTP requests on the built server each get a clear answer: a body over the limit is 413
 * however it is sent (chunked included, never a reset); the ingest API answers a wrong content
 * type with the contract's 400; bad path parameters are 400 or 404 on every parameter route of the
 * route tree, never 500; every response carries the security headers, static files included; and a
 * static file gone from under the running server (a build replaced) is a 404, not a crash.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, setUpPrincipals } from '../support/http';
import { pathOf, scanRoutes } from '../support/routes';
import { SAMPLE_PARAMS, seedSampleRecords } from '../support/samples';
import { ADMIN_PASSWORD, INGEST_KEY, startServer, type RunningServer } from '../support/server';

const MiB = 1024 * 1024;

/** Sends `bytes` of body in 64 KiB chunks (chunked unless a length is declared); never rejects. */
function post(
	server: RunningServer,
	path: string,
	headers: Record<string, string>,
	bytes: number,
	declareLength = false
): Promise<{ status?: number; body?: string; error?: string }> {
	return new Promise((resolve) => {
		const req = request(
			{
				host: '127.0.0.1',
				port: server.port,
				method: 'POST',
				path,
				headers: declareLength ? { ...headers, 'content-length': String(bytes) } : headers
			},
			(res) => {
				let body = '';
				res.on('data', (d) => (body += d));
				res.on('end', () => resolve({ status: res.statusCode, body }));
			}
		);
		req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
		const chunk = Buffer.alloc(64 * 1024, 'a');
		let sent = 0;
		const write = () => {
			while (sent < bytes) {
				const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
				sent += piece.length;
				if (!req.write(piece)) return void req.once('drain', write);
			}
			req.end();
		};
		write();
	});
}

const HEADERS = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'same-origin'
};

/** A static file with its precompressed copies, in the build before the server starts. */
const VANISHING = new URL(`../../build/client/e2e-vanishing-${process.pid}.txt`, import.meta.url)
	.pathname;
const VANISHING_TEXT = 'a static file of a build that is replaced while the server runs\n';

describe('hostile HTTP requests', () => {
	let server: RunningServer;
	let agents: Awaited<ReturnType<typeof setUpPrincipals>>['agents'];
	const key = { authorization: `Bearer ${INGEST_KEY}` };

	beforeAll(async () => {
		writeFileSync(VANISHING, VANISHING_TEXT);
		writeFileSync(`${VANISHING}.br`, brotliCompressSync(VANISHING_TEXT));
		writeFileSync(`${VANISHING}.gz`, gzipSync(VANISHING_TEXT));
		server = await startServer();
		await seedSampleRecords(server);
		({ agents } = await setUpPrincipals(server, ADMIN_PASSWORD));
	});
	afterAll(async () => {
		await server?.stop();
		for (const suffix of ['', '.br', '.gz']) rmSync(`${VANISHING}${suffix}`, { force: true });
	});

	it('answers a body over the limit with 413, chunked or with a length, never a reset', async () => {
		const json = { ...key, 'content-type': 'application/json' };
		for (const [label, answer] of [
			['chunked batch', await post(server, '/api/ingest', json, 20 * MiB)],
			['declared batch', await post(server, '/api/ingest', json, 20 * MiB, true)],
			['batch just over', await post(server, '/api/ingest', json, 8 * MiB + 1000)],
			[
				'chunked form',
				await post(
					server,
					'/login',
					{ 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
					20 * MiB
				)
			]
		] as const) {
			expect(answer.error, label).toBeUndefined();
			expect(answer.status, label).toBe(413);
		}
		// The server is fine afterwards.
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	});

	it('answers a batch sent as text or a form with the contract’s 400, and a bad key with 401', async () => {
		for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
			const res = await fetch(`${server.url}/api/ingest`, {
				method: 'POST',
				headers: { ...key, 'content-type': type },
				body: JSON.stringify({ batchId: 'typed', kind: 'unit', records: [] })
			});
			expect(res.status, type).toBe(400);
			expect((await res.json()).error).toMatch(
				/^content-type: send the batch as application\/json/
			);
		}
		const noKey = await fetch(`${server.url}/api/ingest`, {
			method: 'POST',
			headers: { authorization: 'Bearer nope', 'content-type': 'text/plain' },
			body: '{}'
		});
		expect(noKey.status).toBe(401);
		// JSON with a charset still goes through.
		const ok = await fetch(`${server.url}/api/ingest`, {
			method: 'POST',
			headers: { ...key, 'content-type': 'application/json; charset=utf-8' },
			body: JSON.stringify({ batchId: 'typed-ok', kind: 'unit', records: [] })
		});
		expect(ok.status).toBe(200);
	});

	it('answers bad path parameters on every parameter route with 400 or 404, never 500', async () => {
		const hostile = [
			'%00',
			'a%00b',
			'%ff',
			'%c0%ae',
			'%2e%2e',
			'..%2f..%2fetc%2fpasswd',
			'%0a%0d',
			'%e2%80%ae',
			'%f0%9f%92%a9',
			"'%20or%201=1--",
			'%3Cscript%3E',
			'x'.repeat(3000),
			'-1',
			'1e400',
			'%20'
		];
		const expected = (await agents.member.request('GET', '/payments/%00')).status;
		expect(expected).toBe(400);
		const failures: string[] = [];
		const routes = scanRoutes().filter((r) => r.params.length > 0);
		expect(routes.length).toBeGreaterThan(5);
		for (const node of routes)
			for (const name of node.params)
				for (const value of hostile) {
					const path = pathOf(node, { ...SAMPLE_PARAMS, [name]: value });
					for (const who of ['member', 'staff', 'anonymous'] as const) {
						for (const url of [path, `${path}/__data.json`]) {
							const res = await agents[who].request('GET', url);
							// A data request may report the load's failure inside a 200.
							const inner = /"status":(5\d\d)/.exec(res.text)?.[1];
							if (res.status >= 500 || inner)
								failures.push(`${who} GET ${url.slice(0, 80)}: ${inner ?? res.status}`);
						}
					}
				}
		// Query values and form fields that no query could take are 400 too.
		for (const url of ['/payments?payee=%00', '/admin/audit?q=%00', '/feed/quarantine?q=a%00'])
			expect((await agents.admin.request('GET', url)).status, url).toBe(400);
		expect(
			(await new Agent(server).form('/login', { username: 'a\u0000b', password: 'x' })).status
		).toBe(400);
		expect(failures).toEqual([]);
	});

	it('puts the security headers on every response: pages, data, static files, refusals, sockets', async () => {
		const page = await agents.anonymous.page('/login');
		const immutable = /\/_app\/immutable\/[^"]+\.js/.exec(page.text)?.[0];
		expect(immutable).toBeTruthy();
		const responses: [string, Response][] = [];
		for (const path of [
			'/login',
			'/healthz',
			'/favicon.svg',
			immutable!,
			'/_app/version.json',
			'/no-such-page',
			'/socket.io/?EIO=4&transport=polling'
		])
			responses.push([path, await fetch(`${server.url}${path}`)]);
		responses.push([
			'cross-site form post',
			await fetch(`${server.url}/login`, {
				method: 'POST',
				headers: {
					origin: 'https://evil.example',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: 'username=a&password=b'
			})
		]);
		for (const [label, res] of responses) {
			for (const [name, value] of Object.entries(HEADERS))
				expect(res.headers.get(name), `${label} ${name}`).toBe(value);
			expect(res.headers.get('content-security-policy'), label).toMatch(/frame-ancestors 'none'/);
		}
		expect(responses[3][1].status).toBe(200); // the immutable file itself
		// A page keeps its own policy (one, with its nonce), not the fallback.
		expect(responses[0][1].headers.get('content-security-policy')).toMatch(/'nonce-/);
	});

	it('answers 404 for a static file removed under the running server, and keeps serving', async () => {
		const path = `/${VANISHING.split('/').pop()}`;
		const get = (encoding: string) =>
			fetch(`${server.url}${path}`, { headers: { 'accept-encoding': encoding } });
		const whole = await get('br');
		expect(whole.headers.get('content-encoding')).toBe('br');
		expect(await whole.text()).toBe(VANISHING_TEXT);
		rmSync(`${VANISHING}.br`);
		expect((await get('br')).status).toBe(404);
		const gzip = await get('gzip');
		expect(gzip.headers.get('content-encoding')).toBe('gzip');
		expect(await gzip.text()).toBe(VANISHING_TEXT);
		rmSync(VANISHING);
		expect((await get('identity')).status).toBe(404);
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		expect(server.process.exitCode).toBeNull();
	});
});
