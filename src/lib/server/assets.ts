// State assets (国有资产) of one report period: totals per category summed in SQL numeric, each
// entity's figures and rates, and the open leverage / preservation alerts on them.
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../../db/client';
import {
	ASSET_CATEGORIES,
	assetRates,
	equityOf,
	figureDecimal,
	leverageOf,
	periodForYear,
	preservationOf,
	periodYear,
	type AssetCategory
} from '../domain/assets';
import type { AlertLevel } from '../domain/alerts/params';
import { listAlerts } from './alerts/index';
import { feedFreshness, snapshot, type FeedFreshness } from './snapshot';

export interface CategoryTotals {
	category: AssetCategory;
	count: number;
	/** Exact sums in 元 (decimal strings); '0' when the category has no such figure. */
	totalAssets: string;
	totalLiabilities: string;
	/** 国有资本权益 or 净资产. */
	equity: string;
	/** Summed liabilities / summed assets, an exact fraction (see domain/assets); null without assets. */
	leverage: string | null;
	/** Enterprises: 营业收入, 利润总额, 上缴国有资本收益 summed (元), and the category's 保值增值率. */
	operatingRevenue: string;
	totalProfit: string;
	capitalIncome: string;
	/** Σ closing equity / Σ opening equity of the reports that give both; null otherwise. */
	preservation: string | null;
	/** Administrative: 行政单位 and 事业单位 apart. */
	byUnitType: UnitTypeTotals[];
}

export interface UnitTypeTotals {
	unitType: 'admin' | 'institution' | 'other';
	count: number;
	totalAssets: string;
	totalLiabilities: string;
	equity: string;
}

/** One annual report's category totals, for the years compared. */
export interface YearTotals {
	period: string;
	categories: CategoryTotals[];
	natural: NaturalTotal[];
}

/** A physical quantity of natural resources summed over the period's reports, per figure and unit. */
export interface NaturalTotal {
	key: string;
	unit: string | null;
	total: string;
	count: number;
}

export interface Quantity {
	key: string;
	value: string;
	unit: string | null;
}

export interface EntityAlert {
	id: number;
	ruleType: 'soeLeverage' | 'capitalPreservation';
	level: AlertLevel;
}

export interface AssetEntity {
	id: string;
	category: AssetCategory;
	entityCode: string;
	entityName: string;
	totalAssets: string | null;
	totalLiabilities: string | null;
	equity: string | null;
	leverage: string | null;
	preservation: string | null;
	/** The most severe open alert level on the entity, if any. */
	level: AlertLevel | null;
	alerts: EntityAlert[];
	/** Natural resources: every numeric figure with its unit. */
	quantities: Quantity[];
}

export interface AssetsPage {
	seq: number;
	/** Every report period on record, newest first. */
	periods: string[];
	/** The shown period (null when there is no report at all or none in the asked year). */
	period: string | null;
	year: number | null;
	categories: CategoryTotals[];
	natural: NaturalTotal[];
	entities: AssetEntity[];
	/** Every annual report's totals, oldest first. */
	years: YearTotals[];
	feed: FeedFreshness;
}

const DECIMAL = '^-?[0-9]+(\\.[0-9]{1,6})?$';
/** A figure as numeric, null when it is text (a unit) — the same figures the alert rules read. */
const num = (key: string): SQL =>
	sql`case when figures->>${key} ~ ${DECIMAL} then (figures->>${key})::numeric end`;

export async function reportPeriods(ex: Executor): Promise<string[]> {
	const found = await rows<{ period: string }>(ex, sql`select distinct period from asset_report`);
	// Newest first; within a year the annual report ("2025") before its months.
	const key = (p: string) => (p.length === 4 ? `${p}-13` : p);
	return found
		.map((r) => r.period)
		.sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}

interface TotalsRow {
	category: string;
	unit_type: string | null;
	n: number;
	assets: string;
	liabilities: string;
	equity: string;
	revenue: string;
	profit: string;
	income: string;
	opening: string | null;
	closing: string | null;
}

export async function categoryTotals(ex: Executor, period: string): Promise<CategoryTotals[]> {
	// By category and unit type (only administrative reports carry one); summed per category below.
	const found = await rows<TotalsRow>(
		ex,
		sql`select category, unit_type, count(*)::int as n,
				coalesce(sum(${num('totalAssets')}), 0)::text as assets,
				coalesce(sum(${num('totalLiabilities')}), 0)::text as liabilities,
				coalesce(sum(coalesce(${num('equity')}, ${num('netAssets')})), 0)::text as equity,
				coalesce(sum(${num('operatingRevenue')}), 0)::text as revenue,
				coalesce(sum(${num('totalProfit')}), 0)::text as profit,
				coalesce(sum(${num('capitalIncome')}), 0)::text as income,
				sum(case when ${num('equity')} is not null then ${num('openingEquity')} end)::text as opening,
				sum(case when ${num('openingEquity')} is not null then ${num('equity')} end)::text as closing
			from asset_report where period = ${period} group by category, unit_type`
	);
	return ASSET_CATEGORIES.map((category) => {
		const mine = found.filter((f) => f.category === category);
		const sum = (key: keyof TotalsRow) => sumDecimals(mine.map((r) => r[key] as string | null));
		const totalAssets = sum('assets');
		const totalLiabilities = sum('liabilities');
		const opening = mine.some((r) => r.opening !== null) ? sum('opening') : null;
		const closing = mine.some((r) => r.closing !== null) ? sum('closing') : null;
		return {
			category,
			count: mine.reduce((n, r) => n + r.n, 0),
			totalAssets,
			totalLiabilities,
			equity: sum('equity'),
			leverage: category === 'natural' ? null : leverageOf(totalAssets, totalLiabilities),
			operatingRevenue: sum('revenue'),
			totalProfit: sum('profit'),
			capitalIncome: sum('income'),
			preservation:
				category === 'enterprise' && opening !== null && closing !== null
					? preservationOf({ openingEquity: opening, equity: closing })
					: null,
			byUnitType:
				category === 'administrative'
					? mine.map((r) => ({
							unitType: (r.unit_type ?? 'other') as UnitTypeTotals['unitType'],
							count: r.n,
							totalAssets: r.assets,
							totalLiabilities: r.liabilities,
							equity: r.equity
						}))
					: []
		};
	});
}

/** Exact sum of numeric texts as PostgreSQL prints them (any number of decimals). */
function sumDecimals(values: (string | null)[]): string {
	let scale = 0;
	for (const v of values) if (v && v.includes('.')) scale = Math.max(scale, v.split('.')[1].length);
	let total = 0n;
	for (const v of values) {
		if (!v) continue;
		const [int, frac = ''] = v.split('.');
		const sign = int.startsWith('-') ? -1n : 1n;
		total += sign * BigInt(int.replace('-', '') + frac.padEnd(scale, '0'));
	}
	if (scale === 0) return total.toString();
	const neg = total < 0n;
	const abs = (neg ? -total : total).toString().padStart(scale + 1, '0');
	return `${neg ? '-' : ''}${abs.slice(0, -scale)}.${abs.slice(-scale)}`;
}

/** Each annual report's totals, oldest first: the years compared side by side. */
export async function yearTotals(ex: Executor, periods: string[]): Promise<YearTotals[]> {
	const annual = periods.filter((p) => p.length === 4).sort();
	return Promise.all(
		annual.map(async (period) => ({
			period,
			categories: await categoryTotals(ex, period),
			natural: await naturalTotals(ex, period)
		}))
	);
}

/** Natural-resource quantities: a figure `x` takes its unit from figure `xUnit`, else from `unit`. */
export async function naturalTotals(ex: Executor, period: string): Promise<NaturalTotal[]> {
	return rows<NaturalTotal>(
		ex,
		sql`select f.key, coalesce(r.figures->>(f.key || 'Unit'), r.figures->>'unit') as unit,
				sum(f.value::numeric)::text as total, count(*)::int as count
			from asset_report r cross join lateral jsonb_each_text(r.figures) f
			where r.period = ${period} and r.category = 'natural' and f.value ~ ${DECIMAL}
			group by 1, 2 order by 1, 2`
	);
}

export async function entities(ex: Executor, period: string): Promise<AssetEntity[]> {
	const [reports, leverage, preservation] = await Promise.all([
		rows<{
			id: string;
			category: AssetCategory;
			entity_code: string;
			entity_name: string;
			figures: Record<string, unknown>;
		}>(
			ex,
			sql`select id, category, entity_code, entity_name, figures from asset_report where period = ${period} order by category, entity_code`
		),
		// The report's own alerts, whichever year they are supervised in (the judge decides that).
		listAlerts(ex, { period, status: 'active', ruleType: 'soeLeverage', limit: 1000 }),
		listAlerts(ex, { period, status: 'active', ruleType: 'capitalPreservation', limit: 1000 })
	]);
	const open = [...leverage.rows, ...preservation.rows];
	const rank = { notice: 1, warning: 2, severe: 3 } as const;
	return reports.map((r) => {
		// The rules judge enterprise reports only, keyed by entity code and period.
		const alerts: EntityAlert[] =
			r.category === 'enterprise'
				? open
						.filter((a) => a.subjectKey === r.entity_code)
						.map((a) => ({
							id: a.id,
							ruleType: a.ruleType as EntityAlert['ruleType'],
							level: a.level
						}))
				: [];
		const level = alerts.reduce<AlertLevel | null>(
			(top, a) => (top === null || rank[a.level] > rank[top] ? a.level : top),
			null
		);
		const f = r.figures;
		const { leverage: lev, preservation: pres } = assetRates(r.category, f);
		const quantities: Quantity[] =
			r.category === 'natural'
				? Object.entries(f)
						.filter(([, v]) => figureDecimal(v) !== undefined)
						.map(([key, v]) => ({
							key,
							value: v as string,
							unit: figureText(f[`${key}Unit`]) ?? figureText(f.unit)
						}))
						.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
				: [];
		return {
			id: r.id,
			category: r.category,
			entityCode: r.entity_code,
			entityName: r.entity_name,
			totalAssets: figureDecimal(f.totalAssets) ?? null,
			totalLiabilities: figureDecimal(f.totalLiabilities) ?? null,
			equity: equityOf(f) ?? null,
			leverage: lev,
			preservation: pres,
			level,
			alerts,
			quantities
		};
	});
}

const figureText = (v: unknown): string | null =>
	typeof v === 'string' && v.trim() !== '' ? v : null;

/** The page for a report year (default: the latest year with reports), or one period of it. */
export async function assetsPage(q: {
	year: number | null;
	period: string | null;
}): Promise<AssetsPage> {
	return snapshot(async (tx, seq) => {
		const [periods, feed] = await Promise.all([reportPeriods(tx), feedFreshness(tx, 'asset')]);
		const year = q.year ?? (periods[0] ? periodYear(periods[0]) : null);
		const period =
			q.period !== null
				? periods.includes(q.period)
					? q.period
					: null
				: year === null
					? null
					: periodForYear(periods, year);
		if (period === null)
			return {
				seq,
				periods,
				period,
				year,
				categories: [],
				natural: [],
				entities: [],
				years: [],
				feed
			};
		const [categories, natural, list, years] = await Promise.all([
			categoryTotals(tx, period),
			naturalTotals(tx, period),
			entities(tx, period),
			yearTotals(tx, periods)
		]);
		return {
			seq,
			periods,
			period,
			year: periodYear(period),
			categories,
			natural,
			entities: list,
			years,
			feed
		};
	});
}
