/**
 * Chinese by default, English on request, and each page carries only its own language's strings:
 * the other language is neither in the page's JavaScript nor in its data.
 */
import { describe, expect, it } from 'vitest';
import { demoAssetReports } from '../../src/lib/demo/assets';
import { referenceCodes } from '../../src/lib/domain/reference-codes';
import { signIn, useServerAndBrowser, watch } from '../support/browser';
import { useLastYearCity, Y } from '../support/last-year-city';
import { postBatch } from '../support/server';

describe('the interface language', () => {
	const suite = useServerAndBrowser();

	it('switches from Chinese to English and back, and ships only the strings of the language shown', async () => {
		const { server, browser } = suite;
		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		const page = await context.newPage();
		const w = await watch(page);
		const scripts: string[] = [];
		page.on('response', async (r) => {
			if (new URL(r.url()).pathname.endsWith('.js')) scripts.push(await r.text().catch(() => ''));
		});
		await signIn(page, server);
		await page.waitForLoadState('networkidle');
		const nav = () => page.locator('header nav').innerText();
		expect(await nav()).toContain('总览');
		const html = await page.content();
		// An English-only string (the sign-out button's label) is neither in the page nor in its scripts.
		expect(html).not.toContain('Sign out');
		expect(scripts.length).toBeGreaterThan(3);
		expect(scripts.filter((s) => s.includes('Sign out'))).toEqual([]);
		await page.getByRole('button', { name: 'English' }).click();
		await page.waitForFunction(() =>
			document.querySelector('header nav')?.textContent?.includes('Overview')
		);
		expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
		expect(await page.locator('[data-testid=kpi-plan]').count()).toBe(1);
		await page.getByRole('button', { name: '中文' }).click();
		await page.waitForFunction(() =>
			document.querySelector('header nav')?.textContent?.includes('总览')
		);
		expect(w.errors).toEqual([]);
		expect(await w.violations()).toEqual([]);
		await context.close();
	});
});

/** Han characters and CJK or full-width punctuation. */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/**
 * English pages say everything in English except data the app has no English for: the names of
 * departments, units, projects, payees, purposes and asset entities as received, and the names of
 * classification codes the code table has no English name for. The test removes those names from
 * the page's text (the seal 钱 is aria-hidden, the switch 中文 is marked lang="zh-CN") and expects
 * no Chinese character and no full-width punctuation left.
 */
describe('English pages', () => {
	const city = useLastYearCity();

	it('have no Chinese in their interface text, only in names that have no English', async () => {
		const { page, server } = city;
		// demoAssetReports(y) reports the period y - 1: annual reports for Y - 1 and Y.
		for (const y of [Y, Y + 1]) {
			const res = await postBatch(server, {
				batchId: `e2e-lang-assets-${y}`,
				kind: 'asset',
				records: demoAssetReports(y)
			});
			expect(res.body).toMatchObject({ rejected: [] });
		}
		const names = [
			...new Set([
				'市教育局',
				'市第一中学',
				'市第二中学',
				'市水利和湖泊局（本级）',
				'市水利和湖泊局',
				'校舍维修改造',
				...city.payments.flatMap((p) => {
					const r = p as unknown as Record<string, string>;
					return [r.payee, r.purpose];
				}),
				...demoAssetReports(Y).map((r) => r.entityName),
				...referenceCodes.filter((c) => !c.nameEn).map((c) => c.name)
			])
		]
			.filter(Boolean)
			// Longest first, so a name inside a longer one does not leave the longer one's rest behind.
			.sort((a, b) => b.length - a.length);

		await page.goto(`${server.url}/?year=${Y}`);
		await Promise.all([
			page.waitForURL(/\/\?year=/),
			page.getByRole('button', { name: 'English' }).click()
		]);
		expect(await page.getAttribute('html', 'lang')).toBe('en');
		// A Latin font first: the CJK fonts draw the apostrophe of "People’s" full-width.
		const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
		expect(font).toMatch(/^"?Helvetica Neue"?, Arial/);

		for (const path of [
			`/?year=${Y}`,
			`/functions?year=${Y}`,
			`/functions/205?year=${Y}`,
			// Codes named from the ledger's rows and from a department's lines, in English.
			`/departments/122?year=${Y}`,
			`/payments?year=${Y}`,
			`/reports/month?year=${Y}&month=12`,
			`/assets?year=${Y}`,
			`/assets/report?year=${Y}`,
			// The default subject profiles' notes (seeded in Chinese) in English.
			'/rules/paceLag/profiles',
			'/rules/largePayment/profiles'
		]) {
			await page.goto(`${server.url}${path}`);
			await page.waitForLoadState('networkidle');
			const text = await page.evaluate(() => {
				const copy = document.body.cloneNode(true) as HTMLElement;
				copy
					.querySelectorAll('script, style, [aria-hidden="true"], [lang|="zh"]')
					.forEach((e) => e.remove());
				return copy.textContent ?? '';
			});
			let rest = text;
			for (const name of names) rest = rest.split(name).join('');
			// Each Chinese run left, with a little of its context.
			const left = [...rest.matchAll(new RegExp(`.{0,24}${CJK.source}+.{0,24}`, 'g'))].map(
				(m) => m[0]
			);
			expect({ path, left }).toEqual({ path, left: [] });
		}

		// The rules list: each value apart from its unit word ("50 10k yuan", never "5010k yuan").
		await page.goto(`${server.url}/rules`);
		const rules = page.locator('[data-testid=rules]');
		expect(await rules.locator('tr[data-rule=largePayment]').innerText()).toContain(
			'100 / 500 / 5000 10k yuan'
		);
		expect(await rules.innerText()).not.toMatch(/\d(10k yuan|days|pp)\b/);

		// The month report's charts are images of SVG: the class names in them are English too.
		await page.goto(`${server.url}/reports/month?year=${Y}&month=12`);
		const src = await page.getAttribute(
			'[data-testid=month-report] img[alt="Execution by function class"]',
			'src'
		);
		const svg = Buffer.from(
			(src ?? '').replace(/^data:image\/svg\+xml;base64,/, ''),
			'base64'
		).toString();
		expect(svg).toContain('205 Education');
		expect(svg).not.toContain('教育支出');
		// Subject profile changes in the audit log: a default note reads in English, staff's own as written.
		const saveProfile = async (prefix: string, note: string, remove: boolean) => {
			await page.goto(`${server.url}/rules/largePayment/profiles`);
			await page.selectOption('[data-testid=profile-kind]', 'econ');
			await page.fill('[data-testid=profile-prefix]', prefix);
			await page.fill('input[name=note]', note);
			if (remove) await page.check('input[name=remove]');
			await page.click('[data-testid=profile-save]');
			await page.waitForSelector('[data-testid=profile-saved]');
		};
		await saveProfile('303', '', true);
		await saveProfile('301', '工资另行核对', false);
		await page.goto(`${server.url}/admin/audit?area=rule`);
		const details = await page
			.locator('tr[data-action="rule.profile_changed"] td.detail')
			.allInnerTexts();
		expect(details).toEqual([
			'Large payment · subject profile (Economic 301): Excluded → Excluded · Why: 301 Wages and benefits: paid in routine monthly runs → 工资另行核对',
			expect.stringMatching(
				/^Large payment · subject profile \(Economic 303\): Excluded → none · Why: 303 Subsidies to individuals and households: /
			)
		]);
		expect(details[1]).not.toMatch(CJK);

		// Back to Chinese: the same section reads 一、 and the gap names 个百分点.
		await page.goto(`${server.url}/reports/month?year=${Y}&month=12`);
		await page.getByRole('button', { name: '中文' }).click();
		await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
		expect(await page.locator('[data-testid=month-report] h2').first().innerText()).toMatch(
			/^一、/
		);
		expect(await page.textContent('[data-testid="report-gap"]')).toMatch(/个百分点（/);
		// A table's gap column names its unit: points, not the table's 万元.
		expect(await page.locator('[data-testid=report-gaps] thead').innerText()).toContain(
			'偏差（百分点）'
		);
	});
});
