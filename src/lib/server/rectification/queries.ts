/**
 * Reads of audit rectification for pages: a year's findings with their headline figures, by unit and
 * by category; one finding with its history; a department's findings. Free text (description,
 * measures, accountability) goes through the privacy rule: persons' names masked for non-staff.
 */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';
import { fiscalDateOf } from '../../domain/fiscal';
import { seesPersons, type Viewer } from '../../domain/privacy';
import {
	byGroup,
	daysLate,
	headline,
	isOverdue,
	type FindingStatus,
	type FindingType,
	type GroupFigures,
	type Headline
} from '../../domain/rectification';
import { personNames } from '../privacy';
import { runtime } from '../runtime';
import { feedFreshness, snapshot, type FeedFreshness } from '../snapshot';

export interface Finding {
	id: string;
	year: number;
	report: string | null;
	unitCode: string | null;
	unitName: string;
	/** The unit's department (主管部门) when the unit is a budget unit under one, else the unit itself. */
	deptCode: string | null;
	category: string;
	description: string;
	amount: string | null;
	type: FindingType;
	dueDate: string;
	status: FindingStatus;
	amountRectified: string;
	measures: string | null;
	rulesIssued: string | null;
	accountability: string | null;
	rectifiedAt: string | null;
	updatedAt: string;
	overdue: boolean;
	daysLate: number;
}

const isoOf = (column: string) =>
	sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** Findings (of a year, a department, or one id), newest rules of the privacy applied. */
export async function loadFindings(
	ex: Executor,
	where: { year?: number; id?: string; deptCode?: string },
	asOf: string,
	viewer: Viewer
): Promise<Finding[]> {
	const found = await rows<Record<string, unknown>>(
		ex,
		sql`select f.id, f.year, f.report, f.unit_code, f.unit_name,
				case when u.parent_code is not null and u.parent_code <> '' then u.parent_code else f.unit_code end as dept_code,
				f.category, f.description, f.amount::text as amount, f.type, f.due_date::text as due_date, f.status,
				f.amount_rectified::text as amount_rectified, f.measures, f.rules_issued, f.accountability,
				${isoOf('f.rectified_at')} as rectified_at, ${isoOf('f.updated_at')} as updated_at
			from audit_finding f left join budget_unit u on u.code = f.unit_code
			where true
				${where.year !== undefined ? sql`and f.year = ${where.year}` : sql``}
				${where.id !== undefined ? sql`and f.id = ${where.id}` : sql``}
				${where.deptCode !== undefined ? sql`and (f.unit_code = ${where.deptCode} or u.parent_code = ${where.deptCode})` : sql``}
			order by f.year desc, f.id`
	);
	const names = seesPersons(viewer) || found.length === 0 ? null : await personNames(ex);
	const shown = (t: unknown) =>
		t === null || t === undefined
			? null
			: names && viewer !== 'staff'
				? names.mask(String(t), viewer)
				: String(t);
	return found.map((r) => {
		const status = r.status as FindingStatus;
		const dueDate = String(r.due_date);
		return {
			id: String(r.id),
			year: Number(r.year),
			report: (r.report as string | null) ?? null,
			unitCode: (r.unit_code as string | null) ?? null,
			unitName: String(r.unit_name),
			deptCode: (r.dept_code as string | null) ?? null,
			category: String(r.category),
			description: shown(r.description) ?? '',
			amount: (r.amount as string | null) ?? null,
			type: r.type as FindingType,
			dueDate,
			status,
			amountRectified: String(r.amount_rectified),
			measures: shown(r.measures),
			rulesIssued: shown(r.rules_issued),
			accountability: shown(r.accountability),
			rectifiedAt: (r.rectified_at as string | null) ?? null,
			updatedAt: String(r.updated_at),
			overdue: isOverdue({ dueDate, status }, asOf),
			daysLate: Math.max(0, daysLate(dueDate, asOf))
		};
	});
}

export async function auditYears(ex: Executor): Promise<number[]> {
	const found = await rows<{ year: number }>(
		ex,
		sql`select distinct year::int as year from audit_finding order by 1 desc`
	);
	return found.map((r) => Number(r.year));
}

/** When findings last changed (received or edited), ISO instant. */
async function lastChange(ex: Executor, year: number | null): Promise<string | null> {
	const [r] = await rows<{ at: string | null }>(
		ex,
		sql`select ${isoOf('max(updated_at)')} as at from audit_finding ${year === null ? sql`` : sql`where year = ${year}`}`
	);
	return r?.at ?? null;
}

export interface AuditPage {
	seq: number;
	years: number[];
	year: number | null;
	asOf: string;
	headline: Headline;
	byUnit: GroupFigures[];
	byCategory: GroupFigures[];
	findings: Finding[];
	/** The department the page is narrowed to, with its name. */
	dept: { code: string; name: string | null } | null;
	feed: FeedFreshness;
	/** When a finding of the year last changed. */
	changedAt: string | null;
}

const today = () => fiscalDateOf(new Date(), runtime().config.fiscalTz);

/** A year's findings and figures (default: the latest audit year) as of today in the fiscal zone. */
export async function auditPage(
	year: number | null,
	viewer: Viewer,
	deptCode?: string
): Promise<AuditPage> {
	const asOf = today();
	return snapshot(async (tx, seq) => {
		const years = await auditYears(tx);
		const y = year ?? years[0] ?? null;
		const findings = y === null ? [] : await loadFindings(tx, { year: y, deptCode }, asOf, viewer);
		const [feed, changedAt, dept] = await Promise.all([
			feedFreshness(tx, 'audit'),
			lastChange(tx, y),
			deptCode === undefined ? null : unitNamed(tx, deptCode)
		]);
		return {
			seq,
			years,
			year: y,
			asOf,
			headline: headline(findings, asOf),
			byUnit: byGroup(findings, asOf, 'unit'),
			byCategory: byGroup(findings, asOf, 'category'),
			findings,
			dept,
			feed,
			changedAt
		};
	});
}

async function unitNamed(
	ex: Executor,
	code: string
): Promise<{ code: string; name: string | null }> {
	const [u] = await rows<{ name: string }>(
		ex,
		sql`select name from budget_unit where code = ${code}`
	);
	return { code, name: u?.name ?? null };
}

export interface HistoryEntry {
	at: string;
	actor: string;
	field: string;
	oldValue: string | null;
	newValue: string | null;
}

export interface FindingPage {
	seq: number;
	asOf: string;
	finding: Finding;
	history: HistoryEntry[];
}

/** One finding with its history (newest first), or null. */
export async function findingPage(id: string, viewer: Viewer): Promise<FindingPage | null> {
	const asOf = today();
	return snapshot(async (tx, seq) => {
		const [finding] = await loadFindings(tx, { id }, asOf, viewer);
		if (!finding) return null;
		const history = await rows<{
			at: string;
			actor: string;
			field: string;
			old_value: string | null;
			new_value: string | null;
		}>(
			tx,
			sql`select ${isoOf('at')} as at, actor, field, old_value, new_value from audit_finding_history
				where finding_id = ${id} order by at desc, id desc`
		);
		const names = seesPersons(viewer) ? null : await personNames(tx);
		const shown = (v: string | null) =>
			v !== null && names ? names.mask(v, viewer as 'member') : v;
		return {
			seq,
			asOf,
			finding,
			history: history.map((h) => ({
				at: h.at,
				actor: h.actor,
				field: h.field,
				oldValue: shown(h.old_value),
				newValue: shown(h.new_value)
			}))
		};
	});
}

/**
 * How many findings a department (with its units) has in the latest audit year (the year /audit
 * opens at), and how many of them are not rectified; year null when there are no findings at all.
 */
export async function departmentFindingCounts(
	ex: Executor,
	deptCode: string
): Promise<{ year: number | null; findings: number; unrectified: number }> {
	const [r] = await rows<{ year: number | null; findings: number; unrectified: number }>(
		ex,
		sql`with latest as (select max(year) as year from audit_finding)
			select (select year from latest)::int as year, count(f.id)::int as findings,
				count(f.id) filter (where f.status in ('open', 'partial'))::int as unrectified
			from audit_finding f left join budget_unit u on u.code = f.unit_code
			where f.year = (select year from latest)
				and (f.unit_code = ${deptCode} or u.parent_code = ${deptCode})`
	);
	return {
		year: r?.year === null || r?.year === undefined ? null : Number(r.year),
		findings: Number(r?.findings ?? 0),
		unrectified: Number(r?.unrectified ?? 0)
	};
}
