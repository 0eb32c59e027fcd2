/** Subject profiles as stored (alert_profile): read for evaluation and the rules pages. */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';
import { isRuleType } from '../../domain/alerts/params';
import type { Profile } from '../../domain/alerts/profiles';
import type { ProfileCodeKind, ProfileMode } from '../../domain/alerts/profile-terms';

/** Every stored profile, by rule, code kind and prefix. */
export async function loadProfiles(ex: Executor): Promise<Profile[]> {
	const found = await rows<{
		rule_type: string;
		code_kind: string;
		code_prefix: string;
		mode: string;
		params: unknown;
		note: string;
	}>(
		ex,
		sql`select rule_type, code_kind, code_prefix, mode, params, note from alert_profile
			order by rule_type, code_kind, code_prefix`
	);
	return found
		.filter((p) => isRuleType(p.rule_type))
		.map((p) => ({
			ruleType: p.rule_type as Profile['ruleType'],
			codeKind: p.code_kind as ProfileCodeKind,
			codePrefix: p.code_prefix,
			mode: p.mode as ProfileMode,
			params: (p.params ?? null) as Profile['params'],
			note: p.note
		}));
}
