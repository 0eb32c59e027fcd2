/**
 * Every page for everyone: each route of the route tree, opened in Chromium as each signed-in role
 * (and the wall as a display), is scanned by axe-core (WCAG 2.1 A/AA rules) and fails on a serious
 * or critical violation; then opened at a phone (390×844) and a tablet (768×1024) size, and as a
 * 1280×800 laptop zoomed to 200% (640×400 CSS px), where it must not scroll sideways and every key
 * figure (`data-testid` with `data-value`) must be on screen horizontally. Route-tree driven, so a new page is checked without anyone listing it.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { Agent, setUpPrincipals } from '../support/http';
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

/** Opens a page and lets it settle (live pages keep a socket open); false when it is not a 200. */
async function open(page: Page, url: string): Promise<boolean> {
	const res = await page.goto(url, { waitUntil: 'load' });
	if (!res || res.status() !== 200) return false;
	await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
	return true;
}

/** Serious and critical axe violations of the page at `path`, or null when the role may not open it. */
async function scan(context: BrowserContext, url: string): Promise<string[] | null> {
	const page = await context.newPage();
	try {
		if (!(await open(page, url))) return null;
		const result = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
			.analyze();
		return result.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map(
				(v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes[0]?.target.join(' ') ?? ''}`
			);
	} finally {
		await page.close();
	}
}

/** What breaks a page at one size: sideways scrolling, key figures off screen. */
async function layoutProblems(
	context: BrowserContext,
	url: string,
	width: number
): Promise<string[] | null> {
	const page = await context.newPage();
	try {
		if (!(await open(page, url))) return null;
		return await page.evaluate((viewport) => {
			const out: string[] = [];
			const doc = document.documentElement;
			if (doc.scrollWidth > viewport + 1)
				out.push(`scrolls sideways: ${doc.scrollWidth} px wide in ${viewport}`);
			for (const el of document.querySelectorAll<HTMLElement>('[data-testid][data-value]')) {
				// A figure inside a box that scrolls on its own (a wide table) is reachable there.
				let boxed = false;
				for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
					const style = getComputedStyle(p);
					if (/(auto|scroll)/.test(style.overflowX) && p.scrollWidth > p.clientWidth) boxed = true;
				}
				const rect = el.getBoundingClientRect();
				if (rect.width === 0 && rect.height === 0) continue;
				if (!boxed && (rect.left < -1 || rect.right > viewport + 1))
					out.push(
						`${el.dataset.testid} off screen (${Math.round(rect.left)}–${Math.round(rect.right)})`
					);
			}
			// Phones and tablets: no column of a table squeezed to a character a line (a wide table
			// scrolls in its box instead), and every field and button tall enough for a finger.
			for (const cell of document.querySelectorAll<HTMLElement>('table :is(th, td)')) {
				const text = cell.textContent?.trim().replace(/\s+/g, ' ') ?? '';
				const style = getComputedStyle(cell);
				if (text.length < 3 || style.display !== 'table-cell') continue;
				const rect = cell.getBoundingClientRect();
				if (rect.width === 0) continue;
				const em = parseFloat(style.fontSize);
				const inner = rect.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
				if (inner < 2.5 * em && rect.height > 3.5 * em)
					out.push(`column of "${text.slice(0, 12)}" squeezed to ${Math.round(inner)} px`);
			}
			for (const control of document.querySelectorAll<HTMLElement>(
				'input:not([type=hidden], [type=checkbox], [type=radio]), select, textarea, button, [data-testid=breadcrumbs] a, [data-testid=period-bar] a'
			)) {
				const rect = control.getBoundingClientRect();
				if (rect.width === 0 || control.closest('.visually-hidden')) continue;
				if (rect.height < 24)
					out.push(
						`${control.tagName.toLowerCase()} ${control.getAttribute('name') ?? control.textContent?.trim().slice(0, 12)} only ${Math.round(rect.height)} px tall`
					);
			}
			if (viewport >= 600) return out;
			// A phone: each row of a table is named readably in its first cell — on one line or at least
			// six characters wide, not a column of single characters, and no word broken inside.
			for (const cell of document.querySelectorAll<HTMLElement>(
				'table tbody tr > :is(th, td):first-child:not([colspan])'
			)) {
				const row = cell.parentElement!;
				if (getComputedStyle(row).display !== 'table-row' || !cell.textContent?.trim()) continue;
				const rect = cell.getBoundingClientRect();
				if (rect.width === 0) continue;
				const em = parseFloat(getComputedStyle(cell).fontSize);
				const name = cell.textContent.trim().replace(/\s+/g, ' ').slice(0, 20);
				const whole = document.createRange();
				whole.selectNodeContents(cell);
				const lines = new Set([...whole.getClientRects()].map((r) => Math.round(r.top))).size;
				if (rect.width < 6 * em && lines > 1)
					out.push(`first cell "${name}" ${Math.round(rect.width)} px wide in ${lines} lines`);
				const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
				for (let node = walker.nextNode(); node; node = walker.nextNode()) {
					// Text only for screen readers sits in a 1 px box: it has no lines to read.
					if (node.parentElement!.getBoundingClientRect().width < 4) continue;
					for (const word of node.textContent!.matchAll(/[A-Za-z0-9]+/g)) {
						const range = document.createRange();
						range.setStart(node, word.index);
						range.setEnd(node, word.index + word[0].length);
						const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
						if (lines.size > 1) out.push(`first cell "${name}" breaks "${word[0]}"`);
					}
				}
			}
			// A name or label in any column (user-supplied text, `td.text`): a short word standing alone
			// is never broken inside ("admi/n" in a column squeezed by its neighbours).
			for (const cell of document.querySelectorAll<HTMLElement>('table td.text')) {
				if (cell.getBoundingClientRect().width === 0) continue;
				const em = parseFloat(getComputedStyle(cell).fontSize);
				const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
				for (let node = walker.nextNode(); node; node = walker.nextNode()) {
					for (const word of node.textContent!.matchAll(/(?<!\S)[A-Za-z0-9]{2,}(?!\S)/g)) {
						const range = document.createRange();
						range.setStart(node, word.index);
						range.setEnd(node, word.index + word[0].length);
						const rects = [...range.getClientRects()];
						const lines = new Set(rects.map((r) => Math.round(r.top)));
						const width = rects.reduce((sum, r) => sum + r.width, 0);
						if (lines.size > 1 && width <= 4.5 * em)
							out.push(`a cell's "${word[0]}" breaks inside`);
					}
				}
			}
			// A list whose rows stack on a phone shows each row's text within the screen.
			for (const el of document.querySelectorAll<HTMLElement>('[data-testid=cases] td.summary')) {
				const rect = el.getBoundingClientRect();
				if (rect.left < -1 || rect.right > viewport + 1)
					out.push(
						`case conclusion off screen (${Math.round(rect.left)}–${Math.round(rect.right)})`
					);
			}
			return out;
		}, width);
	} finally {
		await page.close();
	}
}

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

	it('keeps the top menu to two rows at most on a laptop and a desktop, in both languages, for every role', async () => {
		const { hostname } = new URL(server.url);
		const found: string[] = [];
		for (const role of ['member', 'staff', 'admin'] as const)
			for (const lang of ['en', 'zh'])
				for (const width of [1280, 1920]) {
					const context = await browser.newContext({ viewport: { width, height: 800 } });
					await context.addCookies(
						[...agents[role].cookies, ['lang', lang] as const].map(([name, value]) => ({
							name,
							value,
							domain: hostname,
							path: '/'
						}))
					);
					const page = await context.newPage();
					await open(page, `${server.url}/functions`);
					const { menu, item, entries } = await page.evaluate(() => {
						const nav = document.querySelector('header nav')!;
						return {
							menu: nav.getBoundingClientRect().height,
							item: nav.querySelector('a')!.getBoundingClientRect().height,
							entries: nav.querySelectorAll('a').length
						};
					});
					await context.close();
					// Rows of the menu: its height over one entry's (rows are an entry tall, a hair apart).
					const rows = Math.round(menu / item);
					if (rows > 2 || (width === 1280 && lang === 'en' && rows > 1))
						found.push(`${role} ${lang} ${width}: ${entries} entries in ${rows} rows`);
				}
		// English at 1280 px: one row (the labels are short and the menu has a row of its own).
		expect(found).toEqual([]);
	});

	// The printed reports' charts, each drawn for a phone as well as for the A4 sheet (CSS px wide).
	for (const report of [
		{ name: 'month report', path: '/reports/month', testid: 'month-report', sheet: 680 },
		{ name: 'asset report', path: '/assets/report', testid: 'asset-report', sheet: 640 }
	])
		it(`draws the ${report.name}’s charts for a phone: within the screen, type at its drawn size`, async () => {
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
