/**
 * Ingest limits are the same on both transports: a batch of too many records or bytes is refused
 * whole — HTTP 413, socket ack `{ batchId, error }`, nothing stored, the connection kept — and a
 * record over its own limit is rejected alone and kept (truncated) in quarantine.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../../db/client';
import { attachRealtime, type Realtime } from '../../server/realtime';
import {
	MAX_BATCH_BYTES,
	MAX_BATCH_RECORDS,
	MAX_RECORD_BYTES,
	type IngestAck,
	type IngestError
} from '../../src/lib/domain/records';
import { handle } from '../../src/lib/server/ingest/http';
import { setRuntime, type Config } from '../../src/lib/server/runtime';
import { databaseTargets } from '../support/databases';
import { paymentRecord } from '../support/factories';

const KEY = 'limits-test-ingest-key';

describe.each(databaseTargets)('ingest limits on $name', (target) => {
	let database: Database & { drop(): Promise<void> };
	let server: HttpServer;
	let realtime: Realtime;
	let socket: Socket;

	beforeAll(async () => {
		if (target.unavailable) return;
		database = await target.open();
		const config: Config = {
			fiscalTz: 'Asia/Shanghai',
			ingestKeys: [KEY],
			demo: false,
			alertsOnIngest: true
		};
		server = createServer((_req, res) => res.writeHead(404).end());
		realtime = await attachRealtime(server, { database, config, origins: [] });
		setRuntime({ database, config, live: realtime.live });
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		socket = connectClient(`${url}/ingest`, {
			transports: ['websocket'],
			auth: { key: KEY },
			reconnection: false,
			forceNew: true
		});
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('connect_error', reject);
		});
	});
	afterAll(async () => {
		socket?.close();
		await realtime?.close();
		server?.close();
		setRuntime(undefined);
		await database?.drop();
	});

	const post = async (body: string) => {
		const res = await handle(
			new Request('http://app.test/api/ingest', {
				method: 'POST',
				headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
				body
			})
		);
		return res as { status: number; body: IngestAck & IngestError };
	};
	const emit = (body: unknown) =>
		socket.timeout(30_000).emitWithAck('batch', body) as Promise<IngestAck & IngestError>;
	const stored = async (batchId: string) =>
		(
			await rows<{ n: number }>(
				database.db,
				sql`select count(*)::int as n from ingest_batch where batch_id = ${batchId}`
			)
		)[0].n;

	it.skipIf(target.unavailable)(
		'rejects alone a record nested thousands of levels deep over the socket, and stores the rest',
		async () => {
			let deep: unknown = { amount: '1.00' };
			for (let i = 0; i < 3000; i++) deep = { nested: deep };
			const ack = await emit({
				batchId: 'deep-socket',
				kind: 'payment',
				records: [paymentRecord(), deep, paymentRecord({ paidAt: '0050-01-01T00:00:00' })]
			});
			expect(ack.error).toBeUndefined();
			expect(ack.accepted).toBe(1);
			expect(ack.rejected.map((r) => r.index)).toEqual([1, 2]);
			expect(ack.rejected[0].reason).toMatch(/nested more than 32 levels/);
			expect(ack.rejected[1].reason).toMatch(/before the year 2000 \("0050/);
		}
	);

	it.skipIf(target.unavailable)(
		`refuses more than ${MAX_BATCH_RECORDS} records in a batch on both transports, storing nothing`,
		async () => {
			const records = Array.from({ length: MAX_BATCH_RECORDS + 1 }, () => ({ id: 'x' }));
			const http = await post(
				JSON.stringify({ batchId: 'too-many-http', kind: 'payment', records })
			);
			expect(http.status).toBe(413);
			expect(http.body).toEqual({
				batchId: 'too-many-http',
				error: expect.stringMatching(/^records: at most 10000 records per batch, got 10001/)
			});
			const ack = await emit({ batchId: 'too-many-socket', kind: 'payment', records });
			expect(ack).toEqual({ batchId: 'too-many-socket', error: http.body.error });
			expect(await stored('too-many-http')).toBe(0);
			expect(await stored('too-many-socket')).toBe(0);
		}
	);

	it.skipIf(target.unavailable)(
		'refuses a batch over the byte limit with the same error on both transports, keeping the socket',
		async () => {
			const big = 'x'.repeat(4000);
			// Records under their own limit, together over the batch's.
			const records = Array.from({ length: Math.ceil(MAX_BATCH_BYTES / 4000) + 10 }, (_, i) =>
				paymentRecord({ purpose: big, id: `BIG-${i}` })
			);
			const body = { batchId: 'too-big', kind: 'payment', records };
			const http = await post(JSON.stringify(body));
			expect(http.status).toBe(413);
			expect(http.body.error).toMatch(
				/^batch: \d+ bytes is over the 8388608-byte limit for one batch; send fewer records per batch$/
			);
			const ack = await emit(body);
			expect(ack).toEqual({
				batchId: 'too-big',
				error: expect.stringMatching(/^batch: \d+ bytes is over the 8388608-byte limit/)
			});
			expect(await stored('too-big')).toBe(0);
			// The connection is still there and the next batch goes through.
			expect(socket.connected).toBe(true);
			expect(
				await emit({ batchId: 'after-too-big', kind: 'payment', records: [paymentRecord()] })
			).toMatchObject({ accepted: 1 });
		}
	);

	it.skipIf(target.unavailable)(
		'rejects a record over its own limit alone and keeps it in quarantine, truncated',
		async () => {
			const huge = paymentRecord({ purpose: '用'.repeat(MAX_RECORD_BYTES) });
			const fine = paymentRecord();
			for (const [send, batchId] of [
				[(b: unknown) => post(JSON.stringify(b)).then((r) => r.body), 'huge-http'],
				[emit, 'huge-socket']
			] as const) {
				const ack = await send({
					batchId,
					kind: 'payment',
					records: [
						{ ...huge, id: `${batchId}-1` },
						{ ...fine, id: `${batchId}-2` }
					]
				});
				expect(ack).toMatchObject({
					accepted: 1,
					rejected: [
						{
							index: 0,
							id: `${batchId}-1`,
							reason: expect.stringMatching(
								/^record: \d+ bytes is over the 16384-byte limit for one record$/
							)
						}
					]
				});
				const [q] = await rows<{ raw: { truncated: boolean; bytes: number } }>(
					database.db,
					sql`select raw from quarantine where batch_id = ${batchId}`
				);
				expect(q.raw).toMatchObject({ truncated: true, bytes: expect.any(Number) });
			}
		}
	);

	it.skipIf(target.unavailable)('accepts a record just under its limit', async () => {
		const record = paymentRecord({ purpose: 'p'.repeat(500) });
		expect(
			await emit({ batchId: 'under-limit', kind: 'payment', records: [record] })
		).toMatchObject({ accepted: 1, rejected: [] });
	});
});
