/**
 * Changing a rule: what a proposal would open, raise, lower or close (preview, writes nothing),
 * saving it (old and new kept, the rule re-evaluated, audited, live) and reverting a change.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../../../db/client';
import {
	alertRule,
	alertRuleChange,
	alertRuleOverride,
	appUser
} from '../../../../db/schema/index';
import type { Explanation } from '../../domain/alerts/explanation';
import {
	isRuleType,
	type AlertLevel,
	type RuleSettings,
	type RuleType,
	type ScopeKind
} from '../../domain/alerts/params';
import type { PlannedChange } from '../../domain/alerts/reconcile';
import { applyProposal, type RuleProposal } from '../../domain/alerts/settings';
import { DEFAULT_FISCAL_TZ, fiscalYearOf } from '../../domain/fiscal';
import type { AlertChange } from '../../live/events';
import * as audit from '../audit';
import type { LiveHub } from '../runtime';
import { commitChange, type Change } from '../write-path';
import { plan, reconcile } from './engine';
import { evaluateRule } from './evaluation';
import { alertsEvent } from './live';
import { openAlertCounts } from './queries';
import { loadSettings } from './rule-settings';

export interface PreviewItem {
	action: 'open' | 'raise' | 'lower' | 'close';
	subjectKey: string;
	period: string;
	/** The subject in both languages. */
	label: Explanation['scopeLabel'];
	fromLevel?: AlertLevel;
	toLevel?: AlertLevel;
	explanation?: Explanation;
}

/** What saving the proposal would open, raise, lower or close against today's data. Writes nothing. */
export async function previewRuleChange(
	ex: Executor,
	type: RuleType,
	proposal: RuleProposal,
	options: { now?: Date; tz?: string } = {}
): Promise<{ ok: true; items: PreviewItem[] } | { ok: false; error: string }> {
	if (!isRuleType(type)) return { ok: false, error: `type: unknown rule ${type}` };
	const validated = applyProposal(await loadSettings(ex), type, proposal);
	if (!validated.ok) return validated;
	const evaluations = await evaluateRule(
		ex,
		type,
		validated.settings,
		options.now ?? new Date(),
		options.tz ?? DEFAULT_FISCAL_TZ
	);
	const items: PreviewItem[] = [];
	for (const e of evaluations)
		for (const c of await plan(ex, e))
			if (c.action !== 'raise' || c.fromLevel !== c.toLevel) items.push(previewItem(c));
	return { ok: true, items };
}

function previewItem(c: PlannedChange): PreviewItem {
	const explanation = (c.finding?.explanation ??
		(c.alert?.explanation as Explanation | undefined)) as Explanation;
	return {
		action: c.action,
		subjectKey: c.finding?.subjectKey ?? c.alert!.subjectKey,
		period: c.finding?.period ?? c.alert!.period,
		label: explanation.scopeLabel,
		fromLevel: c.fromLevel,
		toLevel: c.toLevel,
		explanation: c.finding?.explanation
	};
}

export type SaveResult =
	{ ok: true; changeId: number; changes: AlertChange[] } | { ok: false; error: string };

/** Validates and stores a rule change (old and new kept), re-evaluates the rule, emits live events, audits. */
export async function saveRuleChange(
	db: Db,
	type: RuleType,
	proposal: RuleProposal,
	actorId: number | null,
	live?: LiveHub,
	options: { now?: Date; tz?: string; revertOf?: number } = {}
): Promise<SaveResult> {
	if (!isRuleType(type)) return { ok: false, error: `type: unknown rule ${type}` };
	return commitChange(db, live, async (tx): Promise<Change<SaveResult>> => {
		const before = await loadSettings(tx);
		const validated = applyProposal(before, type, proposal);
		if (!validated.ok) return { result: validated };
		const change = await storeRuleChange(tx, type, proposal, before, validated.settings, {
			actorId,
			revertOf: options.revertOf ?? null
		});
		await audit.record(tx, {
			actor: await actorOf(tx, actorId),
			action: options.revertOf ? 'rule.reverted' : 'rule.thresholds_changed',
			target: `rule:${type}${proposal.scope ? `:${proposal.scope.kind}:${proposal.scope.code}` : ''}`,
			detail: {
				change: change.id,
				old: change.oldParams,
				new: change.newParams,
				enabled: validated.settings[type].enabled,
				revertOf: options.revertOf
			}
		});
		const now = options.now ?? new Date();
		const tz = options.tz ?? DEFAULT_FISCAL_TZ;
		const changes = await reconcile(tx, await evaluateRule(tx, type, validated.settings, now, tz));
		return {
			result: { ok: true, changeId: change.id, changes },
			events:
				changes.length > 0
					? [alertsEvent(changes, await openAlertCounts(tx, fiscalYearOf(now, tz)))]
					: []
		};
	});
}

/**
 * Stores the proposal: one scope's override replaced (or removed), or the rule's defaults; the rule
 * row when it is turned on or off; and the change with what it replaced.
 */
async function storeRuleChange(
	tx: Executor,
	type: RuleType,
	proposal: RuleProposal,
	before: RuleSettings,
	after: RuleSettings,
	by: { actorId: number | null; revertOf: number | null }
): Promise<{ id: number; oldParams: unknown; newParams: unknown }> {
	const old = before[type];
	const next = after[type];
	let oldParams: unknown = old.params;
	let newParams: unknown = next.params;
	if (proposal.scope) {
		const { kind, code } = proposal.scope;
		oldParams =
			old.overrides.find((o) => o.scopeKind === kind && o.scopeCode === code)?.params ?? null;
		newParams = proposal.params ?? null;
		await tx
			.delete(alertRuleOverride)
			.where(
				and(
					eq(alertRuleOverride.ruleType, type),
					eq(alertRuleOverride.scopeKind, kind),
					eq(alertRuleOverride.scopeCode, code)
				)
			);
		if (newParams)
			await tx
				.insert(alertRuleOverride)
				.values({ ruleType: type, scopeKind: kind, scopeCode: code, params: newParams });
	}
	if (next.enabled !== old.enabled || !proposal.scope)
		await tx
			.update(alertRule)
			.set({ enabled: next.enabled, params: next.params, updatedAt: sql`now()` })
			.where(eq(alertRule.type, type));
	const [change] = await tx
		.insert(alertRuleChange)
		.values({
			ruleType: type,
			scopeKind: proposal.scope?.kind ?? null,
			scopeCode: proposal.scope?.code ?? null,
			oldParams,
			newParams,
			oldEnabled: old.enabled,
			newEnabled: next.enabled,
			actorUserId: by.actorId,
			revertOf: by.revertOf
		})
		.returning({ id: alertRuleChange.id });
	return { id: change.id, oldParams, newParams };
}

/** The audit log's actor: the user, or 'system' when no one. */
async function actorOf(
	tx: Executor,
	actorId: number | null
): Promise<{ id: number; username: string } | string> {
	if (actorId === null) return 'system';
	const [actor] = await tx
		.select({ id: appUser.id, username: appUser.username })
		.from(appUser)
		.where(eq(appUser.id, actorId));
	return actor ?? `user:${actorId}`;
}

/** Restores what a change replaced, as a new change that names it. */
export async function revertRuleChange(
	db: Db,
	changeId: number,
	actorId: number | null,
	live?: LiveHub,
	options: { now?: Date; tz?: string } = {}
): Promise<SaveResult> {
	const [c] = await db.select().from(alertRuleChange).where(eq(alertRuleChange.id, changeId));
	if (!c) return { ok: false, error: `change ${changeId} does not exist` };
	if (!isRuleType(c.ruleType))
		return { ok: false, error: `change ${changeId} is of an unknown rule` };
	const proposal: RuleProposal = c.scopeKind
		? {
				scope: { kind: c.scopeKind as ScopeKind, code: c.scopeCode ?? '' },
				params: (c.oldParams as never) ?? null,
				enabled: c.oldEnabled ?? undefined
			}
		: { params: c.oldParams as never, enabled: c.oldEnabled ?? undefined };
	return saveRuleChange(db, c.ruleType, proposal, actorId, live, {
		...options,
		revertOf: changeId
	});
}
