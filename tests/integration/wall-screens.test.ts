// Every wall screen's data, loaded for a display: the figures it shows, the newest severe alert
// first, a department filter, and never a person's name (not even masked) in anything it is sent.
import { describe, expect, it } from 'vitest';
import { newestSevere, screensData } from '../../src/lib/server/wall-screens';
import { SCREEN_IDS, dataKey, type PlaylistEntry } from '../../src/lib/wall/screens';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { demoAuditRecords } from '../../src/lib/demo/audit';
import { demoDebtRecords, demoDebtYearRecords } from '../../src/lib/demo/debt';
import { fiscalToday } from '../../src/lib/domain/fiscal';
import { fenToYuan, yuanToFen } from '../../src/lib/domain/money';

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
			const interest = { general: 35_500_000_000n, special: 38_000_000_000n };
			const debt = [
				...demoDebtYearRecords(year - 1, interest),
				...demoDebtRecords(year, fiscalToday('Asia/Shanghai'), interest)
			];
			await app.ingest('debt', debt);
			await app.ingest('audit', [
				...demoAuditRecords(year),
				{
					id: 'W-AUDIT-PERSON',
					year: year - 1,
					unitName: '龚叡璎',
					category: '违规发放津贴补贴',
					description: '龚叡璎违规领取补助',
					amount: '50000.00',
					type: 'immediate',
					dueDate: `${year - 1}-12-31`,
					status: 'open'
				}
			]);
			const playlist: PlaylistEntry[] = [
				...SCREEN_IDS.map((screen) => ({ screen, seconds: 10 })),
				{ screen: 'payments', seconds: 10, dept: '126' }
			];
			const { byKey } = await screensData(playlist);
			expect(Object.keys(byKey).sort()).toEqual(playlist.map(dataKey).sort());
			expect(JSON.stringify(byKey)).not.toMatch(/[龚叡璎]/);
			for (const loaded of Object.values(byKey)) {
				expect(loaded.data.source).toMatch(/^(payment|revenue|asset|debt|audit)$/);
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

			// Debt: the latest period's balances of both types; audit: last year's findings, the units
			// with most left first.
			const shownDebt = byKey['debt'];
			if (shownDebt.screen !== 'debt') throw new Error('debt screen');
			const latest = debt.reduce((p, r) => (r.period > p ? r.period : p), '');
			expect(shownDebt.data.year).toBe(Number(latest.slice(0, 4)));
			expect(shownDebt.data.debt?.balance).toBe(
				fenToYuan(
					debt.filter((r) => r.period === latest).reduce((s, r) => s + yuanToFen(r.balance), 0n)
				)
			);
			expect(shownDebt.data.feed.lastReceivedAt).not.toBeNull();
			const shownAudit = byKey['audit'];
			if (shownAudit.screen !== 'audit') throw new Error('audit screen');
			expect(shownAudit.data.year).toBe(year - 1);
			expect(shownAudit.data.headline.findings).toBe(57);
			const left = shownAudit.data.units.map((u) => u.findings - u.rectified);
			expect(left.length).toBeGreaterThan(0);
			expect(left).toEqual([...left].sort((a, b) => b - a));
			expect(shownAudit.data.feed.lastRecordAt).not.toBeNull();

			const in126 = byKey['payments:126'];
			if (in126.screen !== 'payments') throw new Error('payments screen');
			expect(in126.data.payments.map((p) => p.id)).toEqual(['W-SEVERE']);
		}
	);
});
