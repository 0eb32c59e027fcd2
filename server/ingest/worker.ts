/**
 * The drop-folder worker: each file is read as a stream of rows, cut into batches kept in a durable
 * outbox, sent over Socket.IO `/ingest` until acknowledged, and then moved to `done/` or — when any
 * row was rejected or the file could not be read — to `failed/` with a report naming each bad row.
 */
import { createHash } from 'node:crypto';
import {
	createReadStream,
	existsSync,
	mkdirSync,
	readdirSync,
	renameSync,
	rmSync,
	statSync
} from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { MAX_RECORD_BYTES, type IngestAck, type RecordKind } from '../../src/lib/domain/records';
import { reasonInChinese } from '../../src/lib/domain/reason-text';
import { Utf8Probe, type TextEncoding } from './encoding';
import {
	isRecordKind,
	kindFromFileName,
	mergeHeaderMaps,
	readHeaderMapFile,
	type HeaderMap
} from './headers';
import {
	batchIdOf,
	fileKey,
	fsyncDir,
	Outbox,
	staleOutboxes,
	writeDurably,
	type JournalEntry,
	type OutboxBatch
} from './outbox';
import { Sender, Unauthorized } from './sender';
import { formatOf, readRows, UnreadableFile } from './sources';

export const HEADER_MAP_FILE = 'headers.json';
export const OUTBOX_DIR = '.outbox';
/** Batches stay well under the server's 8 MiB message limit. */
const MAX_BATCH_BYTES = 4 * 1024 * 1024;
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
}

export interface FileOutcome {
	name: string;
	status: 'done' | 'failed' | 'stopped';
	/** Where the file went. */
	movedTo?: string;
	report?: string;
	records: number;
	accepted: number;
	duplicates: number;
	rejected: number;
	batches: number;
	problem?: string;
}

export interface RunSummary {
	files: number;
	done: number;
	failed: number;
	records: number;
	accepted: number;
	duplicates: number;
	rejected: number;
	batches: number;
	ms: number;
	outcomes: FileOutcome[];
}

const defaultLog = (line: string) => console.log(`[ingest] ${new Date().toISOString()} ${line}`);

/** Files in a drop folder the worker takes, in name order. */
export function dropFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true })
		.filter(
			(e) =>
				e.isFile() &&
				!e.name.startsWith('.') &&
				e.name !== HEADER_MAP_FILE &&
				formatOf(e.name) !== undefined
		)
		.map((e) => e.name)
		.sort();
}

/**
 * Processes what is in `dir` (or the one `file`), waits for every acknowledgement and returns the
 * counts. This is what `npm run ingest -- --once DIR` runs; benchmarks call it directly.
 */
export async function runOnce(
	options: WorkerOptions & { dir?: string; file?: string }
): Promise<RunSummary> {
	const started = performance.now();
	const targets = options.file
		? [{ dir: dirname(options.file), name: basename(options.file) }]
		: dropFiles(options.dir ?? '.').map((name) => ({ dir: options.dir!, name }));
	const sender = new Sender({
		url: options.url,
		key: options.key,
		log: options.log ?? defaultLog,
		ackTimeoutMs: options.ackTimeoutMs,
		maxBackoffMs: options.maxBackoffMs
	});
	const outcomes: FileOutcome[] = [];
	try {
		for (const { dir, name } of targets) {
			if (options.signal?.aborted) break;
			cleanStaleOutboxes(dir);
			outcomes.push(await processFile(dir, name, sender, options));
		}
	} finally {
		sender.close();
	}
	return summarise(outcomes, performance.now() - started);
}

/** Watches `dir` until the signal aborts: a file is taken once its size and time stop changing. */
export async function watch(
	options: WorkerOptions & { dir: string; pollMs?: number }
): Promise<RunSummary> {
	const started = performance.now();
	const log = options.log ?? defaultLog;
	const sender = new Sender({
		url: options.url,
		key: options.key,
		log,
		ackTimeoutMs: options.ackTimeoutMs,
		maxBackoffMs: options.maxBackoffMs
	});
	const outcomes: FileOutcome[] = [];
	const seen = new Map<string, string>();
	log(`watching ${options.dir} (sending to ${options.url})`);
	try {
		cleanStaleOutboxes(options.dir);
		while (!options.signal?.aborted) {
			for (const name of dropFiles(options.dir)) {
				if (options.signal?.aborted) break;
				let stamp: string;
				try {
					const st = statSync(join(options.dir, name));
					stamp = `${st.size}:${st.mtimeMs}`;
					// Still being written: wait until it has been still for a while.
					if (seen.get(name) !== stamp || Date.now() - st.mtimeMs < 1000) {
						seen.set(name, stamp);
						continue;
					}
				} catch {
					continue;
				}
				seen.delete(name);
				try {
					outcomes.push(await processFile(options.dir, name, sender, options));
				} catch (err) {
					// A refused key stops the worker; anything else (a file removed mid-read, a full disk)
					// leaves the file where it is, to be tried again on a later pass.
					if (err instanceof Unauthorized) throw err;
					log(`${name}: not processed (${(err as Error).message}); trying again later`);
				}
			}
			await new Promise<void>((resolve) => {
				const t = setTimeout(resolve, options.pollMs ?? 1000);
				options.signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), {
					once: true
				});
			});
		}
	} finally {
		sender.close();
	}
	return summarise(outcomes, performance.now() - started);
}

function summarise(outcomes: FileOutcome[], ms: number): RunSummary {
	const sum = (f: (o: FileOutcome) => number) => outcomes.reduce((s, o) => s + f(o), 0);
	return {
		files: outcomes.length,
		done: outcomes.filter((o) => o.status === 'done').length,
		failed: outcomes.filter((o) => o.status === 'failed').length,
		records: sum((o) => o.records),
		accepted: sum((o) => o.accepted),
		duplicates: sum((o) => o.duplicates),
		rejected: sum((o) => o.rejected),
		batches: sum((o) => o.batches),
		ms: Math.round(ms),
		outcomes
	};
}

function cleanStaleOutboxes(dir: string) {
	const root = join(dir, OUTBOX_DIR);
	for (const key of staleOutboxes(root, (name) => existsSync(join(dir, name))))
		rmSync(join(root, key), { recursive: true, force: true });
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

interface LocalProblem {
	row: number;
	id?: string;
	reason: string;
}

/** Sends one file and moves it; never throws for a bad file (only for an unusable key or a full disk). */
export async function processFile(
	dir: string,
	name: string,
	sender: Sender,
	options: WorkerOptions
): Promise<FileOutcome> {
	const log = options.log ?? defaultLog;
	const path = join(dir, name);
	const format = formatOf(name)!;
	const batchSize = Math.max(1, Math.min(options.batchSize ?? DEFAULT_BATCH_SIZE, 10_000));
	const window = Math.max(1, options.window ?? DEFAULT_WINDOW);
	const { sha256, encoding, size } = await scan(path);
	const fileInfo = { name, size, sha256, encoding, format };

	let map: HeaderMap;
	try {
		const inFolder = join(dir, HEADER_MAP_FILE);
		map = mergeHeaderMaps(
			existsSync(inFolder) ? readHeaderMapFile(inFolder) : undefined,
			options.headersFile ? readHeaderMapFile(options.headersFile) : undefined
		);
	} catch (err) {
		return finish(
			dir,
			name,
			fileInfo,
			undefined,
			[],
			[],
			`the header map cannot be used: ${(err as Error).message}`,
			0,
			log
		);
	}

	const nameKind = kindFromFileName(name);
	const key = fileKey(sha256, {
		batchSize,
		kind: options.kind ?? null,
		map,
		format,
		encoding,
		v: 1
	});
	const outbox = new Outbox(join(dir, OUTBOX_DIR), key, { name, sha256 });
	const problems: LocalProblem[] = [];
	let docKind: string | undefined;
	const rowsOf = () =>
		readRows(path, {
			format,
			encoding,
			map,
			onKind: (k) => (docKind = k),
			onBytes: (b) => progress.bytes(b)
		});
	const progress = new Progress(
		name,
		size,
		options.progress === true && process.stdout.isTTY === true && size > 5 * 1024 * 1024
	);

	// A JSON document is checked whole first, so a malformed one is refused before anything is sent.
	if (format === 'json' || format === 'ndjson') {
		try {
			for await (const _ of rowsOf()) void _;
		} catch (err) {
			if (!(err instanceof UnreadableFile)) throw err;
			progress.done();
			return finish(dir, name, fileInfo, outbox, [], [], err.message, 0, log);
		}
	}

	let n = 0;
	let sent = 0;
	let current: { kind: RecordKind; rows: number[]; records: unknown[]; bytes: number } | undefined;
	const inFlight: Promise<void>[] = [];
	const total = { records: 0 };

	const flush = async () => {
		if (!current || current.records.length === 0) return;
		n++;
		const batch: OutboxBatch = {
			batchId: batchIdOf(key, n),
			kind: current.kind,
			n,
			rows: current.rows,
			records: current.records
		};
		current = undefined;
		if (outbox.isAcknowledged(n)) return;
		outbox.put(batch);
		sent++;
		const t0 = performance.now();
		const sending = sender
			.send({ batchId: batch.batchId, kind: batch.kind, records: batch.records }, options.signal)
			.then((ack) => {
				const entry = journalEntry(batch, ack);
				outbox.acknowledge(entry);
				progress.log(
					log,
					`${name} batch ${batch.n} (${batch.kind}, rows ${batch.rows[0]}–${batch.rows.at(-1)}): ${batch.records.length} records, accepted ${ack.accepted}, duplicates ${ack.duplicates}, rejected ${ack.rejected.length} (${Math.round(performance.now() - t0)} ms)`
				);
			});
		sending.catch(() => {}); // awaited below; this only keeps a failure from counting as unhandled meanwhile
		inFlight.push(sending);
		if (inFlight.length >= window) await inFlight.shift();
	};

	let unreadable: string | undefined;
	try {
		for await (const { row, record, problem } of rowsOf()) {
			if (options.signal?.aborted) break;
			total.records++;
			if (problem) {
				problems.push({ row, id: idOf(record), reason: problem });
				continue;
			}
			const kind = kindOf(record, docKind, options.kind, nameKind);
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
			if (
				current &&
				(current.kind !== kind.kind ||
					current.records.length >= batchSize ||
					current.bytes + bytes > MAX_BATCH_BYTES)
			)
				await flush();
			current ??= { kind: kind.kind, rows: [], records: [], bytes: 0 };
			current.rows.push(row);
			current.records.push(kind.record);
			current.bytes += bytes;
		}
		if (!options.signal?.aborted) await flush();
	} catch (err) {
		if (options.signal?.aborted) {
			// Stopped mid-file: what was acknowledged is journaled; the rest is sent next time.
		} else if (!(err instanceof UnreadableFile)) {
			await Promise.allSettled(inFlight);
			outbox.close();
			progress.done();
			throw err;
		} else
			unreadable =
				n === 0
					? err.message
					: `${err.message} (records before it were sent: see the counts above)`;
	}
	if (options.signal?.aborted) await Promise.allSettled(inFlight);
	else await Promise.all(inFlight);
	progress.done();
	if (options.signal?.aborted) {
		outbox.close();
		log(
			`${name}: stopped with ${outbox.acknowledged.size} batches acknowledged; it stays in place and resumes from there next time`
		);
		return {
			name,
			status: 'stopped',
			records: total.records,
			accepted: 0,
			duplicates: 0,
			rejected: 0,
			batches: sent
		};
	}
	return finish(
		dir,
		name,
		fileInfo,
		outbox,
		[...outbox.acknowledged.values()],
		problems,
		unreadable,
		sent,
		log
	);
}

function kindOf(
	record: unknown,
	docKind: string | undefined,
	optionKind: RecordKind | undefined,
	nameKind: RecordKind | undefined
): { ok: true; kind: RecordKind; record: unknown } | { ok: false; reason: string } {
	if (record && typeof record === 'object' && !Array.isArray(record) && 'kind' in record) {
		const { kind, ...rest } = record as Record<string, unknown>;
		if (isRecordKind(kind)) return { ok: true, kind, record: rest };
		if (kind !== undefined && kind !== '')
			return {
				ok: false,
				reason: `kind: must be unit, plan, payment, revenue or asset, got ${JSON.stringify(kind)}`
			};
		record = rest;
	}
	if (docKind !== undefined) {
		return isRecordKind(docKind)
			? { ok: true, kind: docKind, record }
			: {
					ok: false,
					reason: `kind: the document's kind ${JSON.stringify(docKind)} is not a record kind`
				};
	}
	const kind = optionKind ?? nameKind;
	if (kind) return { ok: true, kind, record };
	return {
		ok: false,
		reason:
			'kind: unknown — add a kind column, name the file after its kind (payment-….csv, 支付….csv) or pass --kind'
	};
}

function idOf(record: unknown): string | undefined {
	if (record && typeof record === 'object') {
		const r = record as Record<string, unknown>;
		const id = r.id ?? r.code;
		if (typeof id === 'string' || typeof id === 'number') return String(id);
	}
	return undefined;
}

function journalEntry(batch: OutboxBatch, ack: IngestAck): JournalEntry {
	return {
		n: batch.n,
		batchId: batch.batchId,
		records: batch.records.length,
		accepted: ack.accepted,
		duplicates: ack.duplicates,
		rejected: ack.rejected.map((r) => ({
			row: batch.rows[r.index] ?? -1,
			...(r.id !== undefined
				? { id: r.id }
				: idOf(batch.records[r.index]) !== undefined
					? { id: idOf(batch.records[r.index]) }
					: {}),
			reason: r.reason
		}))
	};
}

/** Writes the report (failed files), moves the file, then removes its outbox. */
function finish(
	dir: string,
	name: string,
	file: { size: number; sha256: string; encoding: TextEncoding; format: string },
	outbox: Outbox | undefined,
	entries: JournalEntry[],
	problems: LocalProblem[],
	unreadable: string | undefined,
	sent: number,
	log: (line: string) => void
): FileOutcome {
	const sum = (f: (e: JournalEntry) => number) => entries.reduce((s, e) => s + f(e), 0);
	const rejectedRows = [...entries.flatMap((e) => e.rejected), ...problems].sort(
		(a, b) => a.row - b.row
	);
	const counts = {
		records: sum((e) => e.records) + problems.length,
		accepted: sum((e) => e.accepted),
		duplicates: sum((e) => e.duplicates),
		rejected: rejectedRows.length
	};
	const failed = unreadable !== undefined || rejectedRows.length > 0;
	const folder = join(dir, failed ? 'failed' : 'done');
	mkdirSync(folder, { recursive: true });
	const target = uniqueName(folder, name);
	let report: string | undefined;
	if (failed) {
		report = join(folder, `${target}.report.txt`);
		writeDurably(report, reportText(name, file, counts, rejectedRows, unreadable));
	}
	renameSync(join(dir, name), join(folder, target));
	fsyncDir(folder);
	fsyncDir(dir);
	outbox?.remove();
	const movedTo = join(folder, target);
	log(
		`${name}: ${failed ? 'FAILED' : 'done'} — ${counts.records} records, accepted ${counts.accepted}, duplicates ${counts.duplicates}, rejected ${counts.rejected}${unreadable ? `; ${unreadable}` : ''} → ${movedTo}${report ? ` (report ${report})` : ''}`
	);
	return {
		name,
		status: failed ? 'failed' : 'done',
		movedTo,
		report,
		...counts,
		batches: sent,
		problem: unreadable
	};
}

function uniqueName(folder: string, name: string): string {
	if (!existsSync(join(folder, name))) return name;
	const ext = extname(name);
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	return `${name.slice(0, name.length - ext.length)}.${stamp}${ext}`;
}

function reportText(
	name: string,
	file: { size: number; sha256: string; encoding: TextEncoding; format: string },
	counts: { records: number; accepted: number; duplicates: number; rejected: number },
	rows: LocalProblem[],
	unreadable: string | undefined
): string {
	const lines = [
		`导入报告 / ingest report: ${name}`,
		`file: ${file.size} bytes, ${file.format}, ${file.encoding}, sha256 ${file.sha256}`,
		`finished: ${new Date().toISOString()}`,
		`records 记录: ${counts.records}, accepted 接收: ${counts.accepted}, duplicates 重复: ${counts.duplicates}, rejected 拒收: ${counts.rejected}`
	];
	if (unreadable) lines.push('', `文件无法读取 / the file cannot be read: ${unreadable}`);
	if (rows.length > 0) {
		lines.push(
			'',
			`rejected rows 拒收行 (row 行号, id 编号: reason 原因); rejected records are kept in quarantine on the server:`
		);
		for (const r of rows) {
			lines.push(`row ${r.row}, id ${r.id ?? '—'}: ${r.reason}`);
			// The server words reasons in English for senders; staff read them in Chinese beneath.
			const zh = reasonInChinese(r.reason);
			if (zh !== r.reason) lines.push(`  ${zh}`);
		}
	}
	return `${lines.join('\n')}\n`;
}

/** A one-line progress bar redrawn in place, for large files on a terminal. */
class Progress {
	private last = 0;
	private shown = false;
	private read = 0;

	constructor(
		private readonly name: string,
		private readonly size: number,
		private readonly enabled: boolean
	) {}

	bytes(read: number) {
		this.read = read;
		if (!this.enabled || Date.now() - this.last < 200) return;
		this.last = Date.now();
		this.draw();
	}

	private draw() {
		const share = this.size > 0 ? Math.min(1, this.read / this.size) : 1;
		const width = 30;
		const filled = Math.round(share * width);
		const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
		process.stdout.write(
			`\r\x1b[K${this.name} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0)}% ${mb(this.read)}/${mb(this.size)} MB`
		);
		this.shown = true;
	}

	log(log: (line: string) => void, line: string) {
		if (this.shown) process.stdout.write('\r\x1b[K');
		log(line);
		if (this.shown) this.draw();
	}

	done() {
		if (this.shown) process.stdout.write('\r\x1b[K');
		this.shown = false;
	}
}
