/**
 * The durable outbox of one source file: every batch is written (and fsynced) before it is sent,
 * every acknowledgement is appended to a journal (and fsynced) before the batch file is removed.
 * After a crash, the journal says which batches are done; the rest are sent again under the same
 * batchId, which the server answers idempotently.
 */
import { createHash } from 'node:crypto';
import {
	closeSync,
	existsSync,
	fsyncSync,
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
	renameSync,
	truncateSync,
	rmSync,
	unlinkSync,
	writeSync
} from 'node:fs';
import { join } from 'node:path';
import type { RecordKind } from '../../src/lib/domain/records';

/** A batch as kept on disk: the request plus the file row of each record. */
export interface OutboxBatch {
	batchId: string;
	kind: RecordKind;
	/** 1-based batch number within the file. */
	n: number;
	rows: number[];
	records: unknown[];
}

/** An acknowledged batch as journaled, rejections already mapped to file rows. */
export interface JournalEntry {
	n: number;
	batchId: string;
	records: number;
	accepted: number;
	duplicates: number;
	rejected: { row: number; id?: string; reason: string }[];
}

/**
 * The id of a file's batches: a digest of its content and of everything that decides how it is cut
 * into batches, so the same file with the same settings gets the same batchIds after any restart.
 */
export function fileKey(contentSha256: string, settings: Record<string, unknown>): string {
	return createHash('sha256')
		.update(contentSha256)
		.update(JSON.stringify(settings))
		.digest('hex')
		.slice(0, 24);
}

export const batchIdOf = (key: string, n: number) => `w-${key}-${n}`;

export function fsyncDir(dir: string): void {
	const fd = openSync(dir, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

/** Writes a file durably: temp file, fsync, rename, fsync of the directory. */
export function writeDurably(path: string, data: string): void {
	const tmp = `${path}.tmp`;
	const fd = openSync(tmp, 'w');
	try {
		writeSync(fd, data);
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
	renameSync(tmp, path);
	fsyncDir(join(path, '..'));
}

export class Outbox {
	readonly dir: string;
	private readonly journalPath: string;
	private journalFd: number | undefined;
	private readonly entries = new Map<number, JournalEntry>();

	constructor(
		root: string,
		readonly key: string,
		meta: Record<string, unknown>
	) {
		this.dir = join(root, key);
		this.journalPath = join(this.dir, 'acks.ndjson');
		const fresh = !existsSync(this.dir);
		mkdirSync(this.dir, { recursive: true });
		if (fresh) {
			writeDurably(join(this.dir, 'meta.json'), JSON.stringify({ ...meta, key }));
			fsyncDir(root);
		}
		if (existsSync(this.journalPath)) {
			const text = readFileSync(this.journalPath, 'utf8');
			// A line torn by a crash mid-append is cut off, so the next entry starts on a line of its own.
			if (text.length > 0 && !text.endsWith('\n')) {
				truncateSync(
					this.journalPath,
					Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1))
				);
			}
			for (const line of text.split('\n')) {
				if (!line.trim()) continue;
				try {
					const e = JSON.parse(line) as JournalEntry;
					this.entries.set(e.n, e);
				} catch {
					// A line torn by a crash mid-append: that batch is sent again.
				}
			}
		}
	}

	/** Acknowledged batches so far, by number. */
	get acknowledged(): ReadonlyMap<number, JournalEntry> {
		return this.entries;
	}

	isAcknowledged(n: number): boolean {
		return this.entries.has(n);
	}

	/** Keeps a batch on disk before it is sent. */
	put(batch: OutboxBatch): void {
		writeDurably(join(this.dir, `${batch.n}.batch.json`), JSON.stringify(batch));
	}

	/** Batches written but not acknowledged (left by a crash), in order. */
	pending(): OutboxBatch[] {
		return readdirSync(this.dir)
			.filter((f) => /^\d+\.batch\.json$/.test(f))
			.map((f) => JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as OutboxBatch)
			.filter((b) => !this.entries.has(b.n))
			.sort((a, b) => a.n - b.n);
	}

	/** Journals an acknowledgement durably, then drops the batch file. */
	acknowledge(entry: JournalEntry): void {
		this.journalFd ??= openSync(this.journalPath, 'a');
		writeSync(this.journalFd, `${JSON.stringify(entry)}\n`);
		fsyncSync(this.journalFd);
		this.entries.set(entry.n, entry);
		const file = join(this.dir, `${entry.n}.batch.json`);
		if (existsSync(file)) unlinkSync(file);
	}

	close(): void {
		if (this.journalFd !== undefined) closeSync(this.journalFd);
		this.journalFd = undefined;
	}

	/** Removes the outbox once its file has been moved to done/ or failed/. */
	remove(): void {
		this.close();
		rmSync(this.dir, { recursive: true, force: true });
	}
}

/** Outboxes whose source file is gone (moved before the outbox could be removed). */
export function staleOutboxes(root: string, stillThere: (name: string) => boolean): string[] {
	if (!existsSync(root)) return [];
	return readdirSync(root).filter((key) => {
		try {
			const meta = JSON.parse(readFileSync(join(root, key, 'meta.json'), 'utf8')) as {
				name?: string;
			};
			return !meta.name || !stillThere(meta.name);
		} catch {
			return true;
		}
	});
}
