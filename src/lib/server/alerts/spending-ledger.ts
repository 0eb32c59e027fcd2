/**
 * The year's spending by plan-line key, kept in memory beside the database for the rules that
 * follow each payment (over plan, no plan, 三公). Those rules judge a department's whole spending,
 * so reading it from the rollup for every group grows with the year: by December a file's group
 * read every month row of every line of the departments it touched, 1.0–1.2 s of the writer's time
 * per 20,000 payments (docs/performance.md). The ledger reads a year once and then adds what each
 * group inserted.
 *
 * It trusts itself only while it agrees with the database. Before each use the year's totals
 * (amount and payment count, from the rollup's city month rows, read in the group's transaction)
 * must equal the ledger's totals plus what the group inserted. Payments are only ever inserted, and
 * each adds one to the count, so whatever the ledger did not see — another app server's writes, a
 * group that rolled back after the ledger had added it, a batch stored with the rules off, a
 * database emptied and loaded again — makes the totals differ, and the year is read again from the
 * rollup.
 */
import { sql } from 'drizzle-orm';
import { rows, type Database, type Executor } from '../../../../db/client';
import { planLineKey, type LineSpending } from '../../domain/alerts/judges/spending';
import type { Fen } from '../../domain/money';
import { yuanToFen } from '../../domain/money';
import { loadLineSpending } from './loaders/spending';

/** Years kept in memory at once; a year read before that is read again when it is needed. */
const MAX_YEARS = 3;

interface YearSpending {
	amount: Fen;
	payments: number;
	/** Department → plan-line key (kind, function, economic, project) → spending. Entries are replaced, never changed. */
	depts: Map<string, Map<string, LineSpending>>;
}

export class SpendingLedger {
	private readonly years = new Map<number, YearSpending>();
	/** How many times a year was read from the rollup (for tests and the bench). */
	reads = 0;

	/**
	 * The year's spending of these departments by plan-line key, through the year's end, as the
	 * caller's transaction sees it: `added` is what the group inserted into this year, already in
	 * the rollup.
	 */
	async spending(
		ex: Executor,
		year: number,
		depts: ReadonlySet<string>,
		added: readonly LineSpending[]
	): Promise<LineSpending[]> {
		const ledger = await this.inStep(ex, year, added);
		const out: LineSpending[] = [];
		for (const dept of depts) {
			const lines = ledger.depts.get(dept);
			if (lines) for (const s of lines.values()) out.push(s);
		}
		return out;
	}

	private async inStep(
		ex: Executor,
		year: number,
		added: readonly LineSpending[]
	): Promise<YearSpending> {
		const [total] = await rows<{ amount: string; payments: string }>(
			ex,
			sql`select coalesce(sum(amount), 0)::text as amount, coalesce(sum(payment_count), 0)::text as payments
				from execution_rollup
				where level = 'city' and grain = 'm' and period >= ${`${year}-01-01`}::date and period <= ${`${year}-12-01`}::date`
		);
		const dbAmount = yuanToFen(total.amount);
		const dbPayments = Number(total.payments);
		const known = this.years.get(year);
		if (known) {
			let amount = known.amount;
			for (const s of added) amount += s.amount;
			const payments = known.payments + added.reduce((n, s) => n + s.payments, 0);
			if (amount === dbAmount && payments === dbPayments) {
				for (const s of added) add(known, s);
				return known;
			}
		}
		// Out of step (or never read): the year from the rollup, which already holds the group.
		this.reads++;
		const started = performance.now();
		const fresh: YearSpending = { amount: 0n, payments: 0, depts: new Map() };
		for (const s of await loadLineSpending(ex, year, `${year}-12-31`)) add(fresh, s);
		// Once per year and process is expected; after every group means another writer is at work.
		console.log(
			`[qiandai] alert rules: ${year}'s spending read from the rollup (${known ? 'out of step with the database: another writer, a rolled-back group or a load with the rules off' : 'first use'}; ` +
				`${fresh.payments} payment${fresh.payments === 1 ? '' : 's'} in ${Math.round(performance.now() - started)} ms)`
		);
		this.years.delete(year);
		this.years.set(year, fresh);
		// A few years at most (this one, last one, a late correction): the one read longest ago goes.
		if (this.years.size > MAX_YEARS) this.years.delete(this.years.keys().next().value!);
		return fresh;
	}
}

function add(year: YearSpending, s: LineSpending): void {
	year.amount += s.amount;
	year.payments += s.payments;
	let lines = year.depts.get(s.deptCode);
	if (!lines) year.depts.set(s.deptCode, (lines = new Map()));
	const key = planLineKey(s);
	const prior = lines.get(key);
	lines.set(
		key,
		prior
			? { ...prior, amount: prior.amount + s.amount, payments: prior.payments + s.payments }
			: { ...s }
	);
}

const ledgers = new WeakMap<Database, SpendingLedger>();

/** The ledger of one database in this process (each database its own: tests open many). */
export function spendingLedgerOf(database: Database): SpendingLedger {
	let ledger = ledgers.get(database);
	if (!ledger) ledgers.set(database, (ledger = new SpendingLedger()));
	return ledger;
}
