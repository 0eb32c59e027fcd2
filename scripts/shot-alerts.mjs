// Screenshots of the alert pages at 1920×1080 for docs/screenshots/ (run against a demo server):
//   node scripts/shot-alerts.mjs http://localhost:4317 admin-password [outdir]
import { signedInPage } from './shot-browser.mjs';

const base = process.argv[2] ?? 'http://localhost:4317';
const password = process.argv[3] ?? 'admin-pass-123';
const out = process.argv[4] ?? 'docs/screenshots';
const { browser, page } = await signedInPage(base, password);

const settle = async () => {
	await page.waitForLoadState('networkidle');
	await page.waitForTimeout(1200);
};
const shot = async (name) => {
	await page.screenshot({ path: `${out}/${name}.png` });
	console.log('shot', name, page.url());
};

await page.goto(base + '/');
await page.waitForSelector('[data-testid=live-status][data-status=connected]', { timeout: 60_000 });
await settle();
await shot('overview-alert-count');
await page.goto(base + '/alerts');
await settle();
await shot('alerts');
// The most severe alert first in the list: its explanation, history and the staff's form.
await page.click('[data-testid=alerts] tbody tr:first-child td.summary a');
await settle();
await shot('alert');
await page.goto(base + '/rules');
await settle();
await shot('rules');
// Lower the pace-lag notice threshold and preview what it would open (not saved).
await page.goto(base + '/rules/paceLag');
await settle();
await page.fill('[data-testid="field-thresholds.notice"]', '2');
await page.fill('[data-testid="field-thresholds.warning"]', '5');
await page.click('[data-testid=rule-preview]');
await page.waitForSelector('[data-testid=preview]');
await settle();
await shot('rule-preview');
await page.goto(base + '/settings/alerts');
await settle();
await shot('alert-delivery-settings');
await browser.close();
