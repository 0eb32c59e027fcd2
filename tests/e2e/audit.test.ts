/**
 * Audit rectification end to end in Chromium: the demo audit year and one finding due yesterday
 * arrive as `audit` records; staff record a rectification on a finding's page and a member's open
 * /audit page shows it within a second; the overdue finding is on /alerts; the December summary
 * prints on A4. SCREENSHOTS=1 writes docs/screenshots/audit*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCity, demoAuditFindings, demoAuditRecords } from '../../src/lib/demo';
import { fiscalToday } from '../../src/lib/domain/fiscal';
import { launchBrowser, signIn, waitForValueChange, watch } from '../support/browser';
import { recordFigure } from '../support/figures';
import { setUpPrincipals } from '../support/http';
import { ADMIN_PASSWORD, postBatch, startServer, type RunningServer } from '../support/server';

const shots = process.env.SCREENSHOTS === '1';

/** The day before a fiscal date. */
function dayBefore(date: string): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() - 1);
	return d.toISOString().slice(0, 10);
}

describe('audit rectification in the browser', () => {
	let server: RunningServer;
	let browser: Browser;
	let staff: Page;
	let member: Page;
	const today = fiscalToday('Asia/Shanghai');
	const year = Number(today.slice(0, 4));
	const auditYear = year - 1;
	const editable = demoAuditFindings(year).find((f) => f.status === 'partial' && f.amount)!;

	beforeAll(async () => {
		server = await startServer();
		const principals = await setUpPrincipals(server, ADMIN_PASSWORD);
		const units = buildDemoCity(year).units;
		expect((await postBatch(server, { batchId: 'u', kind: 'unit', records: units })).status).toBe(
			200
		);
		const late = {
			id: 'LATE-1',
			year: auditYear,
			unitName: '市教育局',
			category: '专项资金管理使用不规范',
			description: '专项资金闲置超过一年未使用',
			amount: '2000000.00',
			type: 'immediate',
			dueDate: dayBefore(today),
			status: 'open'
		};
		const ack = await postBatch(server, {
			batchId: 'audit',
			kind: 'audit',
			records: [...demoAuditRecords(year), late]
		});
		expect(ack.body).toMatchObject({ accepted: 57, rejected: [] });
		browser = await launchBrowser();
		const viewport = { width: 1600, height: 1000 };
		staff = await (await browser.newContext({ viewport })).newPage();
		member = await (await browser.newContext({ viewport })).newPage();
		await signIn(staff, server, 'staff1', principals.passwords.staff1);
		await signIn(member, server, 'member1', principals.passwords.member1);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('shows the year’s headline figures with exact values', async () => {
		const w = await watch(member);
		await member.goto(`${server.url}/audit?year=${auditYear}`);
		expect(await member.getAttribute('[data-testid=audit-findings]', 'data-value')).toBe('57');
		expect(
			Number(await member.getAttribute('[data-testid=audit-overdue]', 'data-value'))
		).toBeGreaterThan(0);
		const amount = await member.getAttribute('[data-testid=audit-amount]', 'data-value');
		expect(amount).toMatch(/^\d+\.\d{2}$/);
		expect(await member.getAttribute('[data-testid=audit-rate]', 'data-value')).toMatch(
			/^0\.\d{4}$/
		);
		// Findings are a period's, not a moment's: the line says when they last arrived, not "data as of".
		expect(await member.textContent('[data-testid=freshness]')).toMatch(/^\s*最近接收 \d+月\d+日 /);
		expect(await member.locator('[data-testid=audit-by-unit] tbody tr').count()).toBeGreaterThan(
			14
		);
		expect(await member.locator('[data-testid=finding-form]').count()).toBe(0);
		expect(await w.violations()).toEqual([]);
		expect(w.errors).toEqual([]);
		if (shots) await member.screenshot({ path: 'docs/screenshots/audit.png', fullPage: true });
	});

	it('in English at 1280 px the by-unit and by-category tables fit the page, one under the other', async () => {
		// The member's session in a context of its own, so the other tests keep reading Chinese.
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		try {
			await context.addCookies([
				...(await member.context().cookies()),
				{ name: 'lang', value: 'en', url: server.url }
			]);
			await page.goto(`${server.url}/audit?year=${auditYear}`);
			await page.waitForSelector('[data-testid=audit-by-category]');
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				1280
			);
			const [unit, category] = await Promise.all(
				['audit-by-unit', 'audit-by-category'].map((id) =>
					page.locator(`[data-testid=${id}]`).boundingBox()
				)
			);
			expect(category!.y).toBeGreaterThan(unit!.y + unit!.height);
		} finally {
			await context.close();
		}
	});

	it('staff record a rectification; the member’s open page follows within a second', async () => {
		await member.waitForSelector('[data-testid=live-status][data-status=connected]');
		const before = (await member.getAttribute('[data-testid=audit-rectified]', 'data-value'))!;
		const amountBefore = (await member.getAttribute(
			'[data-testid=audit-amount-rectified]',
			'data-value'
		))!;
		const memberUrl = member.url();
		await staff.goto(`${server.url}/audit/${encodeURIComponent(editable.id)}`);
		await staff.selectOption('select[name=status]', 'done');
		await staff.fill('input[name=amountRectified]', editable.amount!);
		await staff.fill('textarea[name=measures]', '已追回资金并缴入国库');
		const saved = staff.waitForResponse(
			(r) => r.url().includes('?/update') && r.request().method() === 'POST'
		);
		const sent = Date.now();
		await staff.click('[data-testid=finding-save]');
		await saved;
		const savedAt = Date.now();
		const changed = await waitForValueChange(member, 'audit-rectified', before, 5000);
		recordFigure('e2e audit save-to-member-page latency (ms)', changed.at - savedAt);
		recordFigure('e2e audit click-to-member-page latency (ms)', changed.at - sent);
		expect(changed.at - savedAt).toBeLessThan(1000);
		expect(Number(changed.value)).toBe(Number(before) + 1);
		// The amount rectified moved by exactly what was recorded, to the 分, without a reload.
		const fen = (y: string) => BigInt(y.replace('.', ''));
		const expected =
			fen(amountBefore) + fen(editable.amount!) - fen(editable.amountRectified ?? '0.00');
		await member.waitForFunction(
			(v) =>
				document
					.querySelector('[data-testid=audit-amount-rectified]')
					?.getAttribute('data-value') === v,
			`${expected / 100n}.${(expected % 100n).toString().padStart(2, '0')}`,
			{ timeout: 2000 }
		);
		expect(member.url()).toBe(memberUrl);
		await staff.waitForSelector('[data-testid=finding-saved]');
		// The page reloads its data after the save: wait for the finding's new status.
		await staff.waitForSelector('[data-testid=finding-status][data-value=done]', { timeout: 5000 });
		// The form after the save shows the finding as it is now: fields not edited keep their text.
		expect(await staff.inputValue('textarea[name=accountability]')).toBe(
			editable.accountability ?? ''
		);
		expect(await staff.inputValue('textarea[name=measures]')).toBe('已追回资金并缴入国库');
		expect(await staff.inputValue('input[name=amountRectified]')).toBe(editable.amount);
		const history = await staff.textContent('[data-testid=finding-history]');
		expect(history).toContain('staff1');
		expect(history).toMatch(/部分整改 → 已整改/);
		if (shots)
			await staff.screenshot({ path: 'docs/screenshots/audit-finding.png', fullPage: true });
	});

	it('a member may not change a finding', async () => {
		const res = await member.request.post(
			`${server.url}/audit/${encodeURIComponent(editable.id)}?/update`,
			{ form: { status: 'partial' }, headers: { origin: server.url } }
		);
		expect(res.status()).toBe(403);
	});

	it('the overdue finding is a case on /alerts, linking to the finding', async () => {
		await member.goto(`${server.url}/alerts`);
		// LATE-1 is the only finding of 200万元 due yesterday: one case, a warning (≥ 100万元) on
		// its first day late.
		const row = member.locator('[data-testid=cases] tr[data-cause=auditOverdue]', {
			hasText: '市教育局'
		});
		const late = row.and(member.locator('[data-amount="2000000.00"]'));
		await late.first().waitFor();
		expect(await late.count()).toBe(1);
		expect(await late.getAttribute('data-level')).toBe('warning');
		expect(await late.getAttribute('data-status')).toBe('open');
		await late.locator('td.rule a').click();
		await member.waitForSelector('[data-testid=alert-rows]');
		expect(await member.getAttribute('[data-testid=alert-rows]', 'href')).toBe('/audit/LATE-1');
	});

	it('a department’s page links to its findings of the latest audit year', async () => {
		const dept = buildDemoCity(year).units.find((u) => u.name === '市教育局')!;
		await member.goto(`${server.url}/departments/${dept.code}`);
		const link = member.locator('a[data-testid=dept-audit-link]');
		const text = (await link.textContent())!;
		const [, n, m] = /(\d+) 个问题，其中 (\d+) 个/.exec(text)!;
		expect(text).toContain(`${auditYear} 年度`);
		expect(await link.getAttribute('href')).toBe(`/audit?year=${auditYear}&dept=${dept.code}`);
		await link.click();
		await member.waitForURL(/\/audit\?year=\d+&dept=/);
		// LATE-1 is one of them, and it is not rectified.
		expect(Number(n)).toBeGreaterThanOrEqual(1);
		expect(Number(m)).toBeGreaterThanOrEqual(1);
		expect(await member.getAttribute('[data-testid=audit-findings]', 'data-value')).toBe(n);
		const rectified = Number(
			await member.getAttribute('[data-testid=audit-rectified]', 'data-value')
		);
		expect(Number(n) - rectified).toBe(Number(m));
		expect(await member.textContent('[data-testid=audit-findings-list]')).toContain('LATE-1');
	});

	it('the December summary prints on A4', async () => {
		await member.goto(`${server.url}/reports/audit?year=${auditYear}`);
		await member.waitForSelector('[data-testid=audit-report]');
		expect(await member.textContent('[data-testid=report-overdue]')).toContain('LATE-1');
		expect(await member.textContent('[data-testid=report-closed]')).toContain(editable.id);
		// The page's own print CSS (@page size A4) sets the paper: no format is forced here.
		const pdf = await member.pdf({ preferCSSPageSize: true, printBackground: true });
		const text = pdf.toString('latin1');
		const pages = text.match(/\/Type\s*\/Page(?!s)/g) ?? [];
		expect(pages.length).toBeGreaterThanOrEqual(1);
		expect(pages.length).toBeLessThanOrEqual(6);
		// A4 is 595.28 × 841.89 points; Chromium writes its MediaBox rounded (595.92 × 842.88).
		const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
		expect(boxes.length).toBeGreaterThan(0);
		for (const b of boxes) {
			expect(Math.abs(Number(b[1]) - 595.28)).toBeLessThan(1.5);
			expect(Math.abs(Number(b[2]) - 841.89)).toBeLessThan(1.5);
		}
		// Printed, the app's header and the sheet's shadow are gone; the sheet is A4 wide (794 px).
		await member.emulateMedia({ media: 'print' });
		await member.setViewportSize({ width: 794, height: 1123 });
		expect(await member.locator('header.top').isVisible()).toBe(false);
		if (shots)
			await member.screenshot({ path: 'docs/screenshots/audit-report-print.png', fullPage: true });
		await member.emulateMedia({ media: 'screen' });
	});
});
