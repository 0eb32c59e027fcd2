/**
 * What the rule pages and the overview's alert tile read: the rule catalogue, one rule's
 * configuration with the names of its scopes, and the open alerts of a year by level, each in one
 * snapshot with the live sequence it includes (and, for the rule pages, how fresh the feed is).
 * The alert list and an alert's own page are case pages (../cases/pages.ts).
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../../../db/client';
import { budgetUnit, classificationCode, planLine } from '../../../../db/schema/index';
import type { RuleType } from '../../domain/alerts/params';
import type { AlertCounts } from '../../live/events';
import { feedFreshness, snapshot, type FeedFreshness } from '../snapshot';
import { openAlertCounts } from './queries';
import { ruleCatalogue, ruleConfig, type RuleConfig, type RuleSummary } from './rule-settings';

export interface RulesPage {
	seq: number;
	feed: FeedFreshness;
	rules: RuleSummary[];
}

export async function rulesPage(year: number): Promise<RulesPage> {
	return snapshot(async (tx, seq) => {
		const [rules, feed] = await Promise.all([
			ruleCatalogue(tx, year),
			feedFreshness(tx, 'payment')
		]);
		return { seq, feed, rules };
	});
}

export interface RulePage {
	seq: number;
	feed: FeedFreshness;
	config: RuleConfig;
	/** Names of the overrides' scopes (departments, function codes, projects). */
	scopeNames: Record<string, string>;
	activeAlerts: AlertCounts;
}

export async function rulePage(type: RuleType, year: number): Promise<RulePage | null> {
	return snapshot(async (tx, seq) => {
		const config = await ruleConfig(tx, type);
		if (!config) return null;
		const [feed, catalogue] = await Promise.all([
			feedFreshness(tx, 'payment'),
			ruleCatalogue(tx, year)
		]);
		const scopes = [
			...config.overrides.map((o) => ({ kind: o.scopeKind, code: o.scopeCode })),
			...config.changes.flatMap((c) => (c.scope ? [c.scope] : []))
		];
		return {
			seq,
			feed,
			config,
			scopeNames: await scopeNames(tx, scopes),
			activeAlerts: catalogue.find((r) => r.type === type)?.activeAlerts ?? {
				notice: 0,
				warning: 0,
				severe: 0,
				total: 0
			}
		};
	});
}

/** `kind:code` → name, for departments, function codes and projects. */
async function scopeNames(
	ex: Executor,
	scopes: { kind: string; code: string }[]
): Promise<Record<string, string>> {
	const codes = (kind: string) => [
		...new Set(scopes.filter((s) => s.kind === kind).map((s) => s.code))
	];
	const out: Record<string, string> = {};
	const depts = codes('department');
	const funcs = codes('function');
	const projects = codes('project');
	if (depts.length)
		for (const r of await ex
			.select({ code: budgetUnit.code, name: budgetUnit.name })
			.from(budgetUnit)
			.where(inArray(budgetUnit.code, depts)))
			out[`department:${r.code}`] = r.name;
	if (funcs.length)
		for (const r of await ex
			.select({ code: classificationCode.code, name: classificationCode.name })
			.from(classificationCode)
			.where(
				and(eq(classificationCode.scheme, 'function'), inArray(classificationCode.code, funcs))
			))
			out[`function:${r.code}`] = r.name;
	if (projects.length)
		for (const r of await ex
			.select({ code: planLine.projectCode, name: planLine.projectName })
			.from(planLine)
			.where(and(inArray(planLine.projectCode, projects), isNotNull(planLine.projectName)))
			.groupBy(planLine.projectCode, planLine.projectName))
			if (r.name) out[`project:${r.code}`] = r.name;
	return out;
}

export interface AlertTile {
	year: number;
	/** Live `alerts` events carry the counts of the current fiscal year only. */
	current: boolean;
	counts: AlertCounts;
	seq: number;
}

/** The overview's alert-count tile: open and acknowledged alerts of the year by level. */
export async function alertTile(year: number, currentYear: number): Promise<AlertTile> {
	return snapshot(async (tx, seq) => ({
		year,
		current: year === currentYear,
		counts: await openAlertCounts(tx, year),
		seq
	}));
}
