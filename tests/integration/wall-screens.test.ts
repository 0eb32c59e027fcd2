// Every wall screen's data, loaded for a display as its live views: the figures it shows, open cases
// counted as the desk's /alerts counts them with the newest severe one first, a department filter,
// and never a person's name (not even masked) in anything it is sent.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import { casesPage } from '../../src/lib/server/cases/index';
import { readWallScreens } from '../../src/lib/server/live-views/index';
import { newestSevere, type Loaded } from '../../src/lib/server/wall-screens';
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
		'loads every screen with its freshness, open cases as the desk counts them, and no person’s name',
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
				{ screen: 'payments', seconds: 10, dept: '126' },
				{ screen: 'alerts', seconds: 10, dept: '126' }
			];
			const load = async () => {
				const views = await readWallScreens(playlist);
				expect(Object.keys(views).sort()).toEqual([...new Set(playlist.map(dataKey))].sort());
				return (entry: Omit<PlaylistEntry, 'seconds'>): Loaded =>
					views[dataKey({ ...entry, seconds: 10 })].data;
			};
			let byEntry = await load();
			const all = playlist.map((e) => byEntry(e));
			expect(JSON.stringify(all)).not.toMatch(/[龚叡璎]/);
			for (const loaded of all) {
				expect(loaded.data.source).toMatch(/^(payment|revenue|asset|debt|audit)$/);
				expect(loaded.data.feed).toHaveProperty('lastReceivedAt');
			}

			const functions = byEntry({ screen: 'functions' });
			expect(functions.screen === 'functions' && functions.data.executed).toBe('65000000.00');
			// The revenue bars' as-of date is the screen's (today this year): its month is drawn partial.
			const revenue = byEntry({ screen: 'revenue' });
			expect(revenue.screen === 'revenue' && revenue.data.asOf).toBe(fiscalToday('Asia/Shanghai'));

			// Open cases by level: the desk's /alerts tiles, and the cases table itself.
			const db = app.database.db;
			const openCases = async (dept?: string) => {
				const found = await rows<{ level: string; n: number }>(
					db,
					sql`select level, count(*)::int as n from alert_case
						where year = ${year} and status in ('open', 'acknowledged') and not closed_by_year_close
						${dept ? sql`and dept_code = ${dept}` : sql``} group by level`
				);
				const n = (level: string) => Number(found.find((f) => f.level === level)?.n ?? 0);
				return { severe: n('severe'), warning: n('warning'), notice: n('notice') };
			};
			const alertsOf = (dept?: string) => {
				const shown = byEntry({ screen: 'alerts', ...(dept ? { dept } : {}) });
				if (shown.screen !== 'alerts') throw new Error('alerts screen');
				return shown.data;
			};
			const desk = await casesPage({ year, status: 'active' });
			const alerts = alertsOf();
			expect(alerts.counts).toEqual(desk.counts);
			expect(alerts.counts).toMatchObject(await openCases());
			expect(alerts.counts.severe).toBeGreaterThan(0);
			const in126Cases = alertsOf('126');
			expect(in126Cases.counts).toMatchObject(await openCases('126'));
			expect(in126Cases.counts.total).toBe(
				(await casesPage({ year, status: 'active', deptCode: '126' })).total
			);
			expect(in126Cases.newest.every((c) => c.deptCode === '126')).toBe(true);
			// Every row is an open case (its id the case's), severe first.
			const ids = new Set(desk.rows.map((r) => r.id));
			expect(alerts.newest.length).toBeGreaterThan(0);
			expect(alerts.newest.every((c) => ids.has(c.id))).toBe(true);
			const levels = alerts.newest.map((c) => c.level);
			expect(levels).toEqual(
				[...levels].sort(
					(a, b) =>
						['severe', 'warning', 'notice'].indexOf(a) - ['severe', 'warning', 'notice'].indexOf(b)
				)
			);
			const firstSevere = alerts.newest[0];
			expect(firstSevere.level).toBe('severe');
			// The department's case: its name (an organisation's) and the headline finding's summary.
			expect(in126Cases.newest[0]).toMatchObject({ level: 'severe', deptName: '市民政局' });
			expect(in126Cases.newest[0].summary?.zh).toMatch(/\S/);
			expect((await newestSevere())[0].id).toBe(firstSevere.id);

			// A later severe case of another department, smaller (the desk ranks it below by amount):
			// the wall lists it first and the interruption shows it.
			await app.ingest('payment', [
				paymentRecord({
					id: 'W-SEVERE-2',
					econCode: '30299',
					paidAt: new Date().toISOString(),
					amount: '55000000.00'
				})
			]);
			byEntry = await load();
			const later = alertsOf();
			expect(later.counts).toEqual((await casesPage({ year, status: 'active' })).counts);
			expect(later.counts.severe).toBe(alerts.counts.severe + 1);
			expect(later.newest[0]).toMatchObject({ level: 'severe', deptCode: '122' });
			expect(later.newest[1].id).toBe(firstSevere.id);
			expect((await newestSevere()).slice(0, 2).map((c) => c.id)).toEqual([
				later.newest[0].id,
				firstSevere.id
			]);

			// Debt: the latest period's balances of both types; audit: last year's findings, the units
			// with most left first.
			const shownDebt = byEntry({ screen: 'debt' });
			if (shownDebt.screen !== 'debt') throw new Error('debt screen');
			const latest = debt.reduce((p, r) => (r.period > p ? r.period : p), '');
			expect(shownDebt.data.year).toBe(Number(latest.slice(0, 4)));
			expect(shownDebt.data.debt?.balance).toBe(
				fenToYuan(
					debt.filter((r) => r.period === latest).reduce((s, r) => s + yuanToFen(r.balance), 0n)
				)
			);
			expect(shownDebt.data.feed.lastReceivedAt).not.toBeNull();
			const shownAudit = byEntry({ screen: 'audit' });
			if (shownAudit.screen !== 'audit') throw new Error('audit screen');
			expect(shownAudit.data.year).toBe(year - 1);
			expect(shownAudit.data.headline.findings).toBe(57);
			const left = shownAudit.data.units.map((u) => u.findings - u.rectified);
			expect(left.length).toBeGreaterThan(0);
			expect(left).toEqual([...left].sort((a, b) => b - a));
			expect(shownAudit.data.feed.lastRecordAt).not.toBeNull();

			const in126 = byEntry({ screen: 'payments', dept: '126' });
			if (in126.screen !== 'payments') throw new Error('payments screen');
			expect(in126.data.payments.map((p) => p.id)).toEqual(['W-SEVERE']);
		}
	);
});
