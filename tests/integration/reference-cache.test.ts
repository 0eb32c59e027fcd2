/**
 * The rules' reference cache (src/lib/server/alerts/reference-cache.ts): ingest judges with names,
 * settings and plan lines kept in memory while the reference version stands still, and sees a change
 * made any way at all (a plan batch, a direct update of a rule, a rolled-back change) on the next
 * batch, never stale data.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as alerts from '../../src/lib/server/alerts/index';
import { referenceCacheOf } from '../../src/lib/server/alerts/reference-cache';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord, planRecord } from '../support/factories';

describe.each(databaseTargets)('the rules’ reference cache on $name', (target) => {
	const app = useTestApp(target);
	const cache = () => referenceCacheOf(app.database);
	const active = async (ruleType: 'overPlan' | 'largePayment') =>
		(await alerts.listAlerts(app.database.db, { ruleType, status: 'active' })).rows;
	const pay = (id: string, amount: string, deptCode = '131') =>
		paymentRecord({ id, deptCode, agencyCode: '', funcCode: '2130101', amount });

	it.skipIf(target.unavailable)(
		'reads nothing again while nothing changed, and sees every change on the next batch',
		async () => {
			await app.ingest('plan', [
				planRecord({ deptCode: '131', funcCode: '213', amount: '1000.00' })
			]);
			await app.ingest('payment', [pay('C-1', '100.00')]);
			const loads = cache().reloads;
			await app.ingest('payment', [pay('C-2', '100.00')]);
			await app.ingest('payment', [pay('C-3', '100.00')]);
			expect(cache().reloads).toBe(loads);
			expect(await active('overPlan')).toEqual([]);

			// A smaller plan, by a plan batch: the next payment is judged against it.
			await app.ingest('plan', [
				planRecord({ deptCode: '131', funcCode: '213', amount: '350.00', stage: 'adjusted' })
			]);
			await app.ingest('payment', [pay('C-4', '100.00')]);
			expect((await active('overPlan')).map((a) => a.subjectKey)).toEqual(['general:131:213']);
			expect(cache().reloads).toBe(loads + 1);

			// A rule changed by a direct update (another server, a script): the next batch uses it.
			await app.database.db.execute(
				sql`update alert_rule set params = ${JSON.stringify({ thresholds: { notice: '150', warning: '5000000', severe: '50000000' } })}::jsonb where type = 'largePayment'`
			);
			await app.ingest('payment', [pay('C-5', '200.00')]);
			expect((await active('largePayment')).length).toBe(1);

			// A change rolled back leaves the cache as it was: the next batch judges with the stored rule.
			await expect(
				app.database.db.transaction(async (tx) => {
					await tx.execute(sql`update alert_rule set enabled = false where type = 'largePayment'`);
					await referenceCacheOf(app.database)
						.current(tx)
						.then((v) => v.settings());
					throw new Error('roll back');
				})
			).rejects.toThrow('roll back');
			await app.ingest('payment', [pay('C-6', '300.00')]);
			expect((await active('largePayment')).length).toBe(2);
		}
	);
});
