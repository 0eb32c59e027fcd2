/**
 * Changing a subject profile: what it would open, change or close — findings and cases — against
 * today's data (preview, writes nothing), and saving it (old and new kept in alert_profile_change,
 * the rule re-evaluated, audited, live through commitChange).
 */
import { and, eq, sql } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../../../../db/client';
import { alertProfile, alertProfileChange } from '../../../../db/schema/index';
import type { FindingRow } from '../../domain/cases/grouping';
import { previewCounts, type PreviewCounts } from '../../domain/alerts/profile-preview';
import { applyProfileProposal, type ProfileProposal } from '../../domain/alerts/profiles';
import { PROFILED_RULES } from '../../domain/alerts/profile-terms';
import { isRuleType } from '../../domain/alerts/params';
import type { PlannedChange } from '../../domain/alerts/reconcile';
import { DEFAULT_FISCAL_TZ, fiscalYearOf } from '../../domain/fiscal';
import type { AlertChange } from '../../live/events';
import * as audit from '../audit';
import type { LiveHub } from '../runtime';
import { commitChange, type Change } from '../write-path';
import { plan, reconcile } from './engine';
import { evaluateRule } from './evaluation';
import { alertsEvent } from './live';
import { findingRows } from '../cases/findings';
import { openAlertCounts } from './queries';
import { loadSettings } from './rule-settings';

type Checked = { ok: false; error: string };

function checkRule(proposal: ProfileProposal): Checked | null {
	if (!isRuleType(proposal.ruleType) || !PROFILED_RULES.includes(proposal.ruleType))
		return { ok: false, error: `ruleType: ${String(proposal.ruleType)} has no subject profiles` };
	return null;
}

/** The year's active findings as the case grouping reads them. */
function activeFindings(ex: Executor, year: number): Promise<FindingRow[]> {
	return findingRows(ex, sql`where a.year = ${year} and a.status in ('open', 'acknowledged')`);
}

/** What saving the profile would open, change or close, in findings and in cases. Writes nothing. */
export async function previewProfileChange(
	ex: Executor,
	proposal: ProfileProposal,
	options: { now?: Date; tz?: string } = {}
): Promise<({ ok: true } & PreviewCounts) | Checked> {
	const wrong = checkRule(proposal);
	if (wrong) return wrong;
	const changed = applyProfileProposal(await loadSettings(ex), proposal);
	if (!changed.ok) return changed;
	const now = options.now ?? new Date();
	const tz = options.tz ?? DEFAULT_FISCAL_TZ;
	const changes: PlannedChange[] = [];
	for (const e of await evaluateRule(ex, proposal.ruleType, changed.settings, now, tz))
		changes.push(...(await plan(ex, e)));
	const active = await activeFindings(ex, fiscalYearOf(now, tz));
	return { ok: true, ...previewCounts(active, proposal.ruleType, changes) };
}

export type ProfileSaveResult = { ok: true; changeId: number; changes: AlertChange[] } | Checked;

/** Validates and stores a profile change (old and new kept), re-evaluates the rule, emits live events, audits. */
export async function saveProfileChange(
	db: Db,
	proposal: ProfileProposal,
	actor: { id: number; username: string } | null,
	live?: LiveHub,
	options: { now?: Date; tz?: string } = {}
): Promise<ProfileSaveResult> {
	const wrong = checkRule(proposal);
	if (wrong) return wrong;
	return commitChange(db, live, async (tx): Promise<Change<ProfileSaveResult>> => {
		const changed = applyProfileProposal(await loadSettings(tx), proposal);
		if (!changed.ok) return { result: changed };
		const { ruleType, codeKind, codePrefix } = proposal;
		const key = and(
			eq(alertProfile.ruleType, ruleType),
			eq(alertProfile.codeKind, codeKind),
			eq(alertProfile.codePrefix, codePrefix)
		);
		await tx.delete(alertProfile).where(key);
		if (changed.after)
			await tx.insert(alertProfile).values({
				ruleType,
				codeKind,
				codePrefix,
				mode: changed.after.mode,
				params: changed.after.params ?? null,
				note: changed.after.note
			});
		const [change] = await tx
			.insert(alertProfileChange)
			.values({
				ruleType,
				codeKind,
				codePrefix,
				oldProfile: changed.before,
				newProfile: changed.after,
				actorUserId: actor?.id ?? null
			})
			.returning({ id: alertProfileChange.id });
		await audit.record(tx, {
			actor: actor ?? 'system',
			action: 'rule.profile_changed',
			target: `rule:${ruleType}:profile:${codeKind}:${codePrefix}`,
			detail: { change: change.id, old: changed.before, new: changed.after }
		});
		const now = options.now ?? new Date();
		const tz = options.tz ?? DEFAULT_FISCAL_TZ;
		const evaluations = await evaluateRule(tx, ruleType, changed.settings, now, tz);
		const changes = await reconcile(tx, evaluations);
		return {
			result: { ok: true, changeId: change.id, changes },
			events:
				changes.length > 0
					? [alertsEvent(changes, await openAlertCounts(tx, fiscalYearOf(now, tz)))]
					: []
		};
	});
}

export interface ProfileChangeEntry {
	id: number;
	at: Date;
	actorUserId: number | null;
	codeKind: string;
	codePrefix: string;
	oldProfile: unknown;
	newProfile: unknown;
}

/** A rule's last 100 profile changes, newest first. */
export async function profileChanges(
	ex: Executor,
	ruleType: string
): Promise<ProfileChangeEntry[]> {
	const found = await rows<{
		id: number;
		at: string | Date;
		actor_user_id: number | null;
		code_kind: string;
		code_prefix: string;
		old_profile: unknown;
		new_profile: unknown;
	}>(
		ex,
		sql`select id::int as id, at, actor_user_id, code_kind, code_prefix, old_profile, new_profile
			from alert_profile_change where rule_type = ${ruleType} order by id desc limit 100`
	);
	return found.map((c) => ({
		id: Number(c.id),
		at: new Date(c.at),
		actorUserId: c.actor_user_id,
		codeKind: c.code_kind,
		codePrefix: c.code_prefix,
		oldProfile: c.old_profile,
		newProfile: c.new_profile
	}));
}
