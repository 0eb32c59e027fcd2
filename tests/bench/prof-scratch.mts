import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { seedReferenceCodes } from '../../db/seeds/seed';
import { setAlertsOnIngest } from '../../src/lib/server/alerts/on-ingest';
import { replayDemoYear } from '../support/demo-replay';
import { loadSettings, reconcile } from '../../src/lib/server/alerts/engine';
import { judgeLines, judgeQuality, loadNames, loadSpending } from '../../src/lib/server/alerts/subjects';
const db = await openDatabase({ url: 'postgres://postgres@127.0.0.1:5432/test' });
// use a scratch db
import { createScratchDatabase } from '../support/databases';
const scratch = await createScratchDatabase('postgres://postgres@127.0.0.1:5432/test');
await db.close();
const d = await openDatabase({ url: scratch.url, max: 4 });
await migrateDatabase(d); await seedReferenceCodes(d);
setAlertsOnIngest(false);
await replayDemoYear(d, { year: 2026, periodic: false });
const t = async (label: string, f: () => Promise<unknown>) => { const s = performance.now(); const r = await f(); console.log(label, Math.round(performance.now() - s), 'ms'); return r; };
for (let i = 0; i < 2; i++) {
const settings = await t('settings', () => loadSettings(d.db)) as any;
const names = await t('names', () => loadNames(d.db)) as any;
const data = await t('spending all depts', () => loadSpending(d.db, 2026, '2026-12-31')) as any;
console.log('lines', data.lines.length, 'spending rows', data.spending.length);
const ev = await t('judgeLines', async () => judgeLines(data, settings, names, { year: 2026 })) as any;
await t('quality', () => judgeQuality(d.db, 2026, 'Asia/Shanghai', settings.dataQuality));
await t('reconcile', () => reconcile(d.db, ev, { refresh: false }));
}
await d.close(); await scratch.drop();
