/**
 * Every page for everyone: each route of the route tree, opened in Chromium as each signed-in role
 * (and the wall as a display), is scanned by axe-core (WCAG 2.1 A/AA rules) and fails on a serious
 * or critical violation; then opened at a phone (390×844) and a tablet (768×1024) size, and as a
 * 1280×800 laptop zoomed to 200% (640×400 CSS px), where it must not scroll sideways and every key
 * figure (`data-testid` with `data-value`) must be on screen horizontally. Route-tree driven, so a new page is checked without anyone listing it.
 */
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { Agent, setUpPrincipals } from '../support/http';
import { layoutProblems, open, scan } from '../support/page-checks';
import { pathOf, scanRoutes } from '../support/routes';
import { SAMPLE_PARAMS, seedSampleRecords } from '../support/samples';
import { ADMIN_PASSWORD, startServer, type RunningServer } from '../support/server';

/** Routes that are not pages a signed-in person reads (sign-in flow, language switch, claiming). */
const NOT_READ = new Set(['/login', '/logout', '/lang', '/display/claim']);
const SIZES = [
	{ name: 'phone', width: 390, height: 844, mobile: true, scale: 1 },
	{ name: 'tablet', width: 768, height: 1024, mobile: true, scale: 1 },
	// A 1280×800 laptop with text at 200%: half the CSS pixels at twice the density.
	{ name: 'laptop at 200% zoom', width: 640, height: 400, mobile: false, scale: 2 }
];

interface Finding {
	role: string;
	path: string;
	what: string;
}

function pagePaths(): string[] {
	return scanRoutes()
		.filter((node) => node.page)
		.map((node) => pathOf(node, SAMPLE_PARAMS))
		.filter((path) => !NOT_READ.has(path) && path !== '/wall');
}

/** A browser context signed in as `agent`: a 1280×900 screen unless `options` say otherwise. */
async function contextFor(
	browser: Browser,
	server: RunningServer,
	agent: Agent,
	options: BrowserContextOptions = { viewport: { width: 1280, height: 900 } }
) {
	const context = await browser.newContext(options);
	const { hostname } = new URL(server.url);
	await context.addCookies(
		[...agent.cookies].map(([name, value]) => ({ name, value, domain: hostname, path: '/' }))
	);
	return context;
}

/** A phone, held in the hand. */
const PHONE: BrowserContextOptions = {
	viewport: { width: 390, height: 844 },
	hasTouch: true,
	isMobile: true
};

describe('every page for everyone', () => {
	let server: RunningServer;
	let browser: Browser;
	let agents: Awaited<ReturnType<typeof setUpPrincipals>>['agents'];

	beforeAll(async () => {
		server = await startServer();
		browser = await launchBrowser();
		await seedSampleRecords(server);
		({ agents } = await setUpPrincipals(server, ADMIN_PASSWORD));
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it(
		'has no serious or critical accessibility violation on any page, for any role',
		{ timeout: 900_000 },
		async () => {
			const paths = pagePaths();
			const findings: Finding[] = [];
			let scanned = 0;
			for (const role of ['member', 'staff', 'admin'] as const) {
				const context = await contextFor(browser, server, agents[role]);
				for (const path of paths) {
					const violations = await scan(context, server.url + path);
					if (violations === null) continue;
					scanned++;
					for (const what of violations) findings.push({ role, path, what });
				}
				await context.close();
			}
			const display = await contextFor(browser, server, agents.display);
			const wall = await scan(display, `${server.url}/wall`);
			await display.close();
			expect(wall, 'the wall opens for a display').not.toBeNull();
			for (const what of wall!) findings.push({ role: 'display', path: '/wall', what });
			expect(scanned, 'pages scanned').toBeGreaterThan(paths.length);
			expect(findings.map((f) => `${f.role} ${f.path}: ${f.what}`)).toEqual([]);
		}
	);

	it('fits a phone with the page that refuses a member a staff page', async () => {
		const context = await contextFor(browser, server, agents.member, PHONE);
		const page = await context.newPage();
		const res = await page.goto(`${server.url}/rules`);
		expect(res?.status()).toBe(403);
		const { width, link } = await page.evaluate(() => ({
			width: document.documentElement.scrollWidth,
			link: document.querySelector('a')!.getBoundingClientRect().height
		}));
		await context.close();
		expect(width).toBeLessThanOrEqual(390);
		expect(link).toBeGreaterThanOrEqual(24);
	});

	it('shows a phone what each payment is: the ledger’s amounts on screen, the large payments’ lines whole', async () => {
		const context = await contextFor(browser, server, agents.member, PHONE);
		const page = await context.newPage();
		// The amount is the ledger's sixth column, off a phone's screen: it is repeated under the time.
		expect(await open(page, `${server.url}/payments`)).toBe(true);
		const amounts = await page
			.locator('[data-testid=phone-amount]')
			.evaluateAll((els) =>
				els.map((e) => ({ text: e.textContent!.trim(), box: e.getBoundingClientRect() }))
			);
		expect(amounts.map((a) => a.text.replace(/\s+/g, ' '))).toContain('1,200,000.00 元');
		for (const { box } of amounts) {
			expect(box.width).toBeGreaterThan(0);
			expect(box.right).toBeLessThanOrEqual(390);
		}
		// The overview's large payments: the line under each (time · purpose) wraps, not cut to a word.
		expect(await open(page, `${server.url}/`)).toBe(true);
		const lines = page.locator('[data-testid=ticker] li small');
		expect(await lines.count()).toBeGreaterThan(0);
		const cut = await lines.evaluateAll((els) =>
			els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent)
		);
		await context.close();
		expect(cut).toEqual([]);
	});

	it('keeps the top menu to one row on a laptop and a desktop, in both languages, for every role, beside the controls without overlap', async () => {
		const { hostname } = new URL(server.url);
		const found: string[] = [];
		for (const role of ['member', 'staff', 'admin'] as const)
			for (const lang of ['en', 'zh'])
				for (const width of [1280, 1700, 1920]) {
					const viewport = { width, height: 800 };
					const context = await contextFor(browser, server, agents[role], { viewport });
					await context.addCookies([{ name: 'lang', value: lang, domain: hostname, path: '/' }]);
					const page = await context.newPage();
					await open(page, `${server.url}/functions`);
					const { rows, entries, problems } = await page.evaluate(() => {
						const nav = document.querySelector('header nav')!;
						const links = [...nav.querySelectorAll('a')];
						const problems: string[] = [];
						// The bar's parts (product name, menu, controls) and the controls one by one.
						const parts = [
							...document.querySelectorAll<HTMLElement>('header.top > *, header .right > *')
						].filter((el) => el.getBoundingClientRect().width > 0 && !el.matches('.right'));
						parts.forEach((a, i) =>
							parts.slice(i + 1).forEach((b) => {
								const [r, q] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
								const apart = r.right <= q.left + 1 || q.right <= r.left + 1;
								if (!apart && r.top < q.bottom - 1 && q.top < r.bottom - 1)
									problems.push(`${a.className || a.tagName} overlaps ${b.className || b.tagName}`);
							})
						);
						// A label cut off: wider than its link, or past the screen's edge.
						for (const a of links)
							if (a.scrollWidth > a.clientWidth + 1 || a.getBoundingClientRect().right > innerWidth)
								problems.push(`"${a.textContent!.trim()}" cut off`);
						// Rows of the menu: its height over one entry's (rows are an entry tall, a hair apart).
						const rows =
							nav.getBoundingClientRect().height / links[0].getBoundingClientRect().height;
						return { rows: Math.round(rows), entries: links.length, problems };
					});
					await context.close();
					if (rows > 1) problems.push(`${entries} entries in ${rows} rows`);
					found.push(...problems.map((what) => `${role} ${lang} ${width}: ${what}`));
				}
		// 1280 and 1700 px: the menu in a row of its own under the name and the controls (in English up
		// to 1859 px); 1920 px: beside them.
		expect(found).toEqual([]);
	});

	// The printed reports' charts, each drawn for a phone as well as for the A4 sheet (CSS px wide).
	for (const report of [
		{ name: 'month report', path: '/reports/month', testid: 'month-report', sheet: 680 },
		{ name: 'asset report', path: '/assets/report', testid: 'asset-report', sheet: 640 }
	])
		it(`draws the ${report.name}’s charts for a phone: within the screen, type at its drawn size; prints its tables across the sheet`, async () => {
			const context = await contextFor(browser, server, agents.member, PHONE);
			const page = await context.newPage();
			expect(await open(page, `${server.url}${report.path}`)).toBe(true);
			const charts = () =>
				page.evaluate(
					(testid) =>
						[
							...document.querySelectorAll<HTMLImageElement>(`[data-testid=${testid}] figure img`)
						].map((img) => {
							const rect = img.getBoundingClientRect();
							const figure = img.closest('figure')!;
							return {
								left: Math.round(rect.left),
								right: Math.round(rect.right),
								// How far the drawing is shrunk: its shown width over its drawn width.
								scale: Math.round((rect.width / img.naturalWidth) * 100) / 100,
								drawn: img.naturalWidth,
								overflows: figure.scrollWidth > figure.clientWidth + 1
							};
						}),
					report.testid
				);
			const onPhone = await charts();
			expect(onPhone.length).toBeGreaterThan(0);
			for (const chart of onPhone) {
				expect(chart.left).toBeGreaterThanOrEqual(0);
				expect(chart.right).toBeLessThanOrEqual(390);
				expect(chart.overflows).toBe(false);
				expect(chart.scale).toBeGreaterThanOrEqual(0.85);
			}
			// Printed from the phone: the A4 sheet's drawings, as from a desk.
			await page.emulateMedia({ media: 'print' });
			await expect
				.poll(async () => (await charts()).map((c) => c.drawn))
				.toEqual(onPhone.map(() => report.sheet));
			// On paper (A4 less the 12 mm margins: 186 mm, some 703 CSS px, under the tablet width) every
			// data table spans the sheet, neither a block as wide as its figures nor wider than the sheet,
			// in either language.
			await page.setViewportSize({ width: 703, height: 1000 });
			const { hostname } = new URL(server.url);
			for (const lang of ['zh', 'en']) {
				await context.addCookies([{ name: 'lang', value: lang, domain: hostname, path: '/' }]);
				expect(await open(page, `${server.url}${report.path}`)).toBe(true);
				const { sheet, tables } = await page.evaluate((testid) => {
					const sheet = document.querySelector(`[data-testid=${testid}]`)!;
					return {
						sheet: sheet.getBoundingClientRect().width,
						tables: [...sheet.querySelectorAll<HTMLTableElement>('table.data')].map((table) => ({
							name: table.dataset.testid ?? table.querySelector('th')?.textContent?.trim(),
							// The first row's width: a table that is a block is as wide as its rows' content.
							width: table.rows[0].getBoundingClientRect().width
						}))
					};
				}, report.testid);
				expect(tables.length).toBeGreaterThan(2);
				for (const table of tables)
					expect(Math.round(table.width), `${lang} ${table.name}`).toBe(Math.round(sheet));
			}
			await context.close();
		});

	for (const size of SIZES)
		it(
			`fits a ${size.name} (${size.width}×${size.height}) on every page`,
			{ timeout: 600_000 },
			async () => {
				const context = await contextFor(browser, server, agents.admin, {
					viewport: { width: size.width, height: size.height },
					deviceScaleFactor: size.scale,
					hasTouch: size.mobile,
					isMobile: size.mobile
				});
				const findings: string[] = [];
				let opened = 0;
				for (const path of pagePaths()) {
					const problems = await layoutProblems(context, server.url + path, size.width);
					if (problems === null) continue;
					opened++;
					for (const p of problems) findings.push(`${path}: ${p}`);
				}
				await context.close();
				expect(opened, 'pages opened').toBeGreaterThan(10);
				expect(findings).toEqual([]);
			}
		);
});
