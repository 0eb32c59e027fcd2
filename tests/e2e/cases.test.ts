/**
 * Cases end to end in Chromium, as a member reads them (issue 17, acceptance 3): the cases ranked by
 * level, then the money involved; a case's evidence followed to the ledger's payment; the month
 * report listing a month's cases by the fiscal month of the payments behind them, not by when the
 * case was opened.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalToday } from '../../src/lib/domain/fiscal';
import { launchBrowser, signIn, watch } from '../support/browser';
import { paymentRecord, unitRecord } from '../support/factories';
import { setUpPrincipals } from '../support/http';
import { ADMIN_PASSWORD, postBatch, startServer, type RunningServer } from '../support/server';

const LEVEL_RANK: Record<string, number> = { severe: 0, warning: 1, notice: 2 };

describe('cases: ranked, evidence to the ledger, the month report by facts', () => {
	let server: RunningServer;
	let browser: Browser;
	let member: Page;
	let memberWatch: Awaited<ReturnType<typeof watch>>;
	const today = fiscalToday('Asia/Shanghai');
	const year = Number(today.slice(0, 4));
	const month = Number(today.slice(5, 7));
	// The payments' fiscal month: the one before today's (today's in January, within the year).
	const factMonth = Math.max(1, month - 1);
	const mm = String(factMonth).padStart(2, '0');
	const LARGE_ID = 'E2E-CASE-LARGE';

	beforeAll(async () => {
		server = await startServer();
		const principals = await setUpPrincipals(server, ADMIN_PASSWORD);
		expect(
			(
				await postBatch(server, {
					batchId: 'c-units',
					kind: 'unit',
					records: [
						unitRecord(),
						unitRecord({ code: '122002', name: '市第一中学', parentCode: '122' }),
						unitRecord({ code: '123', name: '市科学技术局' }),
						unitRecord({ code: '123001', name: '市科技信息中心', parentCode: '123' })
					]
				})
			).status
		).toBe(200);
		// No plan at all: 122's 6000万 is a severe large payment (≥ 5000万) and spending without a
		// plan; 123's 150万 spending without a plan, its large payment (≥ 100万) only evidence.
		const paidAt = `${year}-${mm}-15T10:00:00+08:00`;
		expect(
			(
				await postBatch(server, {
					batchId: 'c-pay',
					kind: 'payment',
					records: [
						paymentRecord({ id: LARGE_ID, amount: '60000000.00', paidAt }),
						paymentRecord({
							deptCode: '123',
							agencyCode: '123001',
							funcCode: '2060101',
							amount: '1500000.00',
							paidAt
						})
					]
				})
			).body
		).toMatchObject({ accepted: 2, rejected: [] });
		browser = await launchBrowser();
		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		member = await context.newPage();
		memberWatch = await watch(member);
		await signIn(member, server, 'member1', principals.passwords.member1);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('shows a member the cases ranked by level, then amount, and follows a case to its payment', async () => {
		await member.goto(`${server.url}/alerts`);
		const rows = await member.$$eval('[data-testid=cases] tbody tr[data-id]', (trs) =>
			trs.map((tr) => ({
				cause: tr.getAttribute('data-cause')!,
				level: tr.getAttribute('data-level')!,
				amount: Number(tr.getAttribute('data-amount'))
			}))
		);
		expect(rows.map((r) => r.cause)).toEqual(expect.arrayContaining(['payments', 'noPlan']));
		expect(rows[0]).toMatchObject({ cause: 'payments', level: 'severe', amount: 60_000_000 });
		// Dated facts show their dates (the payment's day).
		expect(
			(await member.textContent(
				'[data-testid=cases] tr[data-cause=payments] [data-testid=case-facts]'
			))!.trim()
		).toBe(`${year}-${mm}-15`);
		for (let i = 1; i < rows.length; i++) {
			const [a, b] = [rows[i - 1], rows[i]];
			const order = LEVEL_RANK[a.level] - LEVEL_RANK[b.level];
			expect(order < 0 || (order === 0 && a.amount >= b.amount)).toBe(true);
		}

		await member.click('[data-testid=cases] tr[data-cause=payments] td.summary a');
		await member.waitForSelector('[data-testid=case-findings]');
		expect(await member.textContent('[data-testid=case-facts]')).toContain(`${year}`);
		// Labels end in the full-width colon on a Chinese page.
		for (const id of ['case-amount', 'case-facts'])
			expect(await member.textContent(`[data-testid=${id}]`)).toMatch(/^\s*[^:：\s]+：\s*\S/);
		// The member reads the case without its lifecycle buttons.
		expect(await member.$('[data-testid=alert-acknowledge]')).toBeNull();
		const finding = member.locator('[data-testid=case-finding][data-rule=largePayment]');
		await finding.locator('[data-testid=alert-rows]').click();
		await member.waitForURL(`${server.url}/payments/${LARGE_ID}`);
		expect(await member.getAttribute('[data-testid=payment]', 'data-id')).toBe(LARGE_ID);
		expect(await member.getAttribute('[data-testid=payment-amount]', 'data-value')).toBe(
			'60000000.00'
		);
		// In English the payment type reads as a value (capitalised) and the level tiles as labels.
		const origin = new URL(server.url).origin;
		await member.context().addCookies([{ name: 'lang', value: 'en', url: origin }]);
		try {
			await member.reload();
			expect(await member.locator('dd', { hasText: /^\s*Authorised\s*$/ }).count()).toBe(1);
			await member.goto(`${server.url}/alerts`);
			for (const [level, label] of [
				['severe', 'Severe'],
				['warning', 'Warning'],
				['notice', 'Notice']
			])
				expect(await member.textContent(`[data-testid=alerts-${level}]`)).toContain(label);
			// The cases' level badges are labels too.
			expect(
				(await member.locator('[data-testid=cases] span.level').first().textContent())?.trim()
			).toMatch(/^(Severe|Warning|Notice)$/);
		} finally {
			await member.context().clearCookies({ name: 'lang' });
		}
		expect(memberWatch.errors).toEqual([]);
	});

	it('lists the cases in the month report of their facts, not of the day they opened', async () => {
		const inReport = async (m: number) => {
			await member.goto(`${server.url}/reports/month?year=${year}&month=${m}`);
			await member.waitForSelector('[data-testid=report-alerts], [data-testid=report-alerts-none]');
			return member.$$eval('[data-testid=report-alerts] tr[data-id]', (trs) =>
				trs.map((tr) => `${tr.getAttribute('data-cause')} ${tr.getAttribute('data-period')}`)
			);
		};
		expect(await inReport(factMonth)).toEqual(expect.arrayContaining([`payments ${year}-${mm}`]));
		// Opened today, in the month after the payments: that month's report does not list them.
		if (factMonth < month) expect(await inReport(month)).toEqual([]);
		expect(memberWatch.errors).toEqual([]);
	});
});
