/**
 * The drop-folder worker: each file is read as a stream of rows, cut into batches kept in a durable
 * outbox, sent over Socket.IO `/ingest` until acknowledged, and then moved to `done/` or — when any
 * row was rejected or the file could not be read — to `failed/` with a report naming each bad row
 * (one file: process-file.ts).
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { judgeAfterRun } from './bulk';
import { staleOutboxes } from './outbox';
import {
	defaultLog,
	HEADER_MAP_FILE,
	OUTBOX_DIR,
	processFile,
	type FileOutcome,
	type WorkerOptions
} from './process-file';
import { Sender, Unauthorized } from './sender';
import { formatOf } from './sources';

export {
	DEFAULT_BATCH_SIZE,
	DEFAULT_WINDOW,
	HEADER_MAP_FILE,
	OUTBOX_DIR,
	processFile,
	type FileOutcome,
	type WorkerOptions
} from './process-file';

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
	const sender = senderFor(options, options.log ?? defaultLog);
	const outcomes: FileOutcome[] = [];
	try {
		for (const [i, { dir, name }] of targets.entries()) {
			if (options.signal?.aborted) break;
			cleanStaleOutboxes(dir);
			// In a bulk load the alert rules run once, after the run's last file is committed.
			const evaluate = i === targets.length - 1;
			outcomes.push(await processFile(dir, name, sender, { ...options, evaluate }));
		}
		if (options.bulk && !options.signal?.aborted) await judgeAfterRun(sender, outcomes, options);
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
	const sender = senderFor(options, log);
	const outcomes: FileOutcome[] = [];
	const seen = new Map<string, string>();
	log(`watching ${options.dir} (sending to ${options.url})`);
	try {
		cleanStaleOutboxes(options.dir);
		while (!options.signal?.aborted) {
			for (const name of dropFiles(options.dir)) {
				if (options.signal?.aborted) break;
				if (!settled(join(options.dir, name), name, seen)) continue;
				try {
					outcomes.push(await processFile(options.dir, name, sender, options));
				} catch (err) {
					// A refused key stops the worker; anything else (a file removed mid-read, a full disk)
					// leaves the file where it is, to be tried again on a later pass.
					if (err instanceof Unauthorized) throw err;
					log(`${name}: not processed (${(err as Error).message}); trying again later`);
				}
			}
			await pause(options.pollMs ?? 1000, options.signal);
		}
	} finally {
		sender.close();
	}
	return summarise(outcomes, performance.now() - started);
}

/**
 * Whether a file has stopped changing: the same size and time as on the last pass, and untouched for
 * a second. A file still being written is noted in `seen` and waited for.
 */
function settled(path: string, name: string, seen: Map<string, string>): boolean {
	try {
		const st = statSync(path);
		const stamp = `${st.size}:${st.mtimeMs}`;
		if (seen.get(name) !== stamp || Date.now() - st.mtimeMs < 1000) {
			seen.set(name, stamp);
			return false;
		}
	} catch {
		return false;
	}
	seen.delete(name);
	return true;
}

/** Waits `ms`, or until the signal aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
	return new Promise<void>((resolve) => {
		const t = setTimeout(resolve, ms);
		signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
	});
}

function senderFor(options: WorkerOptions, log: (line: string) => void): Sender {
	return new Sender({
		url: options.url,
		key: options.key,
		log,
		ackTimeoutMs: options.ackTimeoutMs,
		maxBackoffMs: options.maxBackoffMs
	});
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
