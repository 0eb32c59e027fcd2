// Every wall screen's data, loaded for a display: the figures it shows, the newest severe alert
// first, a department filter, and never a person's name (not even masked) in anything it is sent.
import { describe, expect, it } from 'vitest';
import { newestSevere, screensData } from '../../src/lib/server/wall-screens';
import { SCREEN_IDS, dataKey, type PlaylistEntry } from '../../src/lib/wall/screens';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';

const year = Number(
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
		new Date()
	)
);
const recent = () => new Date(Date.now() - 3_600_000).toISOString();

describe.each(databaseTargets)('wall screens on $name', (target) => {
	const app = useTestApp(target);

	it.skipIf(target.unavailable)(
		'loads every screen with its freshness, severe alerts first, and no person’s name',
		async () => {
			await app.ingest('unit', [unitRecord(), unitRecord({ code: '126', name: '市民政局' })]);
			await app.ingest('plan', [
				planRecord({ year, amount: '250000000.00' }),
				planRecord({ year, deptCode: '126', funcCode: '208', amount: '90000000.00' })
			]);
			await app.ingest('payment', [
				paymentRecord({
					id: 'W-PERSON',
					paidAt: recent(),
					amount: '2000000.00',
					payee: '龚叡璎',
					payeeKind: 'person',
					purpose: '龚叡璎补助'
				}),
				paymentRecord({
					id: 'W-ORG',
					paidAt: recent(),
					amount: '3000000.00',
					purpose: '代付龚叡璎补助'
				}),
				paymentRecord({
					id: 'W-SEVERE',
					deptCode: '126',
					funcCode: '2080201',
					econCode: '30299',
					paidAt: recent(),
					amount: '60000000.00'
				})
			]);
			const playlist: PlaylistEntry[] = [
				...SCREEN_IDS.map((screen) => ({ screen, seconds: 10 })),
				{ screen: 'payments', seconds: 10, dept: '126' }
			];
			const { byKey } = await screensData(playlist);
			expect(Object.keys(byKey).sort()).toEqual(playlist.map(dataKey).sort());
			expect(JSON.stringify(byKey)).not.toMatch(/[龚叡璎]/);
			for (const loaded of Object.values(byKey)) {
				expect(loaded.data.source).toMatch(/^(payment|revenue|asset)$/);
				expect(loaded.data.feed).toHaveProperty('lastReceivedAt');
			}

			const functions = byKey['functions'];
			expect(functions.screen === 'functions' && functions.data.executed).toBe('65000000.00');
			const alerts = byKey['alerts'];
			if (alerts.screen !== 'alerts') throw new Error('alerts screen');
			expect(alerts.data.counts.severe).toBeGreaterThan(0);
			expect(alerts.data.newest[0].level).toBe('severe');
			const levels = alerts.data.newest.map((a) => a.level);
			expect(levels).toEqual(
				[...levels].sort(
					(a, b) =>
						['severe', 'warning', 'notice'].indexOf(a) - ['severe', 'warning', 'notice'].indexOf(b)
				)
			);
			const severe = await newestSevere();
			expect(severe.map((a) => a.id)).toContain(alerts.data.newest[0].id);

			const in126 = byKey['payments:126'];
			if (in126.screen !== 'payments') throw new Error('payments screen');
			expect(in126.data.payments.map((p) => p.id)).toEqual(['W-SEVERE']);
		}
	);
});
