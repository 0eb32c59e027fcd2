/**
 * The data of each wall screen, loaded for a display (never for a person): one loader per screen id
 * in LOADERS, typed by ScreenData. Each screen's data carries the freshness of the source it shows
 * (`feed`, `source`) so the wall can say 数据截至 … and raise its stale banner.
 *
 * Adding a screen: add its id to SCREENS (src/lib/wall/screens.ts), its data type to ScreenData and
 * its loader to LOADERS here, and its component to src/lib/wall/components.ts.
 */
import { fiscalToday } from '../domain/fiscal';
import { type FiscalDate } from '../domain/calendar';
import type { AlertLevel } from '../domain/alerts/params';
import type { Localized } from '../domain/alerts/explanation';
import type { BudgetKind } from '../domain/budget-kinds';
import type { AlertCounts } from '../live/events';
import type { PlaylistEntry, ScreenId } from '../wall/screens';
import { openAlertCounts } from './alerts/index';
import { assetsPage, type CategoryTotals } from './assets';
import { debtPage } from './debt';
import type { DebtYear } from '../domain/debt';
import type { GroupFigures, Headline } from '../domain/rectification/index';
import { auditPage } from './rectification/index';
import { listCases, type CaseRow } from './cases/index';
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
	/** The as-of date of the figures and of the current month's (partial) bar. */
	asOf: FiscalDate;
	summary: revenue.RevenueSummary;
	monthly: revenue.MonthlyCollection[];
}

/** An open case (问题线索) as a display may see it: what, which department, when; no person named. */
export interface WallCase {
	id: number;
	level: AlertLevel;
	cause: string;
	/** Its headline finding's one-line summary, persons' names masked for a display; null without one. */
	summary: Localized | null;
	deptCode: string | null;
	/** The department's (an organisation's) name. */
	deptName: string | null;
	/** The facts' first and last fiscal day. */
	factFrom: string | null;
	factTo: string | null;
	openedAt: string;
}

export interface WallAlerts extends Fresh {
	year: number;
	dept: string | null;
	/** Open (open or acknowledged) cases of the year by level: the counts of the desk's /alerts. */
	counts: AlertCounts;
	/** Open cases, severe first, newest first within a level. */
	newest: WallCase[];
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

export interface Context {
	year: number;
	kind: BudgetKind;
	asOf: FiscalDate;
	dept: string | null;
}

// Five two-line rows fill the list at 1920×1080.
const ALERT_ROWS = 5;

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
		return { year: c.year, asOf: c.asOf, summary, monthly, source: 'revenue', feed };
	});
}

/** A case as a display may see it: persons' names in its summary masked, its subject not sent. */
function forDisplay(c: CaseRow, names: PersonNames): WallCase {
	const mask = (text: string) => names.mask(text, 'display');
	return {
		id: c.id,
		level: c.level,
		cause: c.cause,
		summary: c.summary ? { zh: mask(c.summary.zh), en: mask(c.summary.en) } : null,
		deptCode: c.deptCode,
		deptName: c.deptName === null ? null : mask(c.deptName),
		factFrom: c.factFrom,
		factTo: c.factTo,
		openedAt: c.openedAt.toISOString()
	};
}

/** Newest first: opened later, then the larger id. */
const byNewest = (a: CaseRow, b: CaseRow) =>
	b.openedAt.getTime() - a.openedAt.getTime() || b.id - a.id;

/**
 * The newest open severe cases of the current year, for the interruption of the rotation (the
 * `alerts` live event's changes are cases: their ids are these).
 */
export async function newestSevere(limit = 3): Promise<WallCase[]> {
	const year = Number(fiscalToday(runtime().config.fiscalTz).slice(0, 4));
	const ex = db();
	const [found, names] = await Promise.all([
		listCases(ex, { year, status: 'active', level: 'severe', limit: 1000 }),
		personNames(ex)
	]);
	return found.rows
		.sort(byNewest)
		.slice(0, limit)
		.map((c) => forDisplay(c, names));
}

/** Open cases by level and the newest of them, severe first: what the desk's /alerts lists. */
async function alertsScreen(c: Context): Promise<WallAlerts> {
	return execution.snapshot(async (tx) => {
		// Every open case of a level (a year has tens): the newest are picked here, the desk ranks by amount.
		const open = (level: AlertLevel) =>
			listCases(tx, {
				year: c.year,
				status: 'active',
				level,
				deptCode: c.dept ?? undefined,
				limit: 1000
			});
		const [severe, warning, notice, feed, names] = await Promise.all([
			open('severe'),
			open('warning'),
			open('notice'),
			execution.feedFreshness(tx, 'payment'),
			personNames(tx)
		]);
		const counts = {
			severe: severe.total,
			warning: warning.total,
			notice: notice.total,
			total: severe.total + warning.total + notice.total
		};
		const newest = [severe, warning, notice]
			.flatMap((level) => [...level.rows].sort(byNewest))
			.slice(0, ALERT_ROWS)
			.map((row) => forDisplay(row, names));
		return { year: c.year, dept: c.dept, counts, newest, source: 'payment', feed };
	});
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

/** What an entry shows today: its year (never past the current one), as-of date and filters. */
export function contextOf(entry: PlaylistEntry, today: FiscalDate): Context {
	const current = Number(today.slice(0, 4));
	const year = entry.year !== undefined && entry.year < current ? entry.year : current;
	return {
		year,
		kind: entry.kind ?? 'general',
		asOf: year === current ? today : `${year}-12-31`,
		dept: entry.dept ?? null
	};
}

/** One screen's data for a context. */
export async function load<K extends ScreenId>(screen: K, c: Context): Promise<Loaded> {
	return { screen, data: await LOADERS[screen](c) } as Loaded;
}
