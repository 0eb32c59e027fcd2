/**
 * Hostile text from every way in (ingested unit, payee and purpose; names admins type) is shown as
 * text on every page, in Chromium; SQL-looking input in every filter is answered without error and
 * changes nothing. Pages come from the route tree, so a new page is checked without being listed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watch } from '../support/browser';
import { paymentRecord, planRecord } from '../support/factories';
import { Agent, setUpPrincipals, testidText } from '../support/http';
import { pathOf, scanRoutes } from '../support/routes';
import { SAMPLE_PARAMS, seedSampleRecords } from '../support/samples';
import { ADMIN_PASSWORD, postBatch, startServer, type RunningServer } from '../support/server';

/** Each would run script or change the page if it were rendered as markup. */
const MARKUP = {
	script: '<script>window.__xss=(window.__xss||0)+1</script>',
	attribute: '"><img src=x onerror="window.__xss=(window.__xss||0)+1">',
	svg: '<svg/onload=window.__xss=1>',
	entity: '&lt;b&gt;not bold&lt;/b&gt; &amp;'
};
const LONG = `${'很长的名称'.repeat(38)}END`; // 193 characters, no spaces to break at
const CONTROL = 'bell\u0007 esc\u001b[31m rtl\u202eLIVE\u202c tab\tend';
const SQL = [
	"' OR '1'='1",
	"'; DROP TABLE payment; --",
	'1; DELETE FROM app_user',
	"%' AND 1=1 --",
	'"; SELECT pg_sleep(5); --',
	'\\x00',
	'🙂'.repeat(40)
];
/** Query parameters any page of this app filters by; all are tried on every page. */
const FILTER_PARAMS = [
	'year',
	'kind',
	'asOf',
	'q',
	'area',
	'before',
	'screen',
	'dept',
	'func',
	'econ',
	'project',
	'payee',
	'from',
	'to',
	'min',
	'max',
	'sort',
	'page',
	'next',
	'level',
	'status',
	'rule',
	'batch',
	'edit'
];
/** Route parameters point at the hostile records the suite ingests. */
const HOSTILE_PARAMS: Record<string, string> = {
	...SAMPLE_PARAMS,
	dept: '901',
	project: 'H-1',
	id: 'H-PAY-1'
};

describe('hostile input is shown as text and harmless', () => {
	let server: RunningServer;
	let browser: Browser;
	let admin: Agent;
	let display: Agent;
	let adminContext: BrowserContext;
	let tvContext: BrowserContext;
	const year = Number(
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
			new Date()
		)
	);
	const units = [
		{ code: '901', name: MARKUP.script },
		{ code: '902', name: MARKUP.attribute },
		{ code: '903', name: LONG },
		{ code: '904', name: CONTROL }
	];

	beforeAll(async () => {
		server = await startServer();
		await seedSampleRecords(server);
		({
			agents: { admin, display }
		} = await setUpPrincipals(server, ADMIN_PASSWORD));
		expect(
			(await postBatch(server, { batchId: 'h-units', kind: 'unit', records: units })).body.accepted
		).toBe(4);
		await postBatch(server, {
			batchId: 'h-plans',
			kind: 'plan',
			records: [
				...units.map((u) => planRecord({ year, deptCode: u.code, amount: '9000000.00' })),
				planRecord({
					year,
					deptCode: '901',
					funcCode: '2050202',
					econCode: '309',
					projectCode: 'H-1',
					projectName: MARKUP.attribute,
					amount: '100000.00'
				})
			]
		});
		const recent = new Date(Date.now() - 120_000).toISOString();
		const payments = [
			paymentRecord({
				id: 'H-PAY-1',
				deptCode: '901',
				projectCode: 'H-1',
				amount: '500000.00',
				paidAt: recent,
				payee: MARKUP.attribute,
				payeeKind: 'org',
				purpose: MARKUP.script
			}),
			paymentRecord({
				deptCode: '902',
				amount: '400000.00',
				paidAt: recent,
				payee: MARKUP.svg,
				payeeKind: 'org',
				purpose: MARKUP.entity
			}),
			paymentRecord({
				deptCode: '903',
				amount: '300000.00',
				paidAt: recent,
				payee: LONG,
				payeeKind: 'org',
				purpose: `${LONG}${LONG}`
			}),
			paymentRecord({
				deptCode: '904',
				amount: '200000.00',
				paidAt: recent,
				payee: CONTROL,
				payeeKind: 'org',
				purpose: CONTROL
			})
		];
		expect(
			(await postBatch(server, { batchId: 'h-pay', kind: 'payment', records: payments })).body
				.accepted
		).toBe(4);
		// A quarantined record is shown raw to staff: as text.
		const quarantined = [
			paymentRecord({
				id: MARKUP.attribute,
				amount: MARKUP.script,
				purpose: `${LONG}${LONG}`,
				payee: CONTROL
			})
		];
		expect(
			(await postBatch(server, { batchId: 'h-bad', kind: 'payment', records: quarantined })).body
				.rejected
		).toHaveLength(1);
		// What admins type: display, user and key names.
		await admin.form('/admin/displays?/create', {
			name: MARKUP.attribute,
			screen: ['payments'],
			seconds: ['20'],
			kind: ['general']
		});
		await admin.form('/admin/users?/create', {
			username: 'hostile1',
			displayName: MARKUP.script,
			role: 'member'
		});
		await admin.form('/admin/ingest-keys?/create', { name: MARKUP.svg });
		browser = await launchBrowser();
		adminContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		tvContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		const url = new URL(server.url);
		await adminContext.addCookies([
			{
				name: 'qd_session',
				value: admin.cookies.get('qd_session')!,
				domain: url.hostname,
				path: '/'
			}
		]);
		await tvContext.addCookies([
			{
				name: 'qd_display',
				value: display.cookies.get('qd_display')!,
				domain: url.hostname,
				path: '/'
			}
		]);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	/** Opens a page and checks nothing hostile became markup; returns the page's text. */
	async function visit(
		context: BrowserContext,
		path: string
	): Promise<{ text: string; page: Page }> {
		const page = await context.newPage();
		const w = await watch(page);
		const res = await page.goto(`${server.url}${path}`);
		expect(res?.status(), path).toBe(200);
		await page.waitForLoadState('networkidle');
		await page.waitForTimeout(300);
		const check = await page.evaluate(() => ({
			xss: (window as unknown as { __xss?: number }).__xss ?? 0,
			injectedImages: document.querySelectorAll('img[src="x"], svg[onload]').length,
			strayScripts: [...document.querySelectorAll('script')].filter(
				(s) => !s.src && !s.hasAttribute('nonce')
			).length,
			handlers: [...document.querySelectorAll('*')].filter((el) =>
				[...el.attributes].some((a) => a.name.startsWith('on'))
			).length,
			overflow: document.documentElement.scrollWidth - window.innerWidth,
			text: document.body.textContent ?? ''
		}));
		expect(check.xss, `${path}: script ran`).toBe(0);
		expect(check.injectedImages, `${path}: injected elements`).toBe(0);
		expect(check.strayScripts, `${path}: scripts without a nonce`).toBe(0);
		expect(check.handlers, `${path}: inline event handlers`).toBe(0);
		expect(check.overflow, `${path}: a long string widened the page`).toBeLessThanOrEqual(0);
		expect(w.dialogs, path).toEqual([]);
		expect(await w.violations(), path).toEqual([]);
		return { text: check.text, page };
	}

	it('shows every page of the route tree to an admin without running or injecting anything', async () => {
		let pages = 0;
		for (const node of scanRoutes()) {
			if (
				!node.page ||
				['/login', '/logout', '/lang', '/display/claim', '/wall', '/(app)/admin'].includes(node.id)
			)
				continue;
			const { page } = await visit(adminContext, pathOf(node, HOSTILE_PARAMS));
			await page.close();
			pages++;
		}
		expect(pages).toBeGreaterThanOrEqual(6);
		// Pages of the hostile records themselves: the department named with a script, its payment.
		for (const [path, expected] of [
			['/departments/901', MARKUP.script],
			['/payments/H-PAY-1', MARKUP.attribute]
		] as const) {
			const { text, page } = await visit(adminContext, path);
			expect(text, `${path} shows the name as text`).toContain(expected);
			await page.close();
		}
	});

	it('shows names admins typed as text on the administration pages and in the audit log', async () => {
		for (const [path, expected] of [
			['/admin/displays', [MARKUP.attribute]],
			['/admin/users', [MARKUP.script]],
			['/admin/ingest-keys', [MARKUP.svg]],
			['/admin/audit', [MARKUP.attribute, MARKUP.script, MARKUP.svg]]
		] as const) {
			const { text, page } = await visit(adminContext, path);
			for (const value of expected) expect(text, `${path} shows ${value}`).toContain(value);
			await page.close();
		}
	});

	it('refuses control characters in names admins type, and says why', async () => {
		const res = await admin.form('/admin/displays?/create', {
			name: CONTROL,
			screen: ['overview'],
			seconds: ['30'],
			kind: ['general']
		});
		expect(res.status).toBe(400);
		expect(testidText(res.text, 'admin-problem')).toMatch(/控制字符/);
	});

	it('shows ingested names, payees and purposes as text on the wall, long ones cut to fit', async () => {
		const { text, page } = await visit(tvContext, '/wall?screen=payments');
		for (const value of [MARKUP.attribute, MARKUP.svg, MARKUP.script, MARKUP.entity, LONG, CONTROL])
			expect(text).toContain(value);
		// Departments named with markup are text too.
		expect(text).toContain(MARKUP.script);
		const cells = await page.$$eval('[data-testid=wall-payee]', (els) =>
			els.map((e) => e.scrollWidth > e.clientWidth)
		);
		expect(cells.some(Boolean)).toBe(true); // the long payee is clipped with an ellipsis, not wrapped over the screen
		await page.close();
		const overview = await visit(tvContext, '/wall?screen=overview');
		await overview.page.close();
	});

	it('answers SQL-looking input in every filter of every page without an error, and changes nothing', async () => {
		const before = await admin.page('/');
		const executedBefore = /data-testid="kpi-executed" data-value="([^"]+)"/.exec(before.text)?.[1];
		const usersBefore = (await admin.page('/admin/users')).text.match(/data-username=/g)?.length;
		const statuses = new Map<string, number>();
		for (const node of scanRoutes()) {
			if (!node.page) continue;
			const path = pathOf(node, HOSTILE_PARAMS);
			const agent = node.id === '/wall' ? display : admin;
			for (const value of SQL) {
				const query = new URLSearchParams(FILTER_PARAMS.map((p) => [p, value])).toString();
				const res = await agent.page(`${path}?${query}`);
				statuses.set(`${path} ${res.status}`, (statuses.get(`${path} ${res.status}`) ?? 0) + 1);
				expect([200, 303, 400], `${path} with ${value}`).toContain(res.status);
			}
		}
		// Filters that must be numbers or names say so (400); free-text ones search for the text (200).
		expect(statuses.get('/ 400')).toBe(SQL.length);
		expect(statuses.get('/admin/audit 200')).toBe(SQL.length);
		expect(
			/data-testid="kpi-executed" data-value="([^"]+)"/.exec((await admin.page('/')).text)?.[1]
		).toBe(executedBefore);
		expect((await admin.page('/admin/users')).text.match(/data-username=/g)?.length).toBe(
			usersBefore
		);
		expect(
			(await admin.page(`/admin/audit?q=${encodeURIComponent("' OR '1'='1")}`)).text
		).toContain('data-testid="audit-empty"');
		expect((await admin.page('/admin/audit?q=hostile1')).text).toContain('user:hostile1');
	});

	it('handles very long input in the sign-in form without an error or a trace of it in the log', async () => {
		const anonymous = new Agent(server);
		const res = await anonymous.form('/login', {
			username: 'x'.repeat(100_000),
			password: 'y'.repeat(100_000)
		});
		expect(res.status).toBe(400);
		expect(res.text.length).toBeLessThan(60_000); // the name comes back cut to 100 characters at most
		expect(server.output()).not.toContain('x'.repeat(200));
	});
});
