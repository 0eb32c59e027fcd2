import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import { DEFAULT_PROFILES } from '../../src/lib/domain/alerts/profiles';
import {
	evaluatePeriodic,
	previewProfileChange,
	profileChanges,
	saveProfileChange
} from '../../src/lib/server/alerts/index';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';

/** The active alerts of a rule as [subject, level]. */
async function active(db: Parameters<typeof rows>[0], rule: string): Promise<string[][]> {
	const found = await rows<{ subject_key: string; level: string }>(
		db,
		sql`select subject_key, level from alert where rule_type = ${rule}
			and status in ('open', 'acknowledged') order by subject_key`
	);
	return found.map((a) => [a.subject_key, a.level]);
}

describe.each(databaseTargets)(
	'subject profiles and the new rules in the engine on $name',
	(target) => {
		const app = useTestApp(target);
		beforeAll(async () => {
			if (target.unavailable) return;
			await app.ingest('unit', [unitRecord()]);
			await app.ingest('plan', [
				planRecord({ funcCode: '2050202', amount: '10000000.00' }),
				planRecord({ funcCode: '2279901', amount: '80000000.00' }), // 预备费, untouched
				planRecord({
					funcCode: '2130301',
					projectCode: 'P9',
					projectName: '泵站',
					amount: '1000000.00'
				}),
				planRecord({ funcCode: '2130301', amount: '90000000.00' })
			]);
			const works = { funcCode: '2130301', econCode: '31005', payee: '市水建工程有限公司' };
			await app.ingest('payment', [
				// On time for 2050202 at the end of June; a wage run and a 代发 run, large but routine.
				paymentRecord({ amount: '5000000.00', paidAt: '2026-06-20T10:00:00+08:00' }),
				paymentRecord({
					id: 'WAGE-6',
					amount: '3000000.00',
					econCode: '30101',
					paidAt: '2026-06-10T10:00:00+08:00'
				}),
				// The works line on time, the project in it at 114.8% of its plan.
				paymentRecord({
					...works,
					id: 'WORKS-1',
					amount: '50000000.00',
					paidAt: '2026-06-05T10:00:00+08:00'
				}),
				paymentRecord({
					...works,
					projectCode: 'P9',
					amount: '1148000.00',
					paidAt: '2026-05-10T10:00:00+08:00'
				}),
				// Split: two payments just under 100万 to one payee within a week, the second at 23:30 on day 7.
				paymentRecord({
					...works,
					id: 'SPLIT-1',
					amount: '900000.00',
					paidAt: '2026-06-01T09:00:00+08:00'
				}),
				paymentRecord({
					...works,
					id: 'SPLIT-2',
					amount: '850000.00',
					paidAt: '2026-06-07T23:30:00+08:00'
				}),
				// Duplicate: the same amount to the same payee two days apart under different ids.
				paymentRecord({
					id: 'DUP-1',
					amount: '48000.00',
					payee: '市华联办公设备有限公司',
					paidAt: '2026-06-15T10:00:00+08:00'
				}),
				paymentRecord({
					id: 'DUP-2',
					amount: '48000.00',
					payee: '市华联办公设备有限公司',
					paidAt: '2026-06-17T10:00:00+08:00'
				})
			]);
			await evaluatePeriodic(app.database.db, new Date('2026-06-30T18:00:00+08:00'), undefined, {
				all: true
			});
		});

		it.skipIf(target.unavailable)('seeds domain.md’s profiles in the migration', async () => {
			const seeded = await rows<{
				rule_type: string;
				code_kind: string;
				code_prefix: string;
				mode: string;
			}>(
				app.database.db,
				sql`select rule_type, code_kind, code_prefix, mode from alert_profile
				where code_prefix in ('227', '232') or rule_type = 'largePayment' order by 1, 2, 3`
			);
			expect(seeded.filter((p) => p.rule_type === 'paceLag')).toEqual([
				{ rule_type: 'paceLag', code_kind: 'func', code_prefix: '227', mode: 'excluded' },
				{ rule_type: 'paceLag', code_kind: 'func', code_prefix: '232', mode: 'schedule' }
			]);
			expect(
				seeded.filter((p) => p.rule_type === 'largePayment').map((p) => p.code_prefix)
			).toEqual(['301', '303', '309', '310', '209', '230', '232', '233']); // econ, then func
			const all = await rows<{
				rule_type: string;
				code_kind: string;
				code_prefix: string;
				mode: string;
			}>(app.database.db, sql`select rule_type, code_kind, code_prefix, mode from alert_profile`);
			const key = (p: { ruleType: string; codeKind: string; codePrefix: string; mode: string }) =>
				`${p.ruleType}|${p.codeKind}|${p.codePrefix}|${p.mode}`;
			expect(
				all
					.map((p) =>
						key({
							ruleType: p.rule_type,
							codeKind: p.code_kind,
							codePrefix: p.code_prefix,
							mode: p.mode
						})
					)
					.sort()
			).toEqual(DEFAULT_PROFILES.map(key).sort());
		});

		it.skipIf(target.unavailable)(
			'leaves the reserve out of pace lag and the wage run out of large payments',
			async () => {
				const pace = await active(app.database.db, 'paceLag');
				expect(pace.some(([k]) => k.includes('227'))).toBe(false);
				expect(pace.filter(([, level]) => level === 'severe')).toEqual([]);
				const large = await active(app.database.db, 'largePayment');
				expect(large.map(([k]) => k)).not.toContain('WAGE-6');
				expect(large.length).toBeGreaterThan(0); // the 500万 payment on 2050202 is large
			}
		);

		it.skipIf(target.unavailable)(
			'finds the project over its plan, the split and the duplicate',
			async () => {
				expect(await active(app.database.db, 'overPlan')).toEqual([
					['general:project:122:P9', 'severe']
				]);
				expect(await active(app.database.db, 'splitPayment')).toEqual([['122:SPLIT-1', 'notice']]);
				expect(await active(app.database.db, 'duplicatePayment')).toEqual([
					['122:DUP-1', 'warning']
				]);
			}
		);

		it.skipIf(target.unavailable)(
			'changes nothing when the same evaluation runs again',
			async () => {
				const again = await evaluatePeriodic(
					app.database.db,
					new Date('2026-06-30T18:00:00+08:00'),
					undefined,
					{
						all: true
					}
				);
				expect(again.changes).toEqual([]);
			}
		);
	}
);

describe.each(databaseTargets)('changing a subject profile on $name', (target) => {
	const app = useTestApp(target);
	const now = new Date('2026-06-30T18:00:00+08:00');
	beforeAll(async () => {
		if (target.unavailable) return;
		await app.ingest('unit', [unitRecord()]);
		await app.ingest('plan', [
			planRecord({ funcCode: '2050202', amount: '10000000.00' }),
			planRecord({ funcCode: '2279901', amount: '80000000.00' })
		]);
		await app.ingest('payment', [
			paymentRecord({ amount: '5000000.00', paidAt: '2026-06-20T10:00:00+08:00' })
		]);
		await evaluatePeriodic(app.database.db, now, undefined, { all: true });
	});

	it.skipIf(target.unavailable)(
		'previews the findings and cases removing the reserve profile opens, then saves it with its history',
		async () => {
			expect(await active(app.database.db, 'paceLag')).toEqual([]);
			const proposal = {
				ruleType: 'paceLag' as const,
				codeKind: 'func',
				codePrefix: '227',
				remove: true
			};
			const preview = await previewProfileChange(app.database.db, proposal, { now });
			// The city, the 227 class and the department fall behind; only the department is a case.
			expect(preview).toEqual({
				ok: true,
				findings: { open: 3, change: 0, close: 0 },
				cases: { open: 1, change: 0, close: 0 }
			});
			expect(await active(app.database.db, 'paceLag')).toEqual([]); // a preview writes nothing
			const saved = await saveProfileChange(app.database.db, proposal, null, undefined, { now });
			expect(saved).toMatchObject({ ok: true });
			expect((await active(app.database.db, 'paceLag')).map(([k]) => k)).toEqual([
				'general:city',
				'general:class:227',
				'general:dept:122'
			]);
			const history = await profileChanges(app.database.db, 'paceLag');
			expect(history[0]).toMatchObject({ codePrefix: '227', newProfile: null });
			expect((history[0].oldProfile as { mode: string }).mode).toBe('excluded');
			const wrong = await saveProfileChange(
				app.database.db,
				{ ruleType: 'paceLag', codeKind: 'func', codePrefix: '22', mode: 'excluded' },
				null
			);
			expect(wrong).toEqual({ ok: false, error: 'codePrefix: must be a code of 3 to 7 digits' });
		}
	);
});
