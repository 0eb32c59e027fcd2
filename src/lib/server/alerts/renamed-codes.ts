/**
 * When the names of classification codes change (the shipped table synced at start-up, a city's
 * table loaded for a year), the open and acknowledged alerts whose explanation names one of those
 * codes are judged again by their rules, in the caller's transaction, so what they say reads the
 * names in effect. With the data as it was, each is a same-level re-verdict: the engine rewrites
 * the explanation only — no history, no opening time or status changed, nothing for the webhook
 * (engine.ts). Closed alerts keep the words they closed with.
 */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';
import { isRuleType, type RuleType } from '../../domain/alerts/params';
import type { AlertChange } from '../../live/events';
import type { CodeKey } from '../classification/names';
import { reconcile } from './engine';
import { AS_OF_RULES, evaluateAll, yearEnd } from './evaluation';
import { loadSettings } from './rule-settings';

/**
 * Judges again the rules and years of the active alerts that name these codes. Returns the cases'
 * changes: an `explained` change for each active case whose findings now read differently, and
 * whatever else the judgement moved (nothing, with the data unchanged).
 */
export async function explainRenamedCodes(
	ex: Executor,
	codes: readonly CodeKey[],
	options: { now?: Date; tz: string }
): Promise<AlertChange[]> {
	// Codes are digits (records.ts checks them); a code the explanation names stands between non-digits.
	const named = [...new Set(codes.map((c) => c.code).filter((c) => /^\d+$/.test(c)))];
	if (named.length === 0) return [];
	const pattern = `(^|[^0-9])(${named.join('|')})([^0-9]|$)`;
	const found = await rows<{ id: number; rule_type: string; year: number; text: string }>(
		ex,
		sql`select id::int as id, rule_type, year::int as year, explanation::text as text from alert
			where status in ('open', 'acknowledged') and explanation::text ~ ${pattern}`
	);
	if (found.length === 0) return [];

	// A past year's own rules as of its last day; the current year's, and the rules over what is on
	// record (AS_OF_RULES), as of now, like evaluateYear.
	const now = options.now ?? new Date();
	const byInstant = new Map<number, Set<RuleType>>();
	for (const a of found) {
		if (!isRuleType(a.rule_type)) continue;
		const end = yearEnd(a.year, options.tz);
		const at = AS_OF_RULES.has(a.rule_type) || end >= now ? now : end;
		const rules = byInstant.get(at.getTime()) ?? new Set<RuleType>();
		byInstant.set(at.getTime(), rules.add(a.rule_type));
	}
	const settings = await loadSettings(ex);
	const changes: AlertChange[] = [];
	for (const [at, rules] of byInstant)
		changes.push(
			...(await reconcile(ex, await evaluateAll(ex, settings, new Date(at), options.tz, rules)))
		);
	return [...changes, ...(await explainedCases(ex, found, changes))];
}

/**
 * The active cases of the alerts whose explanation the judgement rewrote, as `explained` changes
 * (pages showing them reload), except those the judgement moved anyway.
 */
async function explainedCases(
	ex: Executor,
	before: readonly { id: number; text: string }[],
	moved: readonly AlertChange[]
): Promise<AlertChange[]> {
	const after = await rows<{ id: number; text: string }>(
		ex,
		sql`select id::int as id, explanation::text as text from alert
			where id in (select (jsonb_array_elements_text(${ids(before)}::jsonb))::bigint)
				and status in ('open', 'acknowledged')`
	);
	const was = new Map(before.map((a) => [Number(a.id), a.text]));
	const rewritten = after.filter((a) => was.get(Number(a.id)) !== a.text);
	if (rewritten.length === 0) return [];
	const cases = await rows<{
		id: number;
		cause: string;
		level: AlertChange['level'];
		status: 'open' | 'acknowledged';
	}>(
		ex,
		sql`select distinct c.id::int as id, c.cause, c.level, c.status
			from alert_case c join alert_case_finding f on f.case_id = c.id
			where f.alert_id in (select (jsonb_array_elements_text(${ids(rewritten)}::jsonb))::int)
				and c.status in ('open', 'acknowledged')
			order by 1`
	);
	const seen = new Set(moved.map((c) => c.id));
	return cases
		.filter((c) => !seen.has(Number(c.id)))
		.map((c) => ({
			id: Number(c.id),
			ruleType: c.cause,
			level: c.level,
			status: c.status,
			change: 'explained' as const
		}));
}

/**
 * Codes that have an English name now but that active alerts still name in Chinese in their
 * English text ("2140104 公路建设"): alerts judged before the English names came, in a database
 * whose names were synced by an earlier release (so nothing is renamed any more). The start-up
 * explains them anew once; afterwards none is found. A code is counted only when the English text
 * holds it followed by its own Chinese name, so a department's code and name never match.
 */
export async function codesNamedInChinese(ex: Executor): Promise<CodeKey[]> {
	return rows<CodeKey>(
		ex,
		sql`select distinct c.scheme, c.code
			from alert a
			cross join lateral jsonb_path_query(a.explanation, 'strict $.**.en') as en(v)
			cross join lateral regexp_matches(en.v #>> '{}', ${'([0-9]{3,7}) [一-鿿]'}, 'g') as m(g)
			join classification_code c on c.code = m.g[1] and c.name_en is not null
			where a.status in ('open', 'acknowledged')
				and strpos(en.v #>> '{}', c.code || ' ' || c.name) > 0
			order by 1, 2`
	);
}

const ids = (alerts: readonly { id: number }[]): string =>
	JSON.stringify(alerts.map((a) => Number(a.id)));
