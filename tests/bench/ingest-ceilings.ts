/**
 * The ingest bench's yardsticks on PostgreSQL: what the committed database must hold after a run,
 * and the ceilings of raw COPY and of 1,000-row INSERT for the same rows into a bare table.
 */
import { once } from 'node:events';
import type postgres from 'postgres';
import { fiscalDateOf } from '../../src/lib/domain/fiscal';
import { contentHash } from '../../src/lib/server/ingest/hash';
import { readRecords } from './ingest-data';

/** What the committed database holds: payments (the file's and the live feed's), the rollup's city total equal to the payments', events. */
export async function verifyCommitted(sql: postgres.Sql, rows: number): Promise<string> {
	const [r] = await sql<{ payments: number; sum: string; rollup: string; events: number }[]>`
		select (select count(*) from payment)::int as payments,
			(select coalesce(sum(amount), 0)::text from payment) as sum,
			(select coalesce(sum(amount), 0)::text from execution_rollup where level = 'city' and grain = 'm') as rollup,
			(select count(*) from live_event where topic = 'execution')::int as events`;
	if (r.payments !== rows || r.sum !== r.rollup)
		throw new Error(`committed state is wrong: ${JSON.stringify(r)}`);
	return `${r.payments} payments, sum ${r.sum} 元 = rollup city total, ${r.events} execution events`;
}

export const BARE_COLUMNS = [
	'id',
	'paid_at',
	'budget_kind',
	'dept_code',
	'agency_code',
	'func_code',
	'econ_code',
	'project_code',
	'amount',
	'pay_type',
	'payee',
	'payee_kind',
	'purpose'
] as const;

export function bareRow(p: Record<string, unknown>): (string | null)[] {
	return [
		p.id as string,
		p.paidAt as string,
		(p.budgetKind as string) ?? 'general',
		p.deptCode as string,
		(p.agencyCode as string) ?? '',
		p.funcCode as string,
		p.econCode as string,
		(p.projectCode as string) ?? '',
		p.amount as string,
		(p.payType as string) ?? null,
		(p.payee as string) ?? null,
		(p.payeeKind as string) ?? null,
		(p.purpose as string) ?? null
	];
}

async function bareTable(sql: postgres.Sql, indexed = false) {
	await sql`drop table if exists bench_bare`;
	await sql`create table bench_bare (id text, paid_at timestamptz, budget_kind text, dept_code text, agency_code text,
		func_code text, econ_code text, project_code text, amount numeric(20,2), pay_type text, payee text, payee_kind text, purpose text)`;
	if (!indexed) return;
	// The payment table's key and indexes, on the bare table's columns (paid_at for the fiscal date).
	await sql`alter table bench_bare add primary key (id)`;
	await sql`create index on bench_bare (dept_code, paid_at)`;
	await sql`create index on bench_bare (paid_at)`;
	await sql`create index on bench_bare using brin (paid_at)`;
	await sql`create index on bench_bare (budget_kind, paid_at) where amount >= 1000000`;
}

const esc = (v: string | null) =>
	v === null
		? '\\N'
		: v.replace(
				/[\\\t\n\r]/g,
				(c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!
			);

/** Streams the file's records as `row` gives them into `table` by one COPY, in 1 MiB chunks. */
async function copyFile(
	sql: postgres.Sql,
	table: string,
	columns: readonly string[],
	file: string,
	row: (p: Parameters<typeof bareRow>[0]) => (string | null)[]
): Promise<void> {
	const writable =
		await sql`copy ${sql(table)} (${sql.unsafe(columns.join(', '))}) from stdin`.writable();
	let chunk = '';
	for await (const p of readRecords(file)) {
		chunk += `${row(p).map(esc).join('\t')}\n`;
		if (chunk.length > 1 << 20) {
			if (!writable.write(chunk)) await once(writable, 'drain');
			chunk = '';
		}
	}
	writable.end(chunk);
	await once(writable, 'finish');
}

/**
 * Raw COPY of the same rows (read from the same file) into a table without indexes, or with
 * `indexed` into one with the payment table's primary key and indexes: the floor of any store.
 */
export async function copyCeiling(
	sql: postgres.Sql,
	file: string,
	rows: number,
	indexed = false
): Promise<number> {
	await bareTable(sql, indexed);
	const t0 = performance.now();
	await copyFile(sql, 'bench_bare', BARE_COLUMNS, file, bareRow);
	const seconds = (performance.now() - t0) / 1000;
	const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from bench_bare`;
	if (n !== rows) throw new Error(`COPY stored ${n} of ${rows}`);
	return rows / seconds;
}

const PAYMENT_COLUMNS = [
	...BARE_COLUMNS,
	'fiscal_date',
	'fiscal_year',
	'content_hash',
	'batch_id'
] as const;

/**
 * The floor of any design that stores into `payment`: the same rows COPYed straight into the real
 * payment table (emptied first; its key, indexes and insert trigger as they are), each with its
 * fiscal date and content hash computed here as the app computes them. Run on a scratch database
 * after the bulk load has been checked.
 */
export async function paymentCopyFloor(
	sql: postgres.Sql,
	file: string,
	rows: number,
	tz: string
): Promise<number> {
	await sql`truncate payment`;
	// Every zone's offset is a multiple of 15 minutes: a quarter hour has one fiscal date.
	const dates = new Map<number, string>();
	const fiscalDate = (ms: number) => {
		const q = Math.floor(ms / 900_000);
		let d = dates.get(q);
		if (d === undefined) dates.set(q, (d = fiscalDateOf(new Date(ms), tz)));
		return d;
	};
	const t0 = performance.now();
	await copyFile(sql, 'payment', PAYMENT_COLUMNS, file, (p) => {
		const values = bareRow(p);
		const paidAt = new Date(values[1]!);
		values[1] = paidAt.toISOString();
		const date = fiscalDate(paidAt.getTime());
		values.push(date, date.slice(0, 4), contentHash(values), 'floor');
		return values;
	});
	const seconds = (performance.now() - t0) / 1000;
	const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from payment`;
	if (n !== rows) throw new Error(`COPY into payment stored ${n} of ${rows}`);
	return rows / seconds;
}

/** The same rows in 1,000-row multi-row INSERT statements (postgres.js, one connection). */
export async function insertCeiling(
	sql: postgres.Sql,
	file: string,
	rows: number
): Promise<number> {
	await bareTable(sql);
	const t0 = performance.now();
	let batch: Record<string, string | null>[] = [];
	const flush = async () => {
		if (batch.length === 0) return;
		await sql`insert into bench_bare ${sql(batch, ...BARE_COLUMNS)}`;
		batch = [];
	};
	for await (const p of readRecords(file)) {
		const values = bareRow(p);
		batch.push(Object.fromEntries(BARE_COLUMNS.map((c, i) => [c, values[i]])));
		if (batch.length === 1000) await flush();
	}
	await flush();
	const seconds = (performance.now() - t0) / 1000;
	const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from bench_bare`;
	if (n !== rows) throw new Error(`INSERT stored ${n} of ${rows}`);
	await sql`drop table bench_bare`;
	return rows / seconds;
}
