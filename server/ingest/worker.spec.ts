import { createServer, type Server as HttpServer } from 'node:http';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestAck, IngestRequest } from '../../src/lib/domain/records';
import { runOnce } from './worker';

/** A stand-in /ingest server: records every batch it sees and answers as `answer` says. */
let http: HttpServer;
let io: Server;
let url: string;
const seen: IngestRequest[] = [];
const stored = new Map<string, IngestAck>();
let answer: (req: IngestRequest) => IngestAck | { batchId: string; error: string } | 'hang' =
	accept;

function accept(req: IngestRequest): IngestAck {
	const prior = stored.get(req.batchId);
	if (prior) return prior;
	const rejected = req.records.flatMap((r, index) =>
		(r as { amount?: string }).amount === 'bad'
			? [
					{
						index,
						id: (r as { id: string }).id,
						reason: 'amount: must be a decimal amount in 元 with at most 2 decimals, got "bad"'
					}
				]
			: []
	);
	const ack = {
		batchId: req.batchId,
		accepted: req.records.length - rejected.length,
		duplicates: 0,
		rejected
	};
	stored.set(req.batchId, ack);
	return ack;
}

beforeAll(async () => {
	http = createServer();
	io = new Server(http);
	io.of('/ingest').use((socket, next) =>
		socket.handshake.auth.key === 'k' ? next() : next(new Error('unauthorized'))
	);
	io.of('/ingest').on('connection', (socket) => {
		socket.on('batch', (req: IngestRequest, ack: (a: unknown) => void) => {
			seen.push(req);
			const a = answer(req);
			if (a !== 'hang') ack(a);
		});
	});
	await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
	url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
	io.close();
});

function dropFolder(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'qiandai-drop-'));
	for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
	return dir;
}

const csv = (n: number, bad: number[] = []) =>
	[
		'支付凭证号,支付金额',
		...Array.from(
			{ length: n },
			(_, i) => `P${i + 1},${bad.includes(i + 1) ? 'bad' : '"1,000.00"'}`
		)
	].join('\n');

describe('worker against a stand-in server: delivery', () => {
	it('cuts a file into batches with ids from its content, and sends nothing twice for the same content', async () => {
		seen.length = 0;
		answer = accept;
		const dir = dropFolder({ 'payment-a.csv': csv(25) });
		const summary = await runOnce({ dir, url, key: 'k', batchSize: 10, log: () => {} });
		expect(summary).toMatchObject({
			files: 1,
			done: 1,
			failed: 0,
			records: 25,
			accepted: 25,
			batches: 3
		});
		expect(seen.map((b) => b.records.length)).toEqual([10, 10, 5]);
		expect(seen.every((b) => b.kind === 'payment')).toBe(true);
		expect(seen[0].records[0]).toEqual({ id: 'P1', amount: '1000.00' });
		expect(existsSync(join(dir, 'done', 'payment-a.csv'))).toBe(true);
		const ids = seen.map((b) => b.batchId);
		// The same content dropped again gets the same batch ids: the server answers from its record.
		writeFileSync(join(dir, 'payment-a.csv'), csv(25));
		await runOnce({ dir, url, key: 'k', batchSize: 10, log: () => {} });
		expect(seen.slice(3).map((b) => b.batchId)).toEqual(ids);
		expect(
			readdirSync(join(dir, 'done')).filter((f) => /^payment-a\..+\.csv$/.test(f))
		).toHaveLength(1);
		rmSync(dir, { recursive: true, force: true });
	});

	it('retries a batch the server could not store, with backoff, until it is acknowledged', async () => {
		seen.length = 0;
		let failures = 3;
		answer = (req) =>
			failures-- > 0
				? { batchId: req.batchId, error: 'not stored, retry later: database away' }
				: accept(req);
		const dir = dropFolder({ 'payment-b.csv': csv(5) });
		const lines: string[] = [];
		const summary = await runOnce({
			dir,
			url,
			key: 'k',
			log: (l) => lines.push(l),
			maxBackoffMs: 200
		});
		expect(summary).toMatchObject({ done: 1, accepted: 5 });
		expect(seen).toHaveLength(4);
		expect(new Set(seen.map((b) => b.batchId)).size).toBe(1);
		expect(lines.filter((l) => l.includes('database away'))).toHaveLength(3);
		rmSync(dir, { recursive: true, force: true });
	});
});

describe('worker against a stand-in server: failed and stopped files', () => {
	it('moves a file with rejected rows to failed/ with a report naming row, id and reason', async () => {
		answer = accept;
		const dir = dropFolder({ 'payment-c.csv': csv(12, [3, 11]) });
		const summary = await runOnce({ dir, url, key: 'k', batchSize: 5, log: () => {} });
		expect(summary).toMatchObject({ failed: 1, accepted: 10, rejected: 2 });
		const report = readFileSync(join(dir, 'failed', 'payment-c.csv.report.txt'), 'utf8');
		expect(report).toContain('row 4, id P3: amount: must be a decimal amount');
		expect(report).toContain('row 12, id P11: amount: must be a decimal amount');
		expect(report).toContain('  金额（amount）：须为以元计、最多两位小数的数额，收到 "bad"');
		rmSync(dir, { recursive: true, force: true });
	});

	it('resumes after a stop without re-sending acknowledged batches', async () => {
		seen.length = 0;
		const controller = new AbortController();
		answer = (req) => {
			if (seen.length <= 2) return accept(req);
			setTimeout(() => controller.abort(), 50);
			return 'hang';
		};
		const dir = dropFolder({ 'payment-d.csv': csv(50) });
		const stopped = await runOnce({
			dir,
			url,
			key: 'k',
			batchSize: 10,
			window: 1,
			log: () => {},
			signal: controller.signal
		});
		expect(stopped.outcomes[0].status).toBe('stopped');
		expect(existsSync(join(dir, 'payment-d.csv'))).toBe(true);
		const firstIds = seen.slice(0, 2).map((b) => b.batchId);
		seen.length = 0;
		answer = accept;
		const resumed = await runOnce({ dir, url, key: 'k', batchSize: 10, window: 1, log: () => {} });
		expect(resumed).toMatchObject({ done: 1, records: 50, accepted: 50 });
		expect(seen.map((b) => b.batchId).filter((id) => firstIds.includes(id))).toEqual([]);
		expect(seen).toHaveLength(3);
		expect(readFileSync(join(dir, 'done', 'payment-d.csv'), 'utf8')).toBe(csv(50));
		expect(readdirSync(join(dir, '.outbox'))).toEqual([]);
		rmSync(dir, { recursive: true, force: true });
	});
});

describe('worker against a stand-in server: what cannot be sent', () => {
	it('fails a file it cannot read, with a report, and carries on with the next', async () => {
		answer = accept;
		const dir = dropFolder({
			'a-payment.json': '[{"id":"x"',
			'b.csv': 'id,amount\n',
			'payment-e.csv': csv(2)
		});
		mkdirSync(join(dir, 'sub'));
		const summary = await runOnce({ dir, url, key: 'k', log: () => {} });
		expect(summary).toMatchObject({ files: 3, done: 1, failed: 2 });
		expect(readFileSync(join(dir, 'failed', 'a-payment.json.report.txt'), 'utf8')).toMatch(
			/cannot be read: malformed JSON/
		);
		expect(readFileSync(join(dir, 'failed', 'b.csv.report.txt'), 'utf8')).toMatch(
			/header row but no records/
		);
		rmSync(dir, { recursive: true, force: true });
	});

	it('reports rows whose kind cannot be told', async () => {
		const dir = dropFolder({ 'export.csv': csv(2) });
		const summary = await runOnce({ dir, url, key: 'k', log: () => {} });
		expect(summary).toMatchObject({ failed: 1, rejected: 2 });
		expect(readFileSync(join(dir, 'failed', 'export.csv.report.txt'), 'utf8')).toContain(
			'row 2, id P1: kind: unknown'
		);
		const again = dropFolder({ 'export.csv': csv(2) });
		expect(
			await runOnce({ dir: again, url, key: 'k', kind: 'payment', log: () => {} })
		).toMatchObject({ done: 1, accepted: 2 });
		rmSync(dir, { recursive: true, force: true });
		rmSync(again, { recursive: true, force: true });
	});

	it('takes the kind from the columns when the name and the rows do not say it: a neutral XLSX and CSV', async () => {
		answer = accept;
		const dir = dropFolder({
			'export-0712.csv': [
				'id,paidAt,deptCode,funcCode,econCode,amount',
				'N1,2026-07-12T10:00:00+08:00,122,2050202,30201,10.00',
				'N2,2026-07-12T11:00:00+08:00,122,2050202,30201,20.00'
			].join('\n')
		});
		const book = new ExcelJS.Workbook();
		const sheet = book.addWorksheet('Sheet1');
		sheet.addRow([
			'支付凭证号',
			'支付日期',
			'预算单位编码',
			'功能科目编码',
			'经济科目编码',
			'支付金额'
		]);
		sheet.addRow(['X1', '2026-07-03 09:30:00', '122', '2050202', '30201', '1234.56']);
		sheet.addRow(['X2', '2026-07-04 09:30:00', '122', '2050202', '30201', '99.00']);
		await book.xlsx.writeFile(join(dir, '2026年7月份数据.xlsx'));
		const before = seen.length;
		const summary = await runOnce({ dir, url, key: 'k', log: () => {} });
		expect(summary).toMatchObject({ files: 2, done: 2, failed: 0, accepted: 4 });
		const kinds = seen
			.slice(before)
			.map((r) => [r.kind, r.records.map((x) => (x as { id: string }).id)]);
		expect(kinds).toEqual(
			expect.arrayContaining([
				['payment', ['N1', 'N2']],
				['payment', ['X1', 'X2']]
			])
		);
		expect(readdirSync(join(dir, 'done')).sort()).toEqual([
			'2026年7月份数据.xlsx',
			'export-0712.csv'
		]);
		rmSync(dir, { recursive: true, force: true });
	});

	it('reports a record too large to send instead of sending it', async () => {
		answer = accept;
		seen.length = 0;
		const dir = dropFolder({ 'payment-g.csv': `${csv(2)}\nP3,"${'9'.repeat(2 * 1024 * 1024)}"\n` });
		const summary = await runOnce({ dir, url, key: 'k', log: () => {} });
		expect(summary).toMatchObject({ failed: 1, accepted: 2, rejected: 1 });
		expect(seen.flatMap((b) => b.records)).toHaveLength(2);
		expect(readFileSync(join(dir, 'failed', 'payment-g.csv.report.txt'), 'utf8')).toMatch(
			/row 4, id P3: record: \d+ bytes, far over/
		);
		rmSync(dir, { recursive: true, force: true });
	});

	it('stops with an error when the key is refused', async () => {
		const dir = dropFolder({ 'payment-f.csv': csv(1) });
		await expect(runOnce({ dir, url, key: 'wrong', log: () => {} })).rejects.toThrow(
			/refused the ingest key/
		);
		expect(existsSync(join(dir, 'payment-f.csv'))).toBe(true);
		rmSync(dir, { recursive: true, force: true });
	});
});
