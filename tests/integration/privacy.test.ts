// The privacy rule on the server: what members, displays and staff get of persons' payments, what a
// search and a sort reveal, the names learnt on every insert, the wall, alert explanations.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import { parseLedgerFilter } from '../../src/lib/domain/ledger-filter';
import * as alerts from '../../src/lib/server/alerts/index';
import * as ledger from '../../src/lib/server/ledger/queries';
import { personNames } from '../../src/lib/server/privacy';
import { latestPayments } from '../../src/lib/server/wall';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord, unitRecord } from '../support/factories';

const Y = 2026;
const scope = { year: Y, budgetKind: 'general' as const };
const today = new Date(Date.now() - 3_600_000).toISOString();

function filter(query: string) {
	const parsed = parseLedgerFilter(new URLSearchParams(query), Y, '2026-12-31');
	if (!parsed.ok) throw new Error(parsed.errors.join());
	return parsed.filter;
}

describe.each(databaseTargets)('the privacy rule on $name', (target) => {
	const app = useTestApp(target);

	it.skipIf(target.unavailable)(
		'names a payee only when known to be an organisation, and withholds a person’s 用途',
		async () => {
			await app.ingest('unit', [unitRecord()]);
			await app.ingest('payment', [
				paymentRecord({
					id: 'PV-PERSON',
					payee: '龚叡璎',
					payeeKind: 'person',
					purpose: '龚叡璎差旅费报销'
				}),
				paymentRecord({
					id: 'PV-NOKIND',
					payee: '濮阳翚',
					payeeKind: undefined,
					purpose: '讲课费'
				}),
				paymentRecord({
					id: 'PV-ORG',
					payee: '市华联办公设备有限公司',
					purpose: '代付龚叡璎、濮阳翚劳务费'
				})
			]);
			const byId = async (viewer: 'staff' | 'member' | 'display') =>
				new Map((await ledger.page(scope, filter('dept=122'), viewer)).rows.map((r) => [r.id, r]));
			const staff = await byId('staff');
			expect(staff.get('PV-PERSON')).toMatchObject({
				payee: '龚叡璎',
				purpose: '龚叡璎差旅费报销'
			});
			expect(staff.get('PV-ORG')?.purpose).toBe('代付龚叡璎、濮阳翚劳务费');

			const member = await byId('member');
			expect(member.get('PV-PERSON')).toMatchObject({
				payee: '龚**',
				payeeMasked: true,
				purpose: null,
				purposeWithheld: true
			});
			expect(member.get('PV-NOKIND')).toMatchObject({ payee: '濮**', purpose: null });
			expect(member.get('PV-ORG')).toMatchObject({
				payee: '市华联办公设备有限公司',
				purpose: '代付龚**、濮**劳务费'
			});
			const display = await byId('display');
			expect(display.get('PV-PERSON')).toMatchObject({ payee: null, purpose: null });
			expect(display.get('PV-ORG')?.purpose).toBe('代付***、***劳务费');
			expect(await ledger.payment('PV-PERSON', 'member')).toMatchObject({ payee: '龚**' });
		}
	);

	it.skipIf(target.unavailable)(
		'lets a member’s search find only what the member sees',
		async () => {
			const total = async (query: string, viewer: 'staff' | 'member') =>
				(await ledger.page(scope, filter(`dept=122&${query}`), viewer)).total;
			// A person's name, its hidden part, a name inside an organisation's 用途.
			for (const term of ['龚叡璎', '叡璎', '濮阳翚', '翚']) {
				expect(await total(`payee=${term}`, 'staff'), term).toBeGreaterThan(0);
				expect(await total(`payee=${term}`, 'member'), term).toBe(0);
			}
			// A person's 用途 is not searched for members; an organisation's name and 用途 are.
			expect(await total('payee=讲课费', 'staff')).toBe(1);
			expect(await total('payee=讲课费', 'member')).toBe(0);
			expect(await total('payee=华联办公', 'member')).toBeGreaterThan(0);
			// An organisation's 用途 that names persons is found by its visible words.
			expect(await total('payee=劳务费', 'member')).toBe(1);
			expect(await ledger.exportSize(scope, filter('dept=122&payee=叡璎'), 'member')).toBe(0);
		}
	);

	it.skipIf(target.unavailable)(
		'sorts a member’s ledger by the payee as the member sees it',
		async () => {
			await app.ingest('payment', [
				paymentRecord({ id: 'PV-SORT-A', payee: '龚甲', payeeKind: 'person' }),
				paymentRecord({ id: 'PV-SORT-B', payee: '龚乙', payeeKind: 'person' })
			]);
			const order = async (viewer: 'staff' | 'member', dir: string) =>
				(await ledger.page(scope, filter(`dept=122&sort=payee&dir=${dir}&size=200`), viewer)).rows
					.map((r) => r.id)
					.filter((id) => id.startsWith('PV-SORT'));
			expect(await order('staff', 'asc')).toEqual(['PV-SORT-B', 'PV-SORT-A']); // 乙 (U+4E59) before 甲
			// For a member both are 龚*: the order is the id's, whatever the hidden names.
			expect(await order('member', 'asc')).toEqual(['PV-SORT-A', 'PV-SORT-B']);
			expect(await order('member', 'desc')).toEqual(['PV-SORT-B', 'PV-SORT-A']);
		}
	);

	it.skipIf(target.unavailable)(
		'learns persons’ names from every insert, even after an organisation’s 用途 named them',
		async () => {
			await app.ingest('payment', [
				paymentRecord({ id: 'PV-ORG-LATER', purpose: '支付邬彧旻咨询费' })
			]);
			expect((await ledger.payment('PV-ORG-LATER', 'member'))?.purpose).toBe('支付邬彧旻咨询费');
			// Any insert, not only ingest, adds the name (a trigger).
			await app.database.db.execute(sql`insert into payment (id, paid_at, fiscal_date, fiscal_year,
				budget_kind, dept_code, func_code, econ_code, amount, payee, content_hash, batch_id)
				values ('PV-DIRECT', now(), '2026-03-01', 2026, 'general', '122', '2050202', '30201', 1, '邬彧旻', 'h', 'direct')`);
			expect((await ledger.payment('PV-ORG-LATER', 'member'))?.purpose).toBe('支付邬**咨询费');
			expect((await personNames()).occursIn('邬彧旻')).toBe(true);
			const names = await rows<{ name: string }>(
				app.database.db,
				sql`select name from person_name order by name`
			);
			expect(names.map((n) => n.name)).not.toContain('市华联办公设备有限公司');
		}
	);

	it.skipIf(target.unavailable)(
		'gives a wall display no person’s name, masked or not',
		async () => {
			await app.ingest('payment', [
				paymentRecord({
					id: 'PV-WALL-P',
					paidAt: today,
					amount: '2000000.00',
					payee: '龚叡璎',
					payeeKind: undefined,
					purpose: '龚叡璎补助'
				}),
				paymentRecord({
					id: 'PV-WALL-O',
					paidAt: today,
					amount: '3000000.00',
					purpose: '代付龚叡璎补助'
				})
			]);
			const wall = await latestPayments();
			const text = JSON.stringify(wall);
			expect(text).not.toMatch(/[龚叡璎]/);
			expect(wall.payments.find((p) => p.id === 'PV-WALL-O')?.purpose).toBe('代付***补助');
			expect(wall.payments.find((p) => p.id === 'PV-WALL-P')).toMatchObject({
				payee: null,
				purpose: null
			});
		}
	);

	it.skipIf(target.unavailable)(
		'keeps payees and 用途 out of large-payment alerts’ explanations',
		async () => {
			const found = await alerts.listAlerts(app.database.db, { ruleType: 'largePayment' });
			expect(found.rows.length).toBeGreaterThan(0);
			for (const a of found.rows) {
				const detail = await alerts.alertDetail(app.database.db, a.id);
				expect(JSON.stringify(detail?.explanation)).not.toMatch(/龚叡璎|用途|收款人/);
			}
		}
	);
});
