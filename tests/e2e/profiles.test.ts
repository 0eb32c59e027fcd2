/**
 * Subject profiles end to end in Chromium: 市教育局's 227 预备费 line, untouched, is left out of
 * 支出进度偏慢 by the seeded profile; staff remove that profile, the preview counts the findings and
 * cases that would open, and after saving an overview open elsewhere shows the new alert count live.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalToday, timeProgress } from '../../src/lib/domain/fiscal';
import { launchBrowser, signIn, waitForValueChange } from '../support/browser';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { setUpPrincipals } from '../support/http';
import { ADMIN_PASSWORD, postBatch, startServer, type RunningServer } from '../support/server';

describe('subject profiles: edit, preview in findings and cases, live count', () => {
	let server: RunningServer;
	let browser: Browser;
	let staffContext: BrowserContext;
	let memberContext: BrowserContext;
	let staff: Page;
	let overview: Page;
	const today = fiscalToday('Asia/Shanghai');
	const year = Number(today.slice(0, 4));

	beforeAll(async () => {
		server = await startServer();
		const principals = await setUpPrincipals(server, ADMIN_PASSWORD);
		await postBatch(server, { batchId: 'p-units', kind: 'unit', records: [unitRecord()] });
		// A 205 line spent exactly on time, and a reserve (预备费) line nobody touched.
		const plans = [
			planRecord({ year, funcCode: '2050202', amount: '10000000.00' }),
			planRecord({ year, funcCode: '2279901', amount: '8000000.00' })
		];
		expect(
			(await postBatch(server, { batchId: 'p-plans', kind: 'plan', records: plans })).body
		).toMatchObject({ accepted: 2 });
		const rate = Number(timeProgress(today, year, 6));
		const fen = BigInt(Math.round(rate * 1_000_000_000)); // of 1000万元, in fen
		const parts = Array.from({ length: 10 }, (_, i) => fen / 10n + (i === 0 ? fen % 10n : 0n));
		const yuan = (f: bigint) => `${f / 100n}.${(f % 100n).toString().padStart(2, '0')}`;
		const paidAt = new Date(Date.now() - 3_600_000).toISOString();
		const payments = parts.map((p) => paymentRecord({ amount: yuan(p), paidAt }));
		expect(
			(await postBatch(server, { batchId: 'p-pay', kind: 'payment', records: payments })).body
		).toMatchObject({ accepted: 10 });

		browser = await launchBrowser();
		staffContext = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
		memberContext = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
		staff = await staffContext.newPage();
		await signIn(staff, server, 'staff1', principals.passwords.staff1);
		overview = await memberContext.newPage();
		await signIn(overview, server, 'member1', principals.passwords.member1);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('lists the seeded profiles of 支出进度偏慢', async () => {
		await staff.goto(`${server.url}/rules/paceLag`);
		await staff.click('[data-testid=rule-profiles-link]');
		await staff.waitForSelector('[data-testid=profiles]');
		expect(await staff.getAttribute('[data-testid=profile-func-227]', 'data-value')).toBe(
			'excluded'
		);
		expect(await staff.getAttribute('[data-testid=profile-func-232]', 'data-value')).toBe(
			'schedule'
		);
		await staff.screenshot({ path: 'docs/screenshots/rule-profiles.png', fullPage: true });
	});

	it('edits a profile from its row: the form holds it as stored, and saving it unchanged keeps its note', async () => {
		await staff.goto(`${server.url}/rules/paceLag/profiles`);
		const row = '[data-testid=profile-func-232]';
		const note = (await staff.textContent(`${row} td.note`))!.trim();
		expect(note.length).toBeGreaterThan(0);
		await staff.click('[data-testid=profile-edit-func-232]');
		await staff.waitForURL(/[?&]edit=func(:|%3A)232/);
		expect(await staff.inputValue('[data-testid=profile-kind]')).toBe('func');
		expect(await staff.inputValue('[data-testid=profile-prefix]')).toBe('232');
		expect(await staff.inputValue('[data-testid=profile-mode]')).toBe('schedule');
		expect(await staff.inputValue('input[name=note]')).toBe(note);

		const saved = staff.waitForResponse(
			(r) => r.url().includes('?/save') && r.request().method() === 'POST'
		);
		await staff.click('[data-testid=profile-save]');
		await saved;
		await staff.waitForSelector('[data-testid=profile-saved]');
		expect(await staff.getAttribute(row, 'data-value')).toBe('schedule');
		expect((await staff.textContent(`${row} td.note`))!.trim()).toBe(note);
	});

	it('previews the findings and cases removing the reserve profile would open, saves, and the overview elsewhere changes live', async () => {
		await overview.goto(`${server.url}/`);
		await overview.waitForSelector('[data-testid=live-status][data-status=connected]');
		const before = (await overview.getAttribute('[data-testid=alert-count]', 'data-value'))!;

		await staff.goto(`${server.url}/rules/paceLag/profiles`);
		await staff.selectOption('[data-testid=profile-kind]', 'func');
		await staff.fill('[data-testid=profile-prefix]', '227');
		await staff.check('input[name=remove]');
		await staff.click('[data-testid=profile-preview]');
		await staff.waitForSelector('[data-testid=profile-preview-result]');
		const [opens] = (await staff.getAttribute('[data-testid=preview-findings]', 'data-value'))!
			.split('/')
			.map(Number);
		const [caseOpens] = (await staff.getAttribute('[data-testid=preview-cases]', 'data-value'))!
			.split('/')
			.map(Number);
		// The city, the 227 class and 市教育局 fall behind; only the department is a case to work.
		expect(opens).toBeGreaterThanOrEqual(2);
		expect(caseOpens).toBe(1);
		await staff.screenshot({ path: 'docs/screenshots/rule-profiles-preview.png', fullPage: true });
		// A preview writes nothing.
		expect(await overview.getAttribute('[data-testid=alert-count]', 'data-value')).toBe(before);

		const saved = staff.waitForResponse(
			(r) => r.url().includes('?/save') && r.request().method() === 'POST'
		);
		await staff.click('[data-testid=profile-save]');
		await saved;
		const changed = await waitForValueChange(overview, 'alert-count', before, 5000);
		expect(Number(changed.value)).toBeGreaterThan(Number(before));
		await staff.waitForSelector('[data-testid=profile-saved]');
		await staff.waitForSelector('[data-testid=profile-history]');
		expect(await staff.$('[data-testid=profile-func-227]')).toBeNull();
	});
});
