import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batchIdOf, fileKey, Outbox, staleOutboxes } from './outbox';

const root = mkdtempSync(join(tmpdir(), 'qiandai-outbox-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const batch = (n: number) => ({
	batchId: batchIdOf('k', n),
	kind: 'payment' as const,
	n,
	rows: [n + 1],
	records: [{ id: `P${n}` }]
});

describe('outbox', () => {
	it('derives the same batch ids from the same content and settings, others from anything else', () => {
		expect(fileKey('abc', { batchSize: 1000 })).toBe(fileKey('abc', { batchSize: 1000 }));
		expect(fileKey('abc', { batchSize: 1000 })).not.toBe(fileKey('abd', { batchSize: 1000 }));
		expect(fileKey('abc', { batchSize: 1000 })).not.toBe(fileKey('abc', { batchSize: 500 }));
		expect(batchIdOf('0123', 7)).toBe('w-0123-7');
	});

	it('keeps unacknowledged batches and the journal across a reopen (a crash)', () => {
		const first = new Outbox(root, 'k1', { name: 'a.csv' });
		first.put(batch(1));
		first.put(batch(2));
		first.acknowledge({
			n: 1,
			batchId: batchIdOf('k', 1),
			records: 1,
			accepted: 1,
			duplicates: 0,
			rejected: []
		});
		// The process dies here: no close(), and a torn half line at the end of the journal.
		appendFileSync(join(root, 'k1', 'acks.ndjson'), '{"n":2,"batchId":"w-k-2","rec');
		const again = new Outbox(root, 'k1', { name: 'a.csv' });
		expect(again.isAcknowledged(1)).toBe(true);
		expect(again.isAcknowledged(2)).toBe(false);
		expect(again.pending().map((b) => b.n)).toEqual([2]);
		expect(readdirSync(join(root, 'k1')).sort()).toEqual([
			'2.batch.json',
			'acks.ndjson',
			'meta.json'
		]);
		again.acknowledge({
			n: 2,
			batchId: batchIdOf('k', 2),
			records: 1,
			accepted: 0,
			duplicates: 1,
			rejected: []
		});
		again.close();
		expect(new Outbox(root, 'k1', { name: 'a.csv' }).acknowledged.size).toBe(2);
	});

	it('finds outboxes whose file has gone', () => {
		new Outbox(root, 'k2', { name: 'gone.csv' }).close();
		new Outbox(root, 'k3', { name: 'here.csv' }).close();
		expect(staleOutboxes(root, (name) => name === 'here.csv' || name === 'a.csv')).toEqual(['k2']);
	});
});
