// One reporting entity of the state-asset reports (a state-owned enterprise, a financial enterprise,
// an administrative or institutional unit, a natural-resource holder): its figures and rates in every
// period it reported, oldest first, and the cases the leverage and preservation rules opened on it.
// Only numeric figures leave the server: a report's text figures are never shown.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../db/client';
import {
	ASSET_CASE_CAUSES,
	assetRates,
	equityOf,
	figureDecimal,
	sortPeriods,
	type AssetCategory
} from '../domain/assets';
import type { Explanation } from '../domain/alerts/explanation';
import type { AlertStatus } from '../domain/alerts/lifecycle';
import type { AlertLevel } from '../domain/alerts/params';
import { quantitiesOf, type Quantity } from './assets';
import { feedFreshness, snapshot, type FeedFreshness } from './snapshot';

/** One period's report of the entity; money in 元 as reported (decimal strings), null when absent. */
export interface EntityPeriod {
	period: string;
	category: AssetCategory;
	unitType: string | null;
	/** The name the entity reported under in this period. */
	entityName: string;
	totalAssets: string | null;
	totalLiabilities: string | null;
	/** 国有资本权益 or 净资产. */
	equity: string | null;
	operatingRevenue: string | null;
	totalProfit: string | null;
	capitalIncome: string | null;
	/** Fractions with 8 decimals, as the alert rules compute them. */
	leverage: string | null;
	preservation: string | null;
	/** Natural resources: each physical quantity with its unit. */
	quantities: Quantity[];
}

/** A case about the entity, any status (the closed ones are its history too). */
export interface EntityCase {
	id: number;
	cause: (typeof ASSET_CASE_CAUSES)[number];
	period: string;
	year: number;
	level: AlertLevel;
	status: AlertStatus;
	closedByYearClose: boolean;
	summary: Explanation['summary'] | null;
	openedAt: Date;
}

export interface AssetEntityPage {
	seq: number;
	code: string;
	/** The name of the newest report. */
	name: string;
	category: AssetCategory;
	unitType: string | null;
	/** Every period the entity reported, oldest first (a year's months before its annual report). */
	history: EntityPeriod[];
	/** Open and acknowledged first, then newest first. */
	cases: EntityCase[];
	feed: FeedFreshness;
}

interface ReportRow {
	period: string;
	category: AssetCategory;
	unit_type: string | null;
	entity_name: string;
	figures: Record<string, unknown> | string;
}

function periodOf(r: ReportRow): EntityPeriod {
	const f = (typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures) as Record<
		string,
		unknown
	>;
	const rates = assetRates(r.category, f);
	const money = (key: string) => figureDecimal(f[key]) ?? null;
	return {
		period: r.period,
		category: r.category,
		unitType: r.unit_type,
		entityName: r.entity_name,
		totalAssets: money('totalAssets'),
		totalLiabilities: money('totalLiabilities'),
		equity: equityOf(f) ?? null,
		operatingRevenue: money('operatingRevenue'),
		totalProfit: money('totalProfit'),
		capitalIncome: money('capitalIncome'),
		leverage: rates.leverage,
		preservation: rates.preservation,
		quantities: r.category === 'natural' ? quantitiesOf(f) : []
	};
}

/** The entity's reports, oldest first; empty when it never reported. */
export async function entityHistory(ex: Executor, code: string): Promise<EntityPeriod[]> {
	const found = await rows<ReportRow>(
		ex,
		sql`select period, category, unit_type, entity_name, figures from asset_report
			where entity_code = ${code}`
	);
	const byPeriod = new Map(found.map((r) => [r.period, r]));
	return sortPeriods([...byPeriod.keys()]).map((p) => periodOf(byPeriod.get(p)!));
}

interface CaseRaw {
	id: number;
	cause: EntityCase['cause'];
	period: string;
	year: number;
	level: AlertLevel;
	status: AlertStatus;
	closed_by_year_close: boolean;
	explanation: unknown;
	opened_at: Date | string;
}

/** The leverage and preservation cases whose subject is the entity, the active ones first. */
export async function entityCases(ex: Executor, code: string): Promise<EntityCase[]> {
	const causes = sql.join(
		ASSET_CASE_CAUSES.map((c) => sql`${c}`),
		sql`, `
	);
	const found = await rows<CaseRaw>(
		ex,
		sql`select c.id::int as id, c.cause, c.period, c.year::int as year, c.level, c.status,
				c.closed_by_year_close, a.explanation, c.opened_at
			from alert_case c left join alert a on a.id = c.headline_alert_id
			where c.subject = ${code} and c.cause in (${causes})
			order by case when c.status in ('open', 'acknowledged') and not c.closed_by_year_close
				then 0 else 1 end, c.period desc, c.id desc`
	);
	return found.map((r) => {
		const x = typeof r.explanation === 'string' ? JSON.parse(r.explanation) : r.explanation;
		return {
			id: Number(r.id),
			cause: r.cause,
			period: r.period,
			year: Number(r.year),
			level: r.level,
			status: r.status,
			closedByYearClose: Boolean(r.closed_by_year_close),
			summary: (x as Explanation | null)?.summary ?? null,
			openedAt: new Date(r.opened_at)
		};
	});
}

/** The entity's page, or null when no report names the code. */
export async function assetEntityPage(code: string): Promise<AssetEntityPage | null> {
	return snapshot(async (tx, seq) => {
		const [history, cases, feed] = await Promise.all([
			entityHistory(tx, code),
			entityCases(tx, code),
			feedFreshness(tx, 'asset')
		]);
		const newest = history.at(-1);
		if (!newest) return null;
		return {
			seq,
			code,
			name: newest.entityName,
			category: newest.category,
			unitType: newest.unitType,
			history,
			cases,
			feed
		};
	});
}
