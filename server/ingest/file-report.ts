/**
 * Where a processed file goes: `done/`, or `failed/` with a report beside it that names each
 * rejected row and why (in English for senders, in Chinese beneath for staff).
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { extname, join } from 'node:path';
import { reasonInChinese } from '../../src/lib/domain/reason-text';
import type { TextEncoding } from './encoding';
import { fsyncDir, writeDurably, type JournalEntry, type Outbox } from './outbox';

/** A row the worker did not send (unreadable, of no kind, too large), or one the server rejected. */
export interface RowProblem {
	row: number;
	id?: string;
	reason: string;
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
	/** In a bulk load (`--bulk`): the load the file's payments were committed in, and its batches. */
	load?: { id: string; parts: number };
}

/** The file as scanned: its size, format, encoding and digest, for the report's heading. */
export interface ScannedFile {
	size: number;
	sha256: string;
	encoding: TextEncoding;
	format: string;
}

/** What became of a file's rows: the acknowledged batches' journal entries and the rows not sent. */
export interface FileResult {
	outbox?: Outbox;
	entries: JournalEntry[];
	problems: RowProblem[];
	/** Why the file (or its rest) could not be read. */
	unreadable?: string;
	/** Batches sent in this run. */
	sent: number;
}

type Counts = { records: number; accepted: number; duplicates: number; rejected: number };

/** Writes the report (failed files), moves the file, then removes its outbox. */
export function finish(
	place: { dir: string; name: string; log: (line: string) => void },
	file: ScannedFile,
	result: FileResult
): FileOutcome {
	const { dir, name } = place;
	const { entries, problems, unreadable } = result;
	const sum = (f: (e: JournalEntry) => number) => entries.reduce((s, e) => s + f(e), 0);
	const rejectedRows = [...entries.flatMap((e) => e.rejected), ...problems].sort(
		(a, b) => a.row - b.row
	);
	const counts: Counts = {
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
	result.outbox?.remove();
	const movedTo = join(folder, target);
	place.log(
		`${name}: ${failed ? 'FAILED' : 'done'} — ${counts.records} records, accepted ${counts.accepted}, duplicates ${counts.duplicates}, rejected ${counts.rejected}${unreadable ? `; ${unreadable}` : ''} → ${movedTo}${report ? ` (report ${report})` : ''}`
	);
	return {
		name,
		status: failed ? 'failed' : 'done',
		movedTo,
		report,
		...counts,
		batches: result.sent,
		problem: unreadable
	};
}

/** Leaves a file stopped midway in place: what was acknowledged is journaled; its outbox resumes it next time. */
export function stopped(
	place: { name: string; log: (line: string) => void },
	outbox: Outbox,
	records: number,
	sent: number
): FileOutcome {
	outbox.close();
	place.log(
		`${place.name}: stopped with ${outbox.acknowledged.size} batches acknowledged; it stays in place and resumes from there next time`
	);
	return {
		name: place.name,
		status: 'stopped',
		records,
		accepted: 0,
		duplicates: 0,
		rejected: 0,
		batches: sent
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
	file: ScannedFile,
	counts: Counts,
	rows: RowProblem[],
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
