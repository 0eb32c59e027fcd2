/**
 * Benchmark data for the dashboards: a province-sized set of budget units, plan lines and millions of
 * treasury payments, generated inside the database (generate_series) so that 5,000,000 rows load in
 * minutes on PostgreSQL and PGlite alike. Rollups are then built from the payments with the same SQL
 * the app uses to backfill them. Shapes follow domain.md: skewed amounts, many small payments, a
 * handful of departments with dozens of units.
 */
import { sql } from 'drizzle-orm';
import { rows, type Database, type Executor } from '../../db/client';
import { economicCodes, functionCodes } from '../../src/lib/domain/reference-codes';
import { Random } from '../../src/lib/demo/random';
import {
	executionRollupUpsert,
	sealClosedMonths,
	tuneExecutionRollupStorage
} from '../../src/lib/server/ingest/execution-rollup';

export interface BenchShape {
	year: number;
	/** Payments in `year`, Jan 1 – Dec 31, stored in time order. */
	payments: number;
	/** Payments in the previous year (for last year's curve). */
	lastYearPayments: number;
	departments?: number;
	seed?: number;
}

export interface BenchCity {
	departments: { code: string; units: string[]; funcs: string[] }[];
	combos: number;
	planLines: number;
}

const FUNC7 = functionCodes.filter((c) => c.code.length === 7).map((c) => c.code);
const ECON5 = economicCodes.filter((c) => c.code.length === 5).map((c) => c.code);
// Most payments are goods and services, then wages, transfers to persons and capital works.
const ECON_WEIGHT: Record<string, number> = {
	'301': 3,
	'302': 8,
	'303': 2,
	'307': 0.2,
	'309': 1,
	'310': 1,
	'311': 0.1,
	'312': 0.5,
	'313': 0.2,
	'399': 0.3
};

/** Builds units, plan lines and the combinations payments are drawn from, deterministically. */
export function buildCity(shape: BenchShape) {
	const r = new Random(shape.seed ?? 5_000_000);
	const deptCount = shape.departments ?? 100;
	const departments: BenchCity['departments'] = [];
	const units: { code: string; name: string; parent_code: string | null }[] = [];
	const combos: {
		dept: string;
		agency: string;
		func: string;
		econ: string;
		project: string;
		weight: number;
	}[] = [];
	for (let d = 0; d < deptCount; d++) {
		const code = String(101 + d);
		// A few departments (education, health, public security) have dozens of units.
		const unitCount = d < 3 ? 40 + r.int(0, 30) : 1 + Math.floor(20 * r.next() ** 2);
		const unitCodes = Array.from(
			{ length: unitCount },
			(_, i) => `${code}${String(i + 1).padStart(3, '0')}`
		);
		units.push({ code, name: `基准部门${code}`, parent_code: null });
		unitCodes.forEach((u, i) =>
			units.push({ code: u, name: `基准部门${code}单位${i + 1}`, parent_code: code })
		);
		const start = r.int(0, FUNC7.length - 6);
		const funcs = FUNC7.slice(start, start + r.int(2, 6));
		departments.push({ code, units: unitCodes, funcs });
		const projects = funcs.map((f, i) => `${shape.year}${code}${String(i + 1).padStart(3, '0')}`);
		for (const agency of unitCodes) {
			const unitFuncs = funcs.filter(() => r.chance(0.6));
			if (unitFuncs.length === 0) unitFuncs.push(r.pick(funcs));
			for (const func of unitFuncs) {
				const econs = ECON5.filter(() => r.chance(0.35));
				for (const econ of econs) {
					const cls = econ.slice(0, 3);
					const project = cls === '309' || cls === '310' ? projects[funcs.indexOf(func)] : '';
					combos.push({
						dept: code,
						agency,
						func,
						econ,
						project,
						weight: (ECON_WEIGHT[cls] ?? 0.2) * (d < 3 ? 3 : 1) * (0.3 + r.next())
					});
				}
			}
		}
	}
	// Heavier combinations first; payments pick an index with a skewed draw.
	combos.sort((a, b) => b.weight - a.weight);
	return { departments, units, combos };
}

export function workingDays(year: number): string[] {
	const days: string[] = [];
	for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
		const date = new Date(t);
		const wd = date.getUTCDay();
		if (wd !== 0 && wd !== 6) days.push(date.toISOString().slice(0, 10));
	}
	return days;
}

/** Loads the benchmark city into an empty, migrated database. */
/**
 * The city's reference data without payments, for the ingest benchmark: its units, and plan lines
 * for the year as seedBenchData shapes them (department × function 项 or 类 × economic 类 ×
 * project), each sized to what its combinations are expected to spend in a year of `perYear`
 * payments. With them, ingest judges payments against real plans and known units, as in production.
 */
export async function seedBenchReference(
	ex: Executor,
	year: number,
	perYear: number
): Promise<{ units: number; planLines: number }> {
	const city = buildCity({ year, payments: perYear, lastYearPayments: 0, seed: 5_000_000 });
	await ex.execute(sql`insert into budget_unit (code, name, parent_code)
		select code, name, parent_code from jsonb_to_recordset(${JSON.stringify(city.units)}::jsonb) as x(code text, name text, parent_code text)
		on conflict do nothing`);
	// Payments pick combination i with probability √((i+1)/n) − √(i/n) (the skewed draw of the feed);
	// a payment averages about 20,000 元.
	const n = city.combos.length;
	const plan = new Map<
		string,
		{ dept: string; func: string; econ: string; project: string; amount: number }
	>();
	city.combos.forEach((c, i) => {
		const byClass = Number(c.dept) % 10 === 0;
		const line = {
			dept: c.dept,
			func: byClass ? c.func.slice(0, 3) : c.func,
			econ: byClass ? '' : c.econ.slice(0, 3),
			project: c.project
		};
		const key = `${line.dept}|${line.func}|${line.econ}|${line.project}`;
		const expected = perYear * (Math.sqrt((i + 1) / n) - Math.sqrt(i / n)) * 20_000;
		const got = plan.get(key);
		if (got) got.amount += expected;
		else plan.set(key, { ...line, amount: expected });
	});
	const lines = [...plan.values()].map((l) => ({
		...l,
		amount: (Math.max(100, Math.round(l.amount / 100)) * 100).toFixed(2)
	}));
	for (let i = 0; i < lines.length; i += 10_000)
		await ex.execute(sql`insert into plan_line (year, budget_kind, side, dept_code, func_code, econ_code, project_code, initial_amount, available_amount)
			select ${year}, 'general', 'expenditure', dept, func, econ, project, amount, amount
			from jsonb_to_recordset(${JSON.stringify(lines.slice(i, i + 10_000))}::jsonb) as x(dept text, func text, econ text, project text, amount numeric)
			on conflict do nothing`);
	return { units: city.units.length, planLines: lines.length };
}

export async function seedBenchData(
	database: Database,
	shape: BenchShape,
	log: (m: string) => void = () => {}
): Promise<BenchCity> {
	const ex = database.db;
	const city = buildCity(shape);
	const t0 = performance.now();
	await tuneExecutionRollupStorage(ex);
	await ex.execute(sql`insert into budget_unit (code, name, parent_code)
		select code, name, parent_code from jsonb_to_recordset(${JSON.stringify(city.units)}::jsonb) as x(code text, name text, parent_code text)`);
	await ex.execute(sql`create table if not exists bench_combo (
		id int primary key, dept_code text, agency_code text, func_code text, econ_code text, project_code text)`);
	await ex.execute(sql`truncate bench_combo`);
	for (let i = 0; i < city.combos.length; i += 20_000) {
		const chunk = city.combos.slice(i, i + 20_000).map((c, j) => ({ id: i + j, ...c }));
		await ex.execute(sql`insert into bench_combo
			select id, dept, agency, func, econ, project
			from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(id int, dept text, agency text, func text, econ text, project text)`);
	}
	log(`bench: ${city.units.length} units, ${city.combos.length} payment combinations`);

	for (const [year, count] of [
		[shape.year - 1, shape.lastYearPayments],
		[shape.year, shape.payments]
	] as const) {
		if (count === 0) continue;
		const days = workingDays(year);
		const chunk = 500_000;
		await ex.execute(sql`select setseed(${(year % 1000) / 1000})`);
		for (let from = 1; from <= count; from += chunk) {
			const to = Math.min(count, from + chunk - 1);
			// Time-ordered like a real feed: payment g falls on working day g·days/count, 8:00–17:00.
			await ex.execute(sql`insert into payment (id, paid_at, fiscal_date, fiscal_year, budget_kind, dept_code,
					agency_code, func_code, econ_code, project_code, amount, pay_type, payee, payee_kind, purpose,
					content_hash, batch_id)
				select 'B' || ${year}::text || '-' || g, t.paid_at, (t.paid_at at time zone 'Asia/Shanghai')::date, ${year},
					'general', c.dept_code, c.agency_code, c.func_code, c.econ_code, c.project_code,
					-- Most payments a few thousand 元; one in fifty a wage run or works payment of hundreds of thousands.
					least(300000000, greatest(1, round(((case when random() < 0.02 then 300000 else 6000 end)
						* exp(1.25 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::numeric, 2))),
					'authorized', case when c.econ_code like '303%' then '个人' || (g % 997) else '基准收款单位' || (g % 331) end,
					case when c.econ_code like '303%' then 'person' else 'org' end, '基准用途', 'bench', 'bench'
				from generate_series(${from}::int, ${to}::int) g
				cross join lateral (select ((${JSON.stringify(days)}::jsonb ->> ((g - 1)::bigint * ${days.length} / ${count})::int) || ' 08:00:00+08')::timestamptz
					+ (random() * 9 * 3600) * interval '1 second' as paid_at,
					floor(${city.combos.length} * power(random(), 2))::int + 0 * g as combo offset 0) t
				join bench_combo c on c.id = t.combo
				order by g`);
			log(
				`bench: ${year}: ${to}/${count} payments (${Math.round((performance.now() - t0) / 1000)} s)`
			);
		}
	}

	// Plan lines: per department × function 项 × economic 类 the year's expected spending, give or take;
	// a project line per project; a tenth of departments budget some functions at 类 level only.
	const planLines = await rows<{ n: number }>(
		ex,
		sql`with spend as (
			select fiscal_year as year, dept_code, func_code, left(econ_code, 3) as econ_code, project_code, sum(amount) as amount
			from payment group by 1, 2, 3, 4, 5
		), lines as (
			select year, dept_code,
				case when (dept_code::int % 10) = 0 then left(func_code, 3) else func_code end as func_code,
				case when (dept_code::int % 10) = 0 then '' else econ_code end as econ_code,
				project_code, sum(amount) * (0.9 + (hashtext(dept_code) & 1023) / 4000.0) as amount
			from spend group by 1, 2, 3, 4, 5
		), ins as (
			insert into plan_line (year, budget_kind, side, dept_code, func_code, econ_code, project_code, initial_amount, available_amount)
			select year, 'general', 'expenditure', dept_code, func_code, econ_code, project_code, round(amount, -2), round(amount, -2)
			from lines
			on conflict do nothing
			returning 1
		)
		select count(*)::int as n from ins`
	);
	log(`bench: ${planLines[0].n} plan lines (${Math.round((performance.now() - t0) / 1000)} s)`);

	// The rollup is built the way ingest builds it, a day's payments at a time in time order, so its
	// rows lie in the table (and its dead row versions pile up) as they do in production.
	await ex.execute(sql`delete from execution_rollup`);
	const days = await rows<{ d: string }>(
		ex,
		sql`select distinct fiscal_date::text as d from payment order by 1`
	);
	await ex.execute(sql`delete from rollup_sealed_month`);
	for (const { d } of days) {
		await ex.execute(
			executionRollupUpsert(
				sql`(select *, 1 as payment_count from payment where fiscal_date = ${d}::date)`
			)
		);
		await sealClosedMonths(ex);
	}
	log(
		`bench: execution_rollup built day by day (${Math.round((performance.now() - t0) / 1000)} s)`
	);
	await ex.execute(sql`analyze`);
	return { departments: city.departments, combos: city.combos.length, planLines: planLines[0].n };
}
