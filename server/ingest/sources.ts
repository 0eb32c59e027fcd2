/**
 * Reads one dropped file as a stream of rows: CSV (csv-parse), XLSX (exceljs' streaming reader, first
 * sheet), a JSON array (split element by element), a `{ kind, records }` JSON object, or NDJSON.
 * Memory stays bounded by one row (one element) whatever the file's size, except the JSON object form.
 */
import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { decodeChunks, type TextEncoding } from './encoding';
import { auditRecord, isTotalsRow } from './audit-list';
import { planColumns, type HeaderMap } from './headers';
import { rowToRecord } from './normalise';
import { auditListOf, sheetRows } from './sheet-rows';

export type SourceFormat = 'csv' | 'xlsx' | 'json' | 'ndjson';

/** One record of the file at its row (CSV/XLSX: the spreadsheet row, header = 1; JSON: the record's ordinal). */
export interface SourceRow {
	row: number;
	record: unknown;
	/** Set when the row cannot be trusted as a record (it is reported, not sent; `record` is for its id). */
	problem?: string;
}

/** The file cannot be read as records at all, or stops being readable at a row. */
export class UnreadableFile extends Error {}

/** Largest JSON file in the object form `{ kind, records }`, which is read whole. */
export const MAX_JSON_OBJECT_BYTES = 64 * 1024 * 1024;

export function formatOf(name: string): SourceFormat | undefined {
	const ext = extname(name).toLowerCase();
	if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv'; // .tsv and .txt: tab-separated
	if (ext === '.xlsx') return 'xlsx';
	if (ext === '.json') return 'json';
	if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
	return undefined;
}

export interface ReadOptions {
	format: SourceFormat;
	encoding: TextEncoding;
	map: HeaderMap;
	/** Called with the bytes read so far (progress). */
	onBytes?: (bytes: number) => void;
	/** Set from a JSON object's `kind`. */
	onKind?: (kind: string) => void;
}

/** The rows of a file; throws UnreadableFile when it is not a readable table or document. */
export function readRows(path: string, options: ReadOptions): AsyncGenerator<SourceRow> {
	switch (options.format) {
		case 'csv':
			return csvRows(path, options);
		case 'xlsx':
			return xlsxRows(path, options);
		case 'json':
			return jsonRows(path, options);
		case 'ndjson':
			return ndjsonRows(path, options);
	}
}

function fileChunks(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<Uint8Array> {
	return (async function* () {
		let bytes = 0;
		for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
			bytes += (chunk as Buffer).length;
			onBytes?.(bytes);
			yield chunk as Buffer;
		}
	})();
}

async function* csvRows(path: string, options: ReadOptions): AsyncGenerator<SourceRow> {
	// csv-parse reads UTF-8 bytes itself (BOM included); other encodings are decoded to text first.
	const source =
		options.encoding === 'utf-8'
			? Readable.from(fileChunks(path, options.onBytes))
			: Readable.from(decodeChunks(fileChunks(path, options.onBytes), options.encoding));
	const parser = source.pipe(
		parseCsv({
			relax_column_count: true,
			skip_empty_lines: true,
			bom: true,
			delimiter: extname(path).toLowerCase() === '.csv' ? ',' : '\t'
		})
	);
	source.on('error', (err) => parser.destroy(err));
	let fields: (string | null)[] | undefined;
	let row = 0;
	try {
		for await (const cells of parser as AsyncIterable<string[]>) {
			row++;
			if (!fields) {
				const plan = planColumns(cells, options.map);
				if (!plan.ok) throw new UnreadableFile(plan.problem);
				fields = plan.fields;
				continue;
			}
			if (cells.every((c) => c.trim() === '')) continue;
			if (cells.length > fields.length && cells.slice(fields.length).some((c) => c.trim() !== '')) {
				yield {
					row,
					record: rowToRecord(fields, cells, options.map),
					problem: `row has ${cells.length} fields but the header has ${fields.length}`
				};
				continue;
			}
			yield { row, record: rowToRecord(fields, cells, options.map) };
		}
	} catch (err) {
		if (err instanceof UnreadableFile) throw err;
		throw new UnreadableFile(`CSV cannot be read after row ${row}: ${(err as Error).message}`);
	}
	if (!fields) throw new UnreadableFile('the file is empty');
	if (row === 1) throw new UnreadableFile('the file has a header row but no records');
}

async function* xlsxRows(path: string, options: ReadOptions): AsyncGenerator<SourceRow> {
	const size = statSync(path).size;
	let fields: (string | null)[] | undefined;
	let records = 0;
	try {
		const sheet = sheetRows(path);
		const audit = await auditListOf(sheet);
		if (audit) {
			for (const row of audit.rows) {
				records++;
				yield row;
			}
			for await (const { number, cells } of sheet.rest) {
				if (cells.every((c) => c === undefined || c === '') || isTotalsRow(cells)) continue;
				records++;
				yield { row: number, ...auditRecord(audit.layout, cells) };
			}
			fields = [];
		} else
			for await (const { number, cells } of sheet.all()) {
				if (!fields) {
					if (cells.every((c) => c === undefined || c === '')) continue;
					const plan = planColumns(
						cells.map((c) => (c === undefined ? '' : String(c))),
						options.map
					);
					if (!plan.ok) throw new UnreadableFile(plan.problem);
					fields = plan.fields;
					continue;
				}
				if (cells.every((c) => c === undefined || c === '')) continue;
				records++;
				yield { row: number, record: rowToRecord(fields, cells, options.map) };
			}
		options.onBytes?.(size);
	} catch (err) {
		if (err instanceof UnreadableFile) throw err;
		throw new UnreadableFile(`XLSX cannot be read: ${(err as Error).message}`);
	}
	if (!fields) throw new UnreadableFile('the first worksheet is empty');
	if (records === 0)
		throw new UnreadableFile('the first worksheet has a header row but no records');
}

async function* jsonRows(path: string, options: ReadOptions): AsyncGenerator<SourceRow> {
	const chunks = decodeChunks(fileChunks(path, options.onBytes), options.encoding);
	const first = await chunks.next();
	const head = first.done ? '' : first.value;
	const opening = head.replace(/^\uFEFF/, '').trimStart()[0];
	if (opening === undefined) throw new UnreadableFile('the file is empty');
	if (opening === '{') {
		if (statSync(path).size > MAX_JSON_OBJECT_BYTES)
			throw new UnreadableFile(
				`a JSON object over ${MAX_JSON_OBJECT_BYTES / 1024 / 1024} MiB: send a top-level array of records or NDJSON instead`
			);
		let text = head;
		for await (const t of chunks) text += t;
		let doc: unknown;
		try {
			doc = JSON.parse(text.replace(/^\uFEFF/, ''));
		} catch (err) {
			throw new UnreadableFile(`malformed JSON: ${(err as Error).message}`);
		}
		const records = (doc as { records?: unknown }).records;
		if (!Array.isArray(records))
			throw new UnreadableFile(
				'a JSON object must have a "records" array (or send a top-level array of records)'
			);
		const kind = (doc as { kind?: unknown }).kind;
		if (typeof kind === 'string') options.onKind?.(kind);
		if (records.length === 0) throw new UnreadableFile('"records" is empty');
		for (let i = 0; i < records.length; i++) yield { row: i + 1, record: records[i] };
		return;
	}
	if (opening !== '[')
		throw new UnreadableFile(`malformed JSON: expected [ or { at the start, found "${opening}"`);
	const splitter = new JsonArraySplitter();
	let n = 0;
	const all = (async function* () {
		yield head;
		yield* chunks;
	})();
	for await (const text of all) {
		for (const element of splitter.push(text)) {
			n++;
			let record: unknown;
			try {
				record = JSON.parse(element.text);
			} catch (err) {
				throw new UnreadableFile(
					`malformed JSON in record ${n} (line ${element.line}): ${(err as Error).message}`
				);
			}
			yield { row: n, record };
		}
	}
	splitter.end();
	if (n === 0) throw new UnreadableFile('the JSON array has no records');
}

async function* ndjsonRows(path: string, options: ReadOptions): AsyncGenerator<SourceRow> {
	let rest = '';
	let line = 0;
	let n = 0;
	const parse = (text: string) => {
		try {
			return JSON.parse(text);
		} catch (err) {
			throw new UnreadableFile(`malformed JSON on line ${line}: ${(err as Error).message}`);
		}
	};
	for await (const text of decodeChunks(fileChunks(path, options.onBytes), options.encoding)) {
		const lines = (rest + text).split('\n');
		rest = lines.pop()!;
		for (const l of lines) {
			line++;
			if (l.trim() === '') continue;
			yield { row: ++n, record: parse(l) };
		}
	}
	line++;
	if (rest.trim() !== '') yield { row: ++n, record: parse(rest) };
	if (n === 0) throw new UnreadableFile('the file has no records');
}

/**
 * Splits the text of a top-level JSON array into the text of its elements as it streams in, so a
 * large array never needs to be held whole. Syntax inside an element is left to JSON.parse.
 */
export class JsonArraySplitter {
	private started = false;
	private ended = false;
	private afterElement = false;
	private afterComma = false;
	private inElement = false;
	private depth = 0;
	private scalar = false;
	private inString = false;
	private escaped = false;
	private pending = '';
	private line = 1;
	private elementLine = 1;

	*push(chunk: string): Generator<{ text: string; line: number }> {
		let start = this.inElement ? 0 : -1;
		for (let i = 0; i < chunk.length; i++) {
			const c = chunk.charCodeAt(i);
			if (c === 10) this.line++;
			if (this.inString) {
				if (this.escaped) this.escaped = false;
				else if (c === 92) this.escaped = true;
				else if (c === 34) this.inString = false;
				continue;
			}
			const ws = c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff;
			if (this.inElement) {
				if (this.scalar) {
					if (ws || c === 44 || c === 93) {
						yield this.finish(chunk, start, i);
						start = -1;
						i--; // the delimiter is handled between elements
						if (c === 10) this.line--;
					}
					continue;
				}
				if (c === 34) this.inString = true;
				else if (c === 123 || c === 91) this.depth++;
				else if (c === 125 || c === 93) {
					this.depth--;
					if (this.depth === 0) {
						yield this.finish(chunk, start, i + 1);
						start = -1;
					}
				}
				continue;
			}
			if (ws) continue;
			if (!this.started) {
				if (c !== 91) throw new UnreadableFile(`malformed JSON: expected [ on line ${this.line}`);
				this.started = true;
				continue;
			}
			if (this.ended)
				throw new UnreadableFile(`malformed JSON: text after the closing ] on line ${this.line}`);
			if (c === 44) {
				if (!this.afterElement)
					throw new UnreadableFile(`malformed JSON: unexpected , on line ${this.line}`);
				this.afterElement = false;
				this.afterComma = true;
				continue;
			}
			if (c === 93) {
				if (this.afterComma)
					throw new UnreadableFile(`malformed JSON: trailing , before ] on line ${this.line}`);
				this.ended = true;
				continue;
			}
			if (this.afterElement)
				throw new UnreadableFile(`malformed JSON: missing , between records on line ${this.line}`);
			this.inElement = true;
			this.afterComma = false;
			this.elementLine = this.line;
			start = i;
			this.pending = '';
			if (c === 123 || c === 91) {
				this.scalar = false;
				this.depth = 1;
			} else {
				this.scalar = true;
				if (c === 34) this.inString = true;
			}
		}
		if (this.inElement && start >= 0) this.pending += chunk.slice(start);
	}

	end(): void {
		if (!this.started) throw new UnreadableFile('malformed JSON: the file is empty');
		if (this.inElement && this.scalar && this.pending)
			throw new UnreadableFile('malformed JSON: the array is not closed');
		if (this.inElement || !this.ended)
			throw new UnreadableFile(
				`malformed JSON: the array is not closed (file ends on line ${this.line})`
			);
	}

	private finish(chunk: string, start: number, end: number): { text: string; line: number } {
		const text = this.pending + chunk.slice(Math.max(start, 0), end);
		this.pending = '';
		this.inElement = false;
		this.scalar = false;
		this.afterElement = true;
		return { text, line: this.elementLine };
	}
}
