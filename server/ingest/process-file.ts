/**
 * One file of the drop folder, start to end: scanned (digest, encoding), read as a stream of rows,
 * sent in batches until acknowledged (file-batches.ts), then moved to `done/` or `failed/`
 * (file-report.ts). A file stopped midway resumes from its outbox next time.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_RECORD_BYTES, type RecordKind } from '../../src/lib/domain/records';
import { Utf8Probe, type TextEncoding } from './encoding';
import { FileBatches } from './file-batches';
import {
	finish,
	stopped,
	type FileOutcome,
	type RowProblem,
	type ScannedFile
} from './file-report';
import { kindFromFileName, mergeHeaderMaps, readHeaderMapFile, type HeaderMap } from './headers';
import { commitLoad, loadIdOf } from './bulk';
import { fileKey, Outbox } from './outbox';
import { Progress } from './progress';
import { idOf, kindFromColumns, kindOf } from './record-kind';
import type { Sender } from './sender';
import { formatOf, readRows, UnreadableFile, type SourceRow } from './sources';

export type { FileOutcome };

export const HEADER_MAP_FILE = 'headers.json';
export const OUTBOX_DIR = '.outbox';
const MAX_SENDABLE_RECORD_BYTES = 1024 * 1024;
/**
 * Records per batch and batches awaiting acknowledgement, by default: the server commits the
 * batches that wait for it together (group commit), so several large batches in flight keep it busy
 * with large groups; 10,000 is the server's limit per batch.
 */
export const DEFAULT_BATCH_SIZE = 10_000;
export const DEFAULT_WINDOW = 6;

export interface WorkerOptions {
	/** App server, e.g. http://localhost:3000. */
	url: string;
	key: string;
	/** Records per batch (default DEFAULT_BATCH_SIZE). */
	batchSize?: number;
	/** Batches awaiting acknowledgement at once (default DEFAULT_WINDOW). */
	window?: number;
	/** Kind of files that say it neither in a `kind` column nor in their name. */
	kind?: RecordKind;
	/** Extra header map, applied after the drop folder's headers.json. */
	headersFile?: string;
	log?: (line: string) => void;
	/** Draw a progress bar for large files (only when stdout is a terminal). */
	progress?: boolean;
	/** Stops after the batch in hand; unfinished files stay in place and resume next time. */
	signal?: AbortSignal;
	ackTimeoutMs?: number;
	maxBackoffMs?: number;
	/**
	 * Load closed years in bulk (`--bulk`): each file's payments are staged and then counted in one
	 * commit (bulk.ts); other kinds go as ordinary batches.
	 */
	bulk?: boolean;
}

export const defaultLog = (line: string) =>
	console.log(`[ingest] ${new Date().toISOString()} ${line}`);

/**
 * Sends one file and moves it; never throws for a bad file (only for an unusable key or a full disk).
 * `evaluate`: in a bulk load, the alert rules run after this file's commit (a run's last file).
 */
export async function processFile(
	dir: string,
	name: string,
	sender: Sender,
	options: WorkerOptions & { evaluate?: boolean }
): Promise<FileOutcome> {
	const log = options.log ?? defaultLog;
	const place = { dir, name, log };
	const path = join(dir, name);
	const format = formatOf(name)!;
	const batchSize = Math.max(1, Math.min(options.batchSize ?? DEFAULT_BATCH_SIZE, 10_000));
	const window = Math.max(1, options.window ?? DEFAULT_WINDOW);
	const { sha256, encoding, size } = await scan(path);
	const file: ScannedFile = { size, sha256, encoding, format };

	const map = headerMapOf(dir, options.headersFile);
	if (typeof map === 'string')
		return finish(place, file, { entries: [], problems: [], unreadable: map, sent: 0 });

	const key = fileKey(sha256, {
		batchSize,
		kind: options.kind ?? null,
		map,
		format,
		encoding,
		v: 1,
		...(options.bulk ? { bulk: 1 } : {}) // a bulk load's batches are not the same batches
	});
	const outbox = new Outbox(join(dir, OUTBOX_DIR), key, { name, sha256 });
	const progress = progressOf(name, size, options);
	const doc: { kind?: string } = {};
	const rowsOf = () =>
		readRows(path, {
			format,
			encoding,
			map,
			onKind: (k) => (doc.kind = k),
			onBytes: (b) => progress.bytes(b)
		});

	// A JSON document is checked whole first, so a malformed one is refused before anything is sent.
	if (format === 'json' || format === 'ndjson') {
		const unreadable = await unreadableIn(rowsOf());
		if (unreadable !== undefined) {
			progress.done();
			return finish(place, file, { outbox, entries: [], problems: [], unreadable, sent: 0 });
		}
	}

	const batches = new FileBatches({
		name,
		key,
		outbox,
		sender,
		batchSize,
		window,
		progress,
		log,
		signal: options.signal,
		load: options.bulk ? loadIdOf(key) : undefined
	});
	const context = { doc, options, nameKind: kindFromFileName(name) };
	const read = await sendRows(rowsOf(), batches, context).catch((err: unknown) => {
		outbox.close();
		progress.done();
		throw err;
	});
	await batches.settle(options.signal?.aborted === true);
	progress.done();
	if (options.signal?.aborted) return stopped(place, outbox, read.records, batches.sent);
	const entries = [...outbox.acknowledged.values()];
	// A bulk load's file is counted by its commit (undefined: stopped before the answer).
	const bulk =
		batches.stagedRows.size > 0 && (await commitLoad(batches, sender, { ...options, log }));
	if (bulk === undefined) return stopped(place, outbox, read.records, batches.sent);
	if (bulk) entries.push(bulk.entry);
	const outcome = finish(place, file, { outbox, entries, sent: batches.sent, ...read });
	return bulk ? { ...outcome, load: bulk.load } : outcome;
}

/**
 * Reads every row and sends the records in batches; a row that cannot be sent (unreadable, of no
 * kind, far too large) is set aside with its reason. An unreadable file ends the reading: the rows
 * before it still count. Returns with the last batches possibly still awaiting acknowledgement.
 */
async function sendRows(
	rows: AsyncIterable<SourceRow>,
	batches: FileBatches,
	context: { doc: { kind?: string }; options: WorkerOptions; nameKind: RecordKind | undefined }
): Promise<{ records: number; problems: RowProblem[]; unreadable?: string }> {
	const { doc, options, nameKind } = context;
	const problems: RowProblem[] = [];
	let records = 0;
	let unreadable: string | undefined;
	let columnsKind: RecordKind | undefined;
	try {
		for await (const { row, record, problem } of rows) {
			if (options.signal?.aborted) break;
			records++;
			if (problem) {
				problems.push({ row, id: idOf(record), reason: problem });
				continue;
			}
			// The columns are the first record's fields (a row's empty cells may be left out).
			columnsKind ??= columnsOf(record);
			const kind = kindOf(record, doc.kind, options.kind, nameKind, columnsKind);
			if (!kind.ok) {
				problems.push({ row, id: idOf(record), reason: kind.reason });
				continue;
			}
			const bytes = Buffer.byteLength(JSON.stringify(record) ?? '');
			// The server quarantines records over its 16 KiB limit; one this large would not even fit a message.
			if (bytes > MAX_SENDABLE_RECORD_BYTES) {
				problems.push({
					row,
					id: idOf(record),
					reason: `record: ${bytes} bytes, far over the server's ${MAX_RECORD_BYTES}-byte limit for one record; not sent`
				});
				continue;
			}
			if (batches.full(kind.kind, bytes)) await batches.flush();
			batches.add(row, kind.kind, kind.record, bytes);
		}
		if (!options.signal?.aborted) await batches.flush();
	} catch (err) {
		if (options.signal?.aborted) {
			// Stopped mid-file: what was acknowledged is journaled; the rest is sent next time.
		} else if (!(err instanceof UnreadableFile)) {
			await batches.settle(true);
			throw err;
		} else
			unreadable =
				batches.count === 0
					? err.message
					: `${err.message} (records before it were sent: see the counts above)`;
	}
	return { records, problems, unreadable };
}

/** The kind a record's fields make plain; undefined for what is not a plain object. */
function columnsOf(record: unknown): RecordKind | undefined {
	if (!record || typeof record !== 'object' || Array.isArray(record)) return undefined;
	return kindFromColumns(Object.keys(record));
}

/** Reads a document to its end; the reason when it cannot be read. */
async function unreadableIn(rows: AsyncIterable<unknown>): Promise<string | undefined> {
	try {
		for await (const _ of rows) void _;
	} catch (err) {
		if (!(err instanceof UnreadableFile)) throw err;
		return err.message;
	}
	return undefined;
}

/** The drop folder's headers.json merged with --headers, or why it cannot be used. */
function headerMapOf(dir: string, headersFile: string | undefined): HeaderMap | string {
	try {
		const inFolder = join(dir, HEADER_MAP_FILE);
		return mergeHeaderMaps(
			existsSync(inFolder) ? readHeaderMapFile(inFolder) : undefined,
			headersFile ? readHeaderMapFile(headersFile) : undefined
		);
	} catch (err) {
		return `the header map cannot be used: ${(err as Error).message}`;
	}
}

/** A progress bar for a large file (only when asked for and stdout is a terminal). */
function progressOf(name: string, size: number, options: WorkerOptions): Progress {
	const bar = options.progress === true && process.stdout.isTTY === true && size > 5 * 1024 * 1024;
	return new Progress(name, size, bar);
}

/** Content digest and encoding in one streaming pass. */
async function scan(
	path: string
): Promise<{ sha256: string; encoding: TextEncoding; size: number }> {
	const hash = createHash('sha256');
	const probe = new Utf8Probe();
	let size = 0;
	for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
		hash.update(chunk as Buffer);
		probe.push(chunk as Buffer);
		size += (chunk as Buffer).length;
	}
	return { sha256: hash.digest('hex'), encoding: probe.end(), size };
}
