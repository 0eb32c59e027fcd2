// Screenshots at a phone (390×844) and a tablet (768×1024) size of the overview, a department, the
// cases list and the ledger, plus the cases, audit and codes pages at 1920×1080, from a running app:
// node scripts/shot-mobile.mjs http://localhost:3000 <admin password> [department] [--mobile-only]
// (--mobile-only: the phone and tablet shots alone). Pages open in a zh-CN browser, as a member's.
import { chromium } from 'playwright-core';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const mobileOnly = process.argv.includes('--mobile-only');
const [base = 'http://localhost:3000', password, dept = '138'] = args;
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
});

async function signedIn(viewport, options = {}) {
	const context = await browser.newContext({ viewport, locale: 'zh-CN', ...options });
	const page = await context.newPage();
	page.on('pageerror', (e) => console.log('pageerror:', e.message));
	await page.goto(base + '/login');
	await page.fill('input[name=username]', 'admin');
	await page.fill('input[name=password]', password);
	await Promise.all([page.waitForURL(base + '/'), page.click('button[type=submit]')]);
	return page;
}

async function shoot(page, path, file, { fullPage = false } = {}) {
	await page.goto(base + path, { waitUntil: 'load' });
	await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
	await page.waitForTimeout(800);
	await page.screenshot({ path: `docs/screenshots/${file}`, fullPage });
	console.log('shot', file);
}

const sizes = [
	{ name: 'phone', viewport: { width: 390, height: 844 }, mobile: true },
	{ name: 'tablet', viewport: { width: 768, height: 1024 }, mobile: true }
];
for (const size of sizes) {
	const page = await signedIn(size.viewport, { isMobile: size.mobile, hasTouch: size.mobile });
	await shoot(page, '/', `mobile/overview-${size.name}.png`);
	await shoot(page, `/departments/${dept}`, `mobile/department-${size.name}.png`);
	await shoot(page, '/alerts', `mobile/cases-${size.name}.png`);
	await shoot(page, '/payments', `mobile/ledger-${size.name}.png`);
	if (size.name === 'phone') {
		await page.goto(base + '/');
		await page.getByRole('button', { name: /菜单|Menu/ }).click();
		await page.screenshot({ path: 'docs/screenshots/mobile/menu-phone.png' });
		console.log('shot mobile/menu-phone.png');
	}
	await page.context().close();
}

if (mobileOnly) {
	await browser.close();
	process.exit(0);
}
const desk = await signedIn({ width: 1920, height: 1080 });
await shoot(desk, '/alerts', 'cases.png');
const caseHref = await desk
	.locator('[data-testid=cases] a[href^="/alerts/"]')
	.first()
	.getAttribute('href');
if (caseHref) await shoot(desk, caseHref, 'case.png', { fullPage: true });
await shoot(desk, '/rules/paceLag/profiles', 'profiles.png', { fullPage: true });
await shoot(desk, '/audit', 'audit.png', { fullPage: true });
const findingHref = await desk.locator('a[href^="/audit/"]').first().getAttribute('href');
if (findingHref) await shoot(desk, findingHref, 'audit-finding.png', { fullPage: true });
await shoot(desk, '/', 'overview.png');
await shoot(desk, '/codes', 'codes-table.png');
await desk.goto(base + '/reports/audit', { waitUntil: 'load' });
// The paper size is the page's own (@page A4); the screenshot is the printed sheet at A4 width.
await desk.pdf({ path: '/tmp/audit-report.pdf', preferCSSPageSize: true, printBackground: true });
await desk.emulateMedia({ media: 'print' });
await desk.setViewportSize({ width: 794, height: 1123 });
await desk.screenshot({ path: 'docs/screenshots/audit-report-print.png', fullPage: true });
console.log('shot audit-report-print.png (and /tmp/audit-report.pdf)');
await browser.close();
