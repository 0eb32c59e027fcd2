import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../../db/client';
import { RULE_TYPES } from '../../src/lib/domain/alerts/params';
import { evaluatePeriodic, openAlertCounts } from '../../src/lib/server/alerts/index';
import { listCases } from '../../src/lib/server/cases/index';
import { databaseTargets } from '../support/databases';
import { profiledFindings } from '../support/profiled-findings';
import { replayDemoYear } from '../support/demo-replay';

const YEAR = 2026;
const REPLAY_MS = 900_000;

/** Every alert ever raised, as (rule, subject, period, level, status): what must be the same on every replay. */
async function fingerprint(database: Database): Promise<string[]> {
	const found = await rows<{ k: string }>(
		database.db,
		sql`select rule_type || '|' || subject_key || '|' || period || '|' || level || '|' || status as k from alert order by 1`
	);
	return found.map((r) => r.k);
}

/** Every case with its findings' rules and subjects (and amounts): what must be the same on every replay. */
async function caseFingerprint(database: Database, amounts = true): Promise<string[]> {
	const found = await rows<{ k: string }>(
		database.db,
		sql`select c.case_key || '|' || c.level || '|' || c.status || '|' || ${amounts ? sql`c.amount::text` : sql`''`} || '|' ||
				coalesce(c.fact_from::text, '') || '|' || coalesce(c.fact_to::text, '') || '|' ||
				(select string_agg(a.rule_type || ':' || a.subject_key, ',' order by a.rule_type, a.subject_key)
					from alert_case_finding f join alert a on a.id = f.alert_id where f.case_id = c.id) as k
			from alert_case c order by 1`
	);
	return found.map((r) => r.k);
}

const fingerprints = new Map<string, string[]>();
const caseFingerprints = new Map<string, string[]>();
const open: (Database & { drop(): Promise<void> })[] = [];
afterAll(async () => {
	for (const d of open) await d.drop();
});

describe.each(databaseTargets)(
	'the demo year replayed through ingest with every alert rule on $name',
	(target) => {
		let database: Database & { drop(): Promise<void> };

		it.skipIf(target.unavailable)(
			'raises every rule type at least once and never two active alerts for one rule, subject and period',
			async () => {
				database = await target.open();
				open.push(database);
				await replayDemoYear(database, { year: YEAR });
				const fired = await rows<{ rule_type: string }>(
					database.db,
					sql`select distinct rule_type from alert`
				);
				expect(fired.map((r) => r.rule_type).sort()).toEqual([...RULE_TYPES].sort());
				const duplicates = await rows(
					database.db,
					sql`select rule_type, subject_key, period from alert where status in ('open', 'acknowledged')
					group by 1, 2, 3 having count(*) > 1`
				);
				expect(duplicates).toEqual([]);
				fingerprints.set(target.name, await fingerprint(database));
				caseFingerprints.set(target.name, await caseFingerprint(database));
				// Never two active cases for one key; every active finding that is neither context nor
				// evidence only (a large payment or a project's lag under severe: alerts-and-cases.md) is in one.
				const orphans = await rows(
					database.db,
					sql`select a.id from alert a where a.status in ('open', 'acknowledged')
						and not (a.rule_type = 'paceLag' and a.dept_code is null)
						and not (a.rule_type = 'largePayment' and a.level <> 'severe')
						and not (a.rule_type = 'paceLag' and a.project_code is not null and a.level <> 'severe')
						and not exists (select 1 from alert_case_finding f join alert_case c on c.id = f.case_id
							where f.alert_id = a.id and c.status in ('open', 'acknowledged'))`
				);
				expect(orphans).toEqual([]);
			},
			REPLAY_MS
		);

		it.skipIf(target.unavailable)(
			'changes nothing when the year-end evaluation runs again',
			async () => {
				const before = await fingerprint(database);
				const casesBefore = await caseFingerprint(database, false);
				const again = await evaluatePeriodic(
					database.db,
					new Date(`${YEAR}-12-31T18:00:00+08:00`),
					undefined,
					{ all: true }
				);
				expect(again.changes).toEqual([]);
				expect(await fingerprint(database)).toEqual(before);
				// Same cases; only amounts may move, as the run refreshes the findings' numbers.
				expect(await caseFingerprint(database, false)).toEqual(casesBefore);
				const counts = await openAlertCounts(database.db, YEAR);
				const { total } = await listCases(database.db, { year: YEAR, status: 'active' });
				expect(counts.total).toBe(total);
				expect(counts.notice + counts.warning + counts.severe).toBe(counts.total);
			}
		);

		it.skipIf(target.unavailable)('finds the demo anomalies where they were planted', async () => {
			const active = async (ruleType: string, subjectKey: string) =>
				(
					await rows<{ level: string }>(
						database.db,
						sql`select level from alert where rule_type = ${ruleType} and subject_key = ${subjectKey}
				and status in ('open', 'acknowledged')`
					)
				)[0]?.level;
			expect(await active('yearEndRush', 'general:131:2024131901')).toBe('severe');
			expect(await active('projectIdle', 'general:138:2024138901')).toBe('notice');
			expect(await active('soeLeverage', 'JTTZ')).toBe('severe'); // 249.43 / 286.70 = 87.0%
			expect(await active('soeLeverage', 'CTJT')).toBe('warning'); // 380.12 / 523.40 = 72.6%
			expect(await active('capitalPreservation', 'WLJT')).toBe('warning'); // 17.14 / 17.90 = 95.8%
			expect(await active('largePayment', 'ZF2026-X0005')).toBe('severe'); // 6850万 ≥ 5000万
			expect(await active('threePublic', 'general:103')).toBeDefined();
			// Jul 27–31 without data: judged on 31 July at 18:00, cleared by August's payments.
			const gap = await rows<{ level: string; status: string }>(
				database.db,
				sql`select level, status from alert where rule_type = 'feedStale' and period between '2026-07-24' and '2026-07-26'`
			);
			expect(gap).toEqual([{ level: 'warning', status: 'cleared' }]);
		});

		it.skipIf(target.unavailable)(
			'leaves no finding on a profiled line, and none severe under its own thresholds',
			async () => {
				const { leftOut, severe } = await profiledFindings(database.db, YEAR);
				// 227 reserve, 232/233 debt service, 230 transfers, 22302 injections, the medical
				// settlements, wage and 代发 runs, benefits (209): no finding at any level.
				expect(leftOut).toEqual([]);
				// Capital works (309/310) are large payments from 500万: severe only from their 5000万.
				for (const f of severe) {
					expect(f.ownSevere).not.toBeNull();
					expect(Number(f.amount)).toBeGreaterThanOrEqual(Number(f.ownSevere));
				}
			}
		);
	}
);

describe('a second replay from scratch', () => {
	it(
		'raises exactly the same alerts and cases',
		async () => {
			const target =
				databaseTargets.find((t) => t.name === 'postgres' && !t.unavailable) ?? databaseTargets[0];
			const database = await target.open();
			open.push(database);
			await replayDemoYear(database, { year: YEAR });
			const first = fingerprints.get(target.name) ?? fingerprints.get('pglite');
			expect(first).toBeDefined();
			expect(await fingerprint(database)).toEqual(first);
			const firstCases = caseFingerprints.get(target.name) ?? caseFingerprints.get('pglite');
			expect(await caseFingerprint(database)).toEqual(firstCases);
		},
		REPLAY_MS
	);
});
