/**
 * The data of each wall screen, loaded for a display (never for a person): one loader per screen id
 * in LOADERS, typed by ScreenData. Each screen's data carries the freshness of the source it shows
 * (`feed`, `source`) so the wall can say 数据截至 … and raise its stale banner.
 *
 * Adding a screen: add its id to SCREENS (src/lib/wall/screens.ts), its data type to ScreenData and
 * its loader to LOADERS here, and its component to src/lib/wall/components.ts.
 */
import { fiscalToday, type FiscalDate } from '../domain/fiscal';
import type { AlertLevel } from '../domain/alerts/params';
import type { Localized } from '../domain/alerts/explanation';
import type { BudgetKind } from '../domain/budget-kinds';
import type { AlertCounts } from '../live/events';
import { dataKey, type PlaylistEntry, type ScreenId } from '../wall/screens';
import { listAlerts, openAlertCounts, type AlertRow } from './alerts/index';
import { assetsPage, type CategoryTotals } from './assets';
import { debtPage } from './debt';
import type { DebtYear } from '../domain/debt';
import type { GroupFigures, Headline } from '../domain/rectification/index';
import { auditPage } from './rectification/index';
import * as execution from './execution';
import { personNames } from './privacy';
import type { PersonNames } from '../domain/privacy';
import * as revenue from './revenue';
import { db, runtime } from './runtime';
import { latestPayments, type LatestPayments, type WallOverview } from './wall';

export type { LatestPayments, WallOverview };

/** What every screen's data says about its freshness. */
export interface Fresh {
	/** The record kind (feed source) the screen shows. */
	source: string;
	feed: execution.FeedFreshness;
}

export interface WallFunctions extends Fresh, execution.Figures {
	year: number;
	byClass: execution.ClassExecution[];
}

export interface WallDepartments extends Fresh {
	year: number;
	timeProgress: string;
	/** Departments with a plan, largest lag first. */
	ranking: execution.DepartmentRank[];
	/** How many departments are at each pace level. */
	levels: Record<'ontrack' | 'notice' | 'warning' | 'severe', number>;
}

export interface WallRevenue extends Fresh {
	year: number;
	summary: revenue.RevenueSummary;
	monthly: revenue.MonthlyCollection[];
}

export interface WallAlert {
	id: number;
	level: AlertLevel;
	ruleType: string;
	/** The alert's one-line summary, persons' names masked for a display. */
	summary: Localized;
	openedAt: string;
	deptCode: string | null;
}

export interface WallAlerts extends Fresh {
	year: number;
	dept: string | null;
	counts: AlertCounts;
	/** Open alerts, severe first, newest first within a level. */
	newest: WallAlert[];
}

export interface WallAssets extends Fresh {
	period: string | null;
	categories: CategoryTotals[];
	/** Reporting entities with an open alert, by level. */
	flagged: Record<AlertLevel, number>;
	entities: number;
}

export interface WallDebt extends Fresh {
	/** The year shown: the entry's year, else the latest year with debt records; null without any. */
	year: number | null;
	debt: DebtYear | null;
	/** Active debt alerts (debt ratio, debt service) of the year by level. */
	alerts: Record<AlertLevel, number>;
}

export interface WallAudit extends Fresh {
	/** The audit year shown: the entry's year, else the latest audit year; null without findings. */
	year: number | null;
	dept: string | null;
	headline: Headline;
	/** Units with findings not yet rectified, most first (at most AUDIT_UNITS); names as a display sees them. */
	units: GroupFigures[];
}

export interface ScreenData {
	overview: WallOverview & Fresh;
	functions: WallFunctions;
	departments: WallDepartments;
	revenue: WallRevenue;
	alerts: WallAlerts;
	assets: WallAssets;
	debt: WallDebt;
	audit: WallAudit;
	payments: LatestPayments & Fresh;
}

export type Loaded = { [K in ScreenId]: { screen: K; data: ScreenData[K] } }[ScreenId];

interface Context {
	year: number;
	kind: BudgetKind;
	asOf: FiscalDate;
	dept: string | null;
}

const ALERT_ROWS = 6;
const LEVEL_RANK: Record<AlertLevel, number> = { severe: 3, warning: 2, notice: 1 };

async function functionsScreen(c: Context): Promise<WallFunctions> {
	const o = await execution.overview({ year: c.year, budgetKind: c.kind, asOf: c.asOf }, null);
	const { initialPlan, plan, executed, payments, rate, timeProgress, gap, level } = o;
	return {
		...{ initialPlan, plan, executed, payments, rate, timeProgress, gap, level },
		year: c.year,
		byClass: o.byClass,
		source: 'payment',
		feed: o.feed
	};
}

async function departmentsScreen(c: Context): Promise<WallDepartments> {
	return execution.snapshot(async (tx) => {
		const q = { year: c.year, budgetKind: c.kind, asOf: c.asOf };
		const [all, feed] = await Promise.all([
			execution.departmentRanking(tx, q),
			execution.feedFreshness(tx, 'payment')
		]);
		const ranked = all.filter((d) => d.gap !== null);
		const levels = { ontrack: 0, notice: 0, warning: 0, severe: 0 };
		for (const d of ranked) levels[d.level]++;
		return {
			year: c.year,
			timeProgress: all[0]?.timeProgress ?? '0',
			ranking: ranked,
			levels,
			source: 'payment',
			feed
		};
	});
}

async function revenueScreen(c: Context): Promise<WallRevenue> {
	return execution.snapshot(async (tx) => {
		const q = { year: c.year, budgetKind: c.kind, asOf: c.asOf };
		const [summary, monthly, feed] = await Promise.all([
			revenue.summary(tx, q),
			revenue.monthly(tx, q, ''),
			execution.feedFreshness(tx, 'revenue')
		]);
		return { year: c.year, summary, monthly, source: 'revenue', feed };
	});
}

/** An alert as a display may see it: persons' names in its summary masked. */
function forDisplay(a: AlertRow, names: PersonNames): WallAlert {
	return {
		id: a.id,
		level: a.level,
		ruleType: a.ruleType,
		summary: { zh: names.mask(a.summary.zh, 'display'), en: names.mask(a.summary.en, 'display') },
		openedAt: a.openedAt.toISOString(),
		deptCode: a.deptCode
	};
}

/** The newest active severe alerts of the current year, for the interruption of the rotation. */
export async function newestSevere(limit = 3): Promise<WallAlert[]> {
	const year = Number(fiscalToday(runtime().config.fiscalTz).slice(0, 4));
	const [found, names] = await Promise.all([
		listAlerts(db(), { year, status: 'active', level: 'severe', limit: 20 }),
		personNames(db())
	]);
	return found.rows
		.sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime() || b.id - a.id)
		.slice(0, limit)
		.map((a) => forDisplay(a, names));
}

async function alertsScreen(c: Context): Promise<WallAlerts> {
	const ex = db();
	const active = (level: AlertLevel) =>
		listAlerts(ex, {
			year: c.year,
			status: 'active',
			level,
			deptCode: c.dept ?? undefined,
			limit: ALERT_ROWS
		});
	const [severe, warning, notice, feed, names] = await Promise.all([
		active('severe'),
		active('warning'),
		active('notice'),
		execution.feedFreshness(ex, 'payment'),
		personNames(ex)
	]);
	// The same counts as the alerts page (active alerts of the year), of the department if one is set.
	const counts = {
		severe: severe.total,
		warning: warning.total,
		notice: notice.total,
		total: severe.total + warning.total + notice.total
	};
	const newest = [...severe.rows, ...warning.rows, ...notice.rows]
		.sort(
			(a, b) =>
				LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
				b.openedAt.getTime() - a.openedAt.getTime() ||
				b.id - a.id
		)
		.slice(0, ALERT_ROWS)
		.map((a) => forDisplay(a, names));
	return { year: c.year, dept: c.dept, counts, newest, source: 'payment', feed };
}

async function assetsScreen(c: Context): Promise<WallAssets> {
	const page = await assetsPage({ year: c.year, period: null });
	const shown = page.period === null ? await assetsPage({ year: null, period: null }) : page;
	const flagged = { severe: 0, warning: 0, notice: 0 };
	for (const e of shown.entities) if (e.level) flagged[e.level]++;
	return {
		period: shown.period,
		categories: shown.categories,
		flagged,
		entities: shown.entities.length,
		source: 'asset',
		feed: shown.feed
	};
}

async function debtScreen(c: Context): Promise<WallDebt> {
	const page = await debtPage({ year: c.year });
	const shown = page.current === null ? await debtPage({ year: null }) : page;
	const alerts = { severe: 0, warning: 0, notice: 0 };
	for (const a of shown.alerts) alerts[a.level]++;
	return { year: shown.year, debt: shown.current, alerts, source: 'debt', feed: shown.feed };
}

const AUDIT_UNITS = 8;

async function auditScreen(c: Context): Promise<WallAudit> {
	const dept = c.dept ?? undefined;
	const page = await auditPage(c.year, 'display', dept);
	const shown = page.years.includes(c.year) ? page : await auditPage(null, 'display', dept);
	const names = await personNames(db());
	return {
		year: shown.year,
		dept: c.dept,
		headline: shown.headline,
		units: shown.byUnit
			.filter((u) => u.findings > u.rectified)
			.slice(0, AUDIT_UNITS)
			.map((u) => ({ ...u, label: names.mask(u.label, 'display') })),
		source: 'audit',
		// A finding edited by staff is news too: 数据截至 is the latest change.
		feed: {
			lastReceivedAt: shown.feed.lastReceivedAt,
			lastRecordAt: shown.changedAt ?? shown.feed.lastRecordAt
		}
	};
}

async function overviewScreen(c: Context): Promise<ScreenData['overview']> {
	const q = { year: c.year, budgetKind: c.kind, asOf: c.asOf };
	const [overview, alerts] = await Promise.all([
		execution.overview(q, null), // the screen shows no payments: none are sent
		openAlertCounts(db(), c.year)
	]);
	return { ...overview, alerts, source: 'payment' };
}

type Loaders = { [K in ScreenId]: (c: Context) => Promise<ScreenData[K]> };

export const LOADERS: Loaders = {
	overview: overviewScreen,
	functions: functionsScreen,
	departments: departmentsScreen,
	revenue: revenueScreen,
	alerts: alertsScreen,
	assets: assetsScreen,
	debt: debtScreen,
	audit: auditScreen,
	payments: async (c) => ({ ...(await latestPayments(db(), c.dept)), source: 'payment' })
};

function contextOf(entry: PlaylistEntry, today: FiscalDate): Context {
	const current = Number(today.slice(0, 4));
	const year = entry.year !== undefined && entry.year < current ? entry.year : current;
	return {
		year,
		kind: entry.kind ?? 'general',
		asOf: year === current ? today : `${year}-12-31`,
		dept: entry.dept ?? null
	};
}

async function load<K extends ScreenId>(screen: K, c: Context): Promise<Loaded> {
	return { screen, data: await LOADERS[screen](c) } as Loaded;
}

/** Loads each distinct screen of a playlist once; keyed by dataKey(entry). */
export async function screensData(
	playlist: PlaylistEntry[]
): Promise<{ seq: number; byKey: Record<string, Loaded> }> {
	const today = fiscalToday(runtime().config.fiscalTz);
	// Read first: the data then includes at least everything up to it (a later event only causes a reload).
	const seq = await execution.latestSeq(db());
	const distinct = [...new Map(playlist.map((e) => [dataKey(e), e])).values()];
	const loaded = await Promise.all(
		distinct.map(async (entry): Promise<[string, Loaded]> => [
			dataKey(entry),
			await load(entry.screen, contextOf(entry, today))
		])
	);
	return { seq, byKey: Object.fromEntries(loaded) };
}
