/**
 * The goal "0 severe items on profiled lines", measured on a database the demo was replayed
 * into: the open findings of a year whose line or payment a stored subject profile of their rule
 * matches (by the finding's function code, and a payment's economic code). A profile that leaves
 * its lines out (excluded, schedule) must leave no finding at all; a thresholds profile judges its
 * lines by its own thresholds, so a severe finding there is one at or over the profile's severe.
 */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../db/client';
import { isLeftOut, profileFor } from '../../src/lib/domain/alerts/profiles';
import { loadProfiles } from '../../src/lib/server/alerts/profiles';

export interface ProfiledFinding {
	ruleType: string;
	subjectKey: string;
	level: string;
	funcCode: string | null;
	econCode: string | null;
	mode: string;
	/** A payment's amount (yuan) and the severe threshold of the profile's own thresholds, if any. */
	amount: string | null;
	ownSevere: string | null;
}

export async function profiledFindings(
	ex: Executor,
	year: number
): Promise<{ leftOut: ProfiledFinding[]; severe: ProfiledFinding[] }> {
	const profiles = await loadProfiles(ex);
	const found = await rows<{
		rule_type: string;
		subject_key: string;
		level: string;
		func_code: string | null;
		econ_code: string | null;
		amount: string | null;
	}>(
		ex,
		sql`select a.rule_type, a.subject_key, a.level, coalesce(a.func_code, p.func_code) as func_code,
				p.econ_code, p.amount::text as amount
			from alert a left join payment p on p.id = a.subject_key
			where a.year = ${year} and a.status in ('open', 'acknowledged')`
	);
	const leftOut: ProfiledFinding[] = [];
	const severe: ProfiledFinding[] = [];
	for (const f of found) {
		const own = profiles.filter((p) => p.ruleType === f.rule_type);
		const codes = { funcCode: f.func_code ?? undefined, econCode: f.econ_code ?? undefined };
		const profile = profileFor(own, codes);
		if (!profile) continue;
		const item = {
			ruleType: f.rule_type,
			subjectKey: f.subject_key,
			level: f.level,
			funcCode: f.func_code,
			econCode: f.econ_code,
			mode: profile.mode,
			amount: f.amount,
			ownSevere:
				(profile.params as { thresholds?: { severe?: string } } | null)?.thresholds?.severe ?? null
		};
		if (isLeftOut(own, codes)) leftOut.push(item);
		else if (f.level === 'severe') severe.push(item);
	}
	return { leftOut, severe };
}
