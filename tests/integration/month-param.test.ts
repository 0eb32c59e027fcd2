/** `?month=YYYY-MM` wherever a month is: the month report (/reports/month?month=2026-10) and the ledger and its exports. */
import { describe, expect, it } from 'vitest';
import { fiscalToday } from '../../src/lib/domain/fiscal';
import { monthReport, reportMonth } from '../../src/lib/server/month-report';
import { periodQuery } from '../../src/lib/server/query';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord } from '../support/factories';

const url = (query: string) => new URL(`http://app.test/reports/month?${query}`);
const status = (fn: () => unknown) => {
	try {
		fn();
		return 200;
	} catch (err) {
		return (err as { status?: number }).status ?? 500;
	}
};

describe.each(databaseTargets)('?month=YYYY-MM on $name', (target) => {
	const app = useTestApp(target);

	it.skipIf(target.unavailable)(
		'names the report month and its year, as ?year=&month= does',
		async () => {
			const today = fiscalToday('Asia/Shanghai');
			const year = Number(today.slice(0, 4));
			const last = year - 1;
			await app.ingest('payment', [
				paymentRecord({ paidAt: `${last}-10-15T10:00:00+08:00`, amount: '500.00' })
			]);
			const period = periodQuery(url(`month=${last}-10`));
			expect(period.year).toBe(last);
			expect(reportMonth(url(`month=${last}-10`), period).month).toBe(10);
			const same = periodQuery(url(`year=${last}&month=10`));
			expect(reportMonth(url(`year=${last}&month=10`), same).month).toBe(10);
			const a = await monthReport({ year: last, month: 10, budgetKind: 'general', today });
			expect(a.executed).toBe('500.00');
			// The same year twice is fine; two different years, an impossible month or one not begun are 400.
			expect(status(() => periodQuery(url(`year=${last}&month=${last}-10`)))).toBe(200);
			expect(status(() => periodQuery(url(`year=${year}&month=${last}-10`)))).toBe(400);
			for (const bad of [`${last}-13`, 'oct', `${year + 1}-01`])
				expect(
					status(() => reportMonth(url(`month=${bad}`), periodQuery(url(`month=${bad}`)))),
					bad
				).toBe(400);
		}
	);
});
