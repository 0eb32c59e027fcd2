/**
 * Alerts end to end in Chromium: staff lower a threshold of 支出进度偏慢, the preview lists the alerts
 * it would open, saving opens them and an overview open elsewhere shows the new open-case count
 * within a second; the case's page explains it and staff work it; members read alerts but may not touch
 * the thresholds (403 on the page and on its form actions).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalToday, timeProgress } from '../../src/lib/domain/fiscal';
import { launchBrowser, signIn, waitForValueChange, watch } from '../support/browser';
import { recordFigure } from '../support/figures';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { Agent, setUpPrincipals } from '../support/http';
import { ADMIN_PASSWORD, postBatch, startServer, type RunningServer } from '../support/server';

describe('alerts: thresholds, preview, live count, lifecycle', () => {
	let server: RunningServer;
	let browser: Browser;
	let staffContext: BrowserContext;
	let memberContext: BrowserContext;
	let staff: Page;
	let overview: Page;
	let member: Agent;
	let staffWatch: Awaited<ReturnType<typeof watch>>;
	const today = fiscalToday('Asia/Shanghai');
	const year = Number(today.slice(0, 4));

	beforeAll(async () => {
		server = await startServer();
		const principals = await setUpPrincipals(server, ADMIN_PASSWORD);
		member = principals.agents.member;
		// 市教育局 spends 3 percentage points behind time progress: under the default 5/10/15, no alert.
		const plan = 1_000_000_000n; // fen: 1000万元
		const rate = Number(timeProgress(today, year, 6)) - 0.03;
		const executed = (plan * BigInt(Math.round(rate * 1_000_000))) / 1_000_000n;
		expect(
			(
				await postBatch(server, {
					batchId: 'a-units',
					kind: 'unit',
					records: [
						unitRecord(),
						unitRecord({ code: '122002', name: '市第一中学', parentCode: '122' })
					]
				})
			).status
		).toBe(200);
		expect(
			(
				await postBatch(server, {
					batchId: 'a-plans',
					kind: 'plan',
					records: [planRecord({ year, amount: '10000000.00' })]
				})
			).body
		).toMatchObject({ accepted: 1 });
		// Ten payments under 100万元 each, so no 大额支付 alert muddies the count.
		const parts = Array.from(
			{ length: 10 },
			(_, i) => executed / 10n + (i === 0 ? executed % 10n : 0n)
		);
		const fen = (f: bigint) => `${f / 100n}.${(f % 100n).toString().padStart(2, '0')}`;
		const paidAt = new Date(Date.now() - 3_600_000).toISOString();
		const payments = parts.map((p) => paymentRecord({ amount: fen(p), paidAt }));
		expect(
			(await postBatch(server, { batchId: 'a-pay', kind: 'payment', records: payments })).body
		).toMatchObject({ accepted: 10, rejected: [] });

		browser = await launchBrowser();
		staffContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		memberContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		staff = await staffContext.newPage();
		staffWatch = await watch(staff);
		await signIn(staff, server, 'staff1', principals.passwords.staff1);
		overview = await memberContext.newPage();
		await signIn(overview, server, 'member1', principals.passwords.member1);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('refuses a member the threshold page and its form actions, with or without JavaScript', async () => {
		expect((await member.page('/rules/paceLag')).status).toBe(403);
		expect((await member.page('/rules')).status).toBe(403);
		const save = await member.form('/rules/paceLag?/save', {
			'thresholds.notice': '1',
			'thresholds.warning': '2',
			'thresholds.severe': '3',
			fromMonth: '3',
			minPlan: '50',
			enabled: 'on'
		});
		expect(save.status).toBe(403);
		const preview = await member.action('/rules/paceLag?/preview', { 'thresholds.notice': '1' });
		expect(preview.status).toBe(403);
		expect(JSON.parse(preview.text).type).toBe('error');
		expect((await member.page('/settings/alerts')).status).toBe(403);
		// Nothing changed.
		expect((await member.page('/alerts')).status).toBe(200);
	});

	it('says which threshold is out of order instead of saving', async () => {
		await staff.goto(`${server.url}/rules/paceLag`);
		await staff.fill('[data-testid="field-thresholds.notice"]', '12');
		await staff.click('[data-testid=rule-save]');
		await staff.waitForSelector('[data-testid="error-thresholds.warning"]');
		expect(await staff.textContent('[data-testid="error-thresholds.warning"]')).toBe(
			'预警阈值必须大于提示阈值。'
		);
		expect(await staff.textContent('[data-testid=rule-history]')).toContain('还没有修改过');
	});

	it('previews the alerts a lower threshold would open, saves, and the overview elsewhere shows them within a second', async () => {
		await overview.goto(`${server.url}/`);
		await overview.waitForSelector('[data-testid=live-status][data-status=connected]');
		const before = (await overview.getAttribute('[data-testid=alert-count]', 'data-value'))!;
		// A member reads the cases list meanwhile, focus on its level filter.
		const cases = await memberContext.newPage();
		await cases.goto(`${server.url}/alerts`);
		await cases.waitForSelector('[data-testid=live-status][data-status=connected]');
		await cases.focus('select[name=level]');
		expect(await cases.textContent('[data-testid=live-announcer]')).toBe('');

		await staff.goto(`${server.url}/rules/paceLag`);
		await staff.fill('[data-testid="field-thresholds.notice"]', '2');
		await staff.click('[data-testid=rule-preview]');
		await staff.waitForSelector('[data-testid=preview]');
		const opens = Number(await staff.getAttribute('[data-testid=preview]', 'data-open'));
		expect(opens).toBeGreaterThanOrEqual(2); // at least the city and 市教育局
		const subjects = await staff.$$eval('[data-testid=preview] tr[data-action=open]', (rows) =>
			rows.map((r) => r.textContent ?? '')
		);
		expect(subjects.some((s) => s.includes('市教育局'))).toBe(true);
		expect(subjects.every((s) => s.includes('提示'))).toBe(true);
		// A preview writes nothing.
		expect(await overview.getAttribute('[data-testid=alert-count]', 'data-value')).toBe(before);
		// The form kept what was typed.
		expect(await staff.inputValue('[data-testid="field-thresholds.notice"]')).toBe('2');

		const saved = staff.waitForResponse(
			(r) => r.url().includes('?/save') && r.request().method() === 'POST'
		);
		await staff.click('[data-testid=rule-save]');
		await saved;
		const savedAt = Date.now();
		const changed = await waitForValueChange(overview, 'alert-count', before, 5000);
		recordFigure('e2e threshold-save-to-overview alert-count latency (ms)', changed.at - savedAt);
		expect(changed.at - savedAt).toBeLessThan(1000);
		// The tile counts cases: the city's and the 类's lag are context, 市教育局's lag is one new case.
		expect(Number(changed.value)).toBe(Number(before) + 1);
		// Both pages say so politely in their live regions; the reader's focus stays where it was.
		const announced = (page: Page) =>
			page.waitForFunction(
				() => document.querySelector('[data-testid=live-announcer]')?.textContent?.trim(),
				undefined,
				{ timeout: 5000 }
			);
		await announced(overview);
		expect(await overview.textContent('[data-testid=live-announcer]')).toContain(
			`未办结线索现为 ${changed.value} 条`
		);
		await announced(cases);
		const news = (await cases.textContent('[data-testid=live-announcer]'))!.trim();
		expect(news).toMatch(/^新增 1 条线索：提示，部门支出进度偏慢 市教育局/);
		expect(await cases.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('level');
		await cases.close();
		await staff.waitForSelector('[data-testid=rule-saved]');
		// The page reloads its data after the save: the change is in its history with who made it.
		await staff.waitForFunction(
			() => document.querySelector('[data-testid=rule-history]')?.textContent?.includes('staff1'),
			undefined,
			{ timeout: 3000 }
		);
		const history = await staff.textContent('[data-testid=rule-history]');
		expect(history).toMatch(/5 \/ 10 \/ 15\s*→\s*2 \/ 10 \/ 15/);
	});

	it('lists the new case, explains it, and lets staff work it with a note', async () => {
		await staff.goto(`${server.url}/alerts?cause=spendingBehind`);
		const rows = await staff.$$('[data-testid=cases] tr[data-cause=spendingBehind]');
		expect(rows.length).toBe(1);
		await staff.click(
			'[data-testid=cases] tr[data-cause=spendingBehind] td.summary a >> text=/市教育局/'
		);
		await staff.waitForSelector('[data-testid=explanation]');
		expect(await staff.textContent('[data-testid=alert-formula]')).toBe('序时进度 − 执行率');
		expect(await staff.getAttribute('[data-testid=alert-threshold]', 'data-value')).toBe('2');
		const inputs = await staff.textContent('[data-testid=alert-inputs]');
		expect(inputs).toContain('1,000.00万元'); // 预算数 1000万元, shown in 万元 with the unit
		expect(await staff.getAttribute('[data-testid=alert-rows] >> nth=0', 'href')).toMatch(
			/^\/departments\/122/
		);
		expect(await staff.textContent('[data-testid=alert-meta]')).toContain('待核实');

		// 已反馈 needs a note.
		await staff.click('[data-testid=alert-acknowledge]');
		await staff.waitForSelector('[data-testid=alert-problem]');
		expect(await staff.textContent('[data-testid=alert-problem]')).toContain('请填写说明');
		await staff.fill('[data-testid=alert-note]', '已与市教育局核实：校舍工程款12月集中支付');
		await staff.click('[data-testid=alert-acknowledge]');
		await staff.waitForFunction(() =>
			document.querySelector('[data-testid=alert-meta]')?.textContent?.includes('已反馈')
		);
		const history = await staff.textContent('[data-testid=alert-history]');
		expect(history).toContain('staff1');
		expect(history).toContain('待核实 → 已反馈');
		expect(history).toContain('校舍工程款12月集中支付');
		// A member reads the same page without the lifecycle form.
		const id = new URL(staff.url()).pathname.split('/').pop()!;
		const memberView = await member.page(`/alerts/${id}`);
		expect(memberView.status).toBe(200);
		expect(memberView.text).not.toContain('data-testid="alert-acknowledge"');
		expect((await member.action(`/alerts/${id}?/resolve`, { note: 'x' })).status).toBe(403);
		expect(await staffWatch.violations()).toEqual([]);
		expect(staffWatch.errors).toEqual([]);
	});

	it('reverts the threshold change and closes the alerts it opened', async () => {
		await staff.goto(`${server.url}/rules/paceLag`);
		const before = (await overview.getAttribute('[data-testid=alert-count]', 'data-value'))!;
		const first = await staff.$('[data-testid=rule-history] tr[data-change] button');
		await first!.click();
		await staff.waitForSelector('[data-testid=rule-saved]');
		const after = await waitForValueChange(overview, 'alert-count', before, 5000);
		expect(Number(after.value)).toBeLessThan(Number(before));
		// The form shows the restored thresholds once the page has reloaded its data.
		await staff.waitForFunction(
			() =>
				(
					document.querySelector(
						'[data-testid="field-thresholds.notice"]'
					) as HTMLInputElement | null
				)?.value === '5',
			undefined,
			{ timeout: 3000 }
		);
		// Audit log entries read as sentences of the admin's language.
		const admin = new Agent(server);
		await admin.signIn('admin', ADMIN_PASSWORD);
		const audit = (await admin.page('/admin/audit?area=rule')).text;
		expect(audit).toContain('修改预警阈值');
		expect(audit).toContain('恢复预警阈值');
	});
});
