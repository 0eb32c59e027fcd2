// Screenshots of the staff feed pages at 1920×1080 for docs/screenshots/: sends a few batches (good,
// duplicate, conflicting and malformed records) to a server started with DEMO=0, then shoots.
//   node scripts/shot-feed.mjs http://localhost:4318 admin-password ingest-key [outdir]
import { signedInPage } from './shot-browser.mjs';

const [
	base = 'http://localhost:4318',
	password = 'admin-pass-123',
	key = 'shot-key',
	out = 'docs/screenshots'
] = process.argv.slice(2);
const post = async (body) =>
	(
		await fetch(`${base}/api/ingest`, {
			method: 'POST',
			headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body: JSON.stringify(body)
		})
	).json();
const now = Date.now();
const at = (minutesAgo) => new Date(now - minutesAgo * 60_000).toISOString();
const pay = (i, extra = {}) => ({
	id: `ZF-2026-${String(i).padStart(6, '0')}`,
	paidAt: at(200 - i),
	deptCode: '122',
	agencyCode: '122002',
	funcCode: '2050202',
	econCode: '30201',
	amount: `${1000 + i * 37}.50`,
	payType: 'authorized',
	payee: '市华联办公设备有限公司',
	payeeKind: 'org',
	purpose: '办公用品',
	...extra
});
await post({
	batchId: 'units-2026-11-28',
	kind: 'unit',
	records: [
		{ code: '122', name: '市教育局' },
		{ code: '122002', name: '市第一中学', parentCode: '122' }
	]
});
await post({
	batchId: 'plans-2026-initial',
	kind: 'plan',
	records: [
		{
			id: 'P-122-205',
			year: 2026,
			stage: 'initial',
			deptCode: '122',
			funcCode: '205',
			amount: '80000000.00'
		}
	]
});
for (let b = 0; b < 6; b++)
	await post({
		batchId: `treasury-20261128-${String(b + 1).padStart(3, '0')}`,
		kind: 'payment',
		records: Array.from({ length: 25 }, (_, i) => pay(b * 25 + i))
	});
await post({
	batchId: 'treasury-20261128-007',
	kind: 'payment',
	records: [
		pay(3),
		pay(4, { amount: '9999.00' }),
		pay(151, { amount: '12.345' }),
		pay(152, { funcCode: '20502', econCode: '3' }),
		pay(153, { paidAt: '2026-02-30T10:00:00+08:00' })
	]
});
await post({
	batchId: 'revenue-20261128-001',
	kind: 'revenue',
	records: [
		{ id: 'SR-1', collectedAt: at(90), subjectCode: '10101', amount: '1200000.00' },
		{ id: 'SR-2', collectedAt: at(80), subjectCode: '1019', amount: '50.00' }
	]
});

const { browser, page } = await signedInPage(base, password, { consoleErrors: false });
const shot = async (name, path) => {
	await page.goto(base + path);
	await page.waitForLoadState('networkidle');
	await page.waitForTimeout(800);
	await page.screenshot({ path: `${out}/${name}.png` });
	console.log('shot', name, page.url());
};
await shot('feed', '/feed');
await shot('feed-quarantine', '/feed/quarantine');
const id = await page.getAttribute('tr[data-status=open]:has-text("ZF-2026-000151")', 'data-entry');
await shot('feed-quarantine-edit', `/feed/quarantine?edit=${id}`);
await shot('overview-freshness', '/');
await browser.close();
