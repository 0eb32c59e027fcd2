// Screenshots of every supervision page at 1920×1080 for docs/screenshots/ (run against a demo server):
//   node scripts/shot-dashboards.mjs http://localhost:4317 admin-password [outdir]
import { signedInPage } from './shot-browser.mjs';

const base = process.argv[2] ?? 'http://localhost:4317';
const password = process.argv[3] ?? 'admin-pass-123';
const out = process.argv[4] ?? 'docs/screenshots';
const { browser, page } = await signedInPage(base, password);

const year = new Date().getUTCFullYear();
const shots = [
	['overview', '/'],
	['overview-as-of-june', `/?asOf=${year}-06-30`],
	['overview-fund', '/?kind=fund'],
	['overview-capital', '/?kind=capital'],
	['functions', '/functions'],
	['function-class-205', '/functions/205'],
	['function-item-2050202', '/functions/2050202'],
	['departments', '/departments'],
	['department-138', '/departments/138'],
	['unit-122002', '/departments/122/units/122002'],
	['project', '/departments/138/projects/' + year + '138001'],
	['revenue', '/revenue'],
	['revenue-101', '/revenue/101'],
	['payments', '/payments?dept=139&min=100000'],
	['payment', null],
	['assets', '/assets'],
	['month-report', '/reports/month']
];
for (const [name, path] of shots) {
	if (path === null) {
		await page.goto(base + '/payments?dept=139&min=1000000&sort=amount');
		await page.click('[data-testid=payment-link]');
	} else {
		await page.goto(base + path);
	}
	await page.waitForLoadState('networkidle');
	await page.waitForTimeout(1500);
	await page.screenshot({ path: `${out}/${name}.png` });
	console.log('shot', name, page.url());
}
// The whole overview (below the fold too), the month report as it prints, and the English overview.
await page.goto(base + '/');
await page.waitForLoadState('networkidle');
await page.waitForTimeout(1500);
await page.screenshot({ path: `${out}/overview-full.png`, fullPage: true });
await page.goto(base + '/reports/month');
await page.emulateMedia({ media: 'print' });
await page.waitForTimeout(800);
await page.screenshot({ path: `${out}/month-report-print.png` });
await page
	.pdf({ path: `${out}/../month-report.pdf`, format: 'A4', printBackground: true })
	.catch((e) => console.log('pdf:', e.message));
await page.emulateMedia({ media: 'screen' });
await page.goto(base + '/');
await page.click('form[action="/lang"] button');
await page.waitForLoadState('networkidle');
await page.waitForTimeout(1500);
await page.screenshot({ path: `${out}/overview-en.png` });
await page.click('form[action="/lang"] button');
await browser.close();
