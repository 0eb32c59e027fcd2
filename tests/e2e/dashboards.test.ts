/**
 * The supervision dashboards in Chromium against the built server: drilling from the city total to a
 * single payment and back, every level adding up to the one above (against SQL when the suite runs
 * on PostgreSQL, as CI does, and always against the records it sent), budgets without a plan, a
 * drill-down page following ingest live, and the as-of view of a past month end. The city is
 * tests/support/last-year-city.ts.
 */
import { describe, expect, it } from 'vitest';
import { fenToYuan, formatIn, yuanToFen } from '../../src/lib/domain/money';
import { waitForValueChange } from '../support/browser';
import { paymentRecord } from '../support/factories';
import { recordFigure } from '../support/figures';
import { at, sumOf, sumStrings, useLastYearCity, Y, type Sent } from '../support/last-year-city';
import { postBatch } from '../support/server';

describe('supervision dashboards in Chromium', () => {
	const city = useLastYearCity();
	const { value, column, sqlSum } = city;
	const PAYMENTS = city.payments;
	const throughDay = (date: string) => PAYMENTS.filter((p) => p.paidAt.slice(0, 10) <= date);

	it('drills from the overview to a single payment and back, each level adding up exactly to the one above', async () => {
		const { page, server, sql } = city;
		await page.goto(`${server.url}/?year=${Y}`);
		const cityExecuted = (await value('kpi-executed'))!;
		expect(cityExecuted).toBe(sumOf(PAYMENTS));
		if (sql) expect(cityExecuted).toBe(await sqlSum('true'));
		const classes = await page.$$eval('[data-testid="by-class"] tbody tr', (trs) =>
			trs.map((tr) => ({
				code: tr.getAttribute('data-code'),
				executed: tr.querySelectorAll('td')[1].getAttribute('data-value')
			}))
		);
		expect(sumStrings(classes.map((c) => c.executed!))).toBe(cityExecuted);

		// 类 205 → 款 20502 → 项 2050202.
		await Promise.all([
			page.waitForURL(/\/functions\/205\?/),
			page.dispatchEvent('[data-testid="by-class"] tr[data-code="205"] a', 'click')
		]);
		const classExecuted = (await value('kpi-executed'))!;
		expect(classExecuted).toBe(classes.find((c) => c.code === '205')!.executed);
		expect(sumStrings(await column('children', 'executed'))).toBe(classExecuted);
		expect(sumStrings(await column('departments', 'executed'))).toBe(classExecuted);
		if (sql) expect(classExecuted).toBe(await sqlSum(`func_code like '205%'`));
		const sectionRow = await page.getAttribute(
			'[data-testid="children"] tr[data-code="20502"] td[data-col="executed"]',
			'data-value'
		);
		await Promise.all([
			page.waitForURL(/\/functions\/20502\?/),
			page.click('[data-testid="children"] tr[data-code="20502"] th a')
		]);
		expect(await value('kpi-executed')).toBe(sectionRow);
		expect(sumStrings(await column('children', 'executed'))).toBe(sectionRow);
		await Promise.all([
			page.waitForURL(/\/functions\/2050202\?/),
			page.click('[data-testid="children"] tr[data-code="2050202"] th a')
		]);
		const itemExecuted = (await value('kpi-executed'))!;
		expect(itemExecuted).toBe(sumOf(PAYMENTS.filter((p) => p.funcCode === '2050202')));
		if (sql) expect(itemExecuted).toBe(await sqlSum(`func_code = '2050202'`));

		// The department spending on it → its units → a unit's project → a payment.
		await Promise.all([
			page.waitForURL(/\/departments\/122\?/),
			page.click('[data-testid="departments"] tr[data-code="122"] th a')
		]);
		const deptExecuted = (await value('kpi-executed'))!;
		expect(deptExecuted).toBe(sumOf(PAYMENTS.filter((p) => p.deptCode === '122')));
		if (sql) expect(deptExecuted).toBe(await sqlSum(`dept_code = '122'`));
		const unplanned = (await value('kpi-unplanned'))!;
		expect(unplanned).toBe('6600.00'); // 2080505 has no line of 教育局
		expect(sumStrings([...(await column('lines', 'executed')), unplanned])).toBe(deptExecuted);
		expect(sumStrings(await column('units', 'executed'))).toBe(deptExecuted);
		const unitRow = await page.getAttribute(
			'[data-testid="units"] tr[data-code="122003"] td[data-col="executed"]',
			'data-value'
		);

		await Promise.all([
			page.waitForURL(/\/units\/122003\?/),
			page.click('[data-testid="units"] tr[data-code="122003"] th a')
		]);
		expect(await value('kpi-executed')).toBe(unitRow);
		expect(sumStrings(await column('unit-projects', 'executed'))).toBe(unitRow);
		expect(await page.getAttribute('[data-testid="payments-total"]', 'data-value')).toBe(unitRow);
		const projectRow = await page.getAttribute(
			`[data-testid="unit-projects"] tr[data-code="${Y}122001"] td[data-col="executed"]`,
			'data-value'
		);

		await Promise.all([
			page.waitForURL(/\/projects\//),
			page.click(`[data-testid="unit-projects"] tr[data-code="${Y}122001"] th a`)
		]);
		const projectExecuted = (await value('kpi-executed'))!;
		expect(projectExecuted).toBe(projectRow);
		expect(projectExecuted).toBe('276000.00');
		expect(await value('kpi-plan')).toBe('400000.00');
		expect(await page.getAttribute('[data-testid="payments-total"]', 'data-value')).toBe(
			projectExecuted
		);
		expect(sumStrings(await column('payments', 'amount'))).toBe(projectExecuted);
		// Its monthly bars in words: the project's total in 万元.
		expect(await page.textContent('[data-testid=chart-summary]')).toContain(
			`合计 ${formatIn(yuanToFen(projectExecuted), 'wan')} 万元`
		);

		const id = await page.getAttribute('[data-testid="payments"] tbody tr:first-child', 'data-id');
		await Promise.all([
			page.waitForURL(/\/payments\//),
			page.click('[data-testid="payments"] tbody tr:first-child [data-testid="payment-link"]')
		]);
		expect(await page.getAttribute('[data-testid="payment"]', 'data-id')).toBe(id);
		expect(await value('payment-amount')).toBe(PAYMENTS.find((p) => p.id === id)!.amount);

		// And back up: payment → project → unit → department → overview, by the links on each page.
		for (const expected of [
			/\/projects\//,
			/\/units\/122003/,
			/\/departments\/122\?/,
			/\/departments\?/
		]) {
			await Promise.all([page.waitForURL(expected), page.click('[data-testid="link-up"]')]);
		}
		await Promise.all([
			page.waitForURL(`${server.url}/?year=${Y}`),
			page.click('[data-testid="breadcrumbs"] a:first-child')
		]);
		expect(await value('kpi-executed')).toBe(cityExecuted);
	});

	it('says so where a budget has no plan, instead of bare axes, and names that budget’s revenue', async () => {
		const { page, server } = city;
		await page.goto(`${server.url}/?year=${Y}&kind=fund`);
		await expect
			.poll(() => page.locator('[data-testid="chart-empty"]').allTextContents())
			.toEqual(['尚无预算数，没有可比的执行率', '尚无预算数，没有可比的执行率']);
		expect(await page.textContent('[data-testid="revenue-panel"] h2')).toBe('政府性基金预算收入');
		// The month report likewise: no gap, so no pace level; no charts of nothing.
		await page.goto(`${server.url}/reports/month?year=${Y}&kind=fund&month=12`);
		expect(await page.textContent('[data-testid="report-gap"]')).toBe('—');
		expect(await page.textContent('[data-testid="report-classes-empty"]')).toBe(
			'尚无预算数，没有可比的执行率'
		);
		expect(await page.textContent('[data-testid="report-gaps-empty"]')).toBe(
			'尚无预算数，没有可比的执行率'
		);
		await page.goto(`${server.url}/reports/month?year=${Y}&month=12`);
		expect(await page.textContent('[data-testid="report-gap"]')).toMatch(
			/^-?\d+(\.\d+)? 个百分点（(正常|提示|预警|严重)）$/
		);
		expect(await page.locator('[data-testid="report-classes-empty"]').count()).toBe(0);
		// The general budget of the same year has its charts and its own revenue panel.
		await page.goto(`${server.url}/?year=${Y}&kind=general`);
		expect(await page.locator('[data-testid="chart-empty"]').count()).toBe(0);
		expect(await page.textContent('[data-testid="revenue-panel"] h2')).toBe('一般公共预算收入');
	});

	it('updates an open department page within a second when a payment for it is ingested', async () => {
		const { page, server } = city;
		await page.goto(`${server.url}/departments/138?year=${Y}`);
		await page.waitForSelector('[data-testid=live-status][data-status=connected]');
		const before = (await value('kpi-executed'))!;
		const unitBefore = await page.getAttribute(
			'[data-testid="units"] tr[data-code="138001"] td[data-col="executed"]',
			'data-value'
		);
		const payment = paymentRecord({
			paidAt: at('12-30'),
			deptCode: '138',
			agencyCode: '138001',
			funcCode: '2130305',
			econCode: '30905',
			amount: '4321.09'
		}) as unknown as Sent;
		const res = await postBatch(server, {
			batchId: 'e2e-d-live',
			kind: 'payment',
			records: [payment]
		});
		const acked = Date.now();
		expect(res.body).toMatchObject({ accepted: 1 });
		PAYMENTS.push(payment);
		const changed = await waitForValueChange(page, 'kpi-executed', before, 5000);
		recordFigure('e2e drill-down page ack-to-screen latency (ms)', changed.at - acked);
		expect(changed.value).toBe(fenToYuan(yuanToFen(before) + yuanToFen('4321.09')));
		expect(changed.at - acked).toBeLessThan(1000);
		expect(
			await page.getAttribute(
				'[data-testid="units"] tr[data-code="138001"] td[data-col="executed"]',
				'data-value'
			)
		).toBe(fenToYuan(yuanToFen(unitBefore!) + yuanToFen('4321.09')));
	});

	it('shows the end of a past month as of that date: that month’s figures and time progress', async () => {
		const { page, server, sql } = city;
		const asOf = `${Y}-03-31`;
		await page.goto(`${server.url}/?year=${Y}&asOf=${asOf}`);
		await page.waitForSelector('[data-testid=historical]');
		// The payment at 23:59 on 31 March counts; the one 30 seconds after midnight does not.
		expect(await value('kpi-executed')).toBe(sumOf(throughDay(asOf)));
		if (sql) expect(await value('kpi-executed')).toBe(await sqlSum(`fiscal_date <= '${asOf}'`));
		const days = 31 + new Date(Date.UTC(Y, 2, 0)).getUTCDate() + 31;
		const yearDays = new Date(Date.UTC(Y, 1, 29)).getUTCDate() === 29 ? 366 : 365;
		expect(await value('kpi-time-progress')).toBe(
			(Math.round((days / yearDays) * 10_000) / 10_000).toFixed(4)
		);
		// The curve says the same in words, and its table holds March's share at the month end.
		const shown = async (testid: string) =>
			(await page.textContent(`[data-testid=${testid}] .number`))!.trim();
		const rate = await shown('kpi-rate');
		const tp = await shown('kpi-time-progress');
		expect(rate).toMatch(/^\d+\.\d%$/);
		expect(await page.textContent('.curve [data-testid=chart-summary]')).toBe(
			`截至3月31日，累计支出占预算的 ${rate}，序时进度 ${tp}。`
		);
		const march = page.locator('.curve [data-testid=chart-table] tbody tr').nth(2);
		expect(await march.locator('th').textContent()).toBe('3月');
		expect(await march.locator('td').last().textContent()).toBe(rate);
		expect(await march.locator('td').first().textContent()).toBe(tp);
		expect(
			await page
				.locator('.curve [data-testid=chart-table] tbody tr')
				.nth(3)
				.locator('td')
				.last()
				.textContent()
		).toBe('—');
		// A department page as of the same date links on with the date kept.
		await Promise.all([
			page.waitForURL(/\/departments\?.*asOf=/),
			page.click('h2 a[href^="/departments"]')
		]);
		await Promise.all([
			page.waitForURL(/\/departments\/122\?.*asOf=/),
			page.click('[data-testid="departments"] tr[data-code="122"] th a')
		]);
		expect(await value('kpi-executed')).toBe(
			sumOf(throughDay(asOf).filter((p) => p.deptCode === '122'))
		);
		expect(await page.textContent('[data-testid=chart-summary]')).toBe(
			`截至3月31日，累计支出占预算的 ${await shown('kpi-rate')}，序时进度 ${tp}。`
		);
	});

	it('says a unit’s monthly bars in words and lists each month in 万元 from the payments sent', async () => {
		const { page, server } = city;
		await page.goto(`${server.url}/departments/122/units/122003?year=${Y}`);
		const sent = PAYMENTS.filter((p) => p.agencyCode === '122003');
		const byMonth = new Map<number, bigint>();
		for (const p of sent) {
			const m = Number(p.paidAt.slice(5, 7));
			byMonth.set(m, (byMonth.get(m) ?? 0n) + yuanToFen(p.amount));
		}
		const wan = (fen: bigint) => formatIn(fen, 'wan');
		const rows = await page.$$eval('[data-testid=chart-table] tbody tr', (trs) =>
			trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td')!.textContent])
		);
		for (const [m, fen] of byMonth) expect(rows).toContainEqual([`${m}月`, wan(fen)]);
		const total = [...byMonth.values()].reduce((a, b) => a + b, 0n);
		expect(await page.textContent('[data-testid=chart-summary]')).toContain(
			`合计 ${wan(total)} 万元`
		);
		// Folded until asked for; the summary sentence describes the chart image.
		expect(await page.locator('[data-testid=chart-table]').getAttribute('open')).toBeNull();
		const described = await page.getAttribute('[role=img]', 'aria-describedby');
		expect(await page.textContent(`[id="${described}"]`)).toContain('合计');
	});

	it('keeps a year without data chosen in the year select, and answers a missing page in words with a way back', async () => {
		const { page, server } = city;
		await page.goto(`${server.url}/?year=2011`);
		expect(await page.inputValue('[data-testid=period-bar] select[name=year]')).toBe('2011');
		await page.goto(`${server.url}/departments?year=2011`);
		expect(await page.textContent('[data-testid=departments-none]')).toContain(
			'尚无 2011 年预算数据：请财经委工作人员导入年初预算。'
		);
		for (const path of ['/payments/ZF-NO-SUCH-PAYMENT', '/no-such-page']) {
			const res = await page.goto(`${server.url}${path}`);
			expect(res?.status(), path).toBe(404);
			expect(await page.textContent('[data-testid=error-page] h1'), path).toBe('找不到这个页面');
			expect(await page.getByRole('link', { name: '返回总览' }).getAttribute('href')).toBe('/');
			expect(await page.title()).toMatch(/^404 · 找不到这个页面 · /);
		}
		// Inside the app the menu stays, so a member can go on from where they landed.
		await page.goto(`${server.url}/payments/ZF-NO-SUCH-PAYMENT`);
		expect(await page.locator('header nav a').count()).toBeGreaterThan(5);
	});
});
