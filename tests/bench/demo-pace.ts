/**
 * npm run bench:demo-pace — how far the demo's live feed (`npm start`, `--simulate --speed 1`) moves
 * the general budget's execution rate in ten minutes: the feed's own schedule (DemoFeed, the same
 * code the app runs) over every ten-minute window of a working day and of a Sunday, against the
 * demo city's general-budget plan. Prints payments and percentage points per window (max, mean).
 * Options: --date YYYY-MM-DD (a working day; default 2026-12-07), --seed N.
 */
import { parseArgs } from 'node:util';
import { DemoFeed } from '../../server/ingest/demo-feed';
import { buildDemoCity } from '../../src/lib/demo';
import { yuanToFen } from '../../src/lib/domain/money';

const { values } = parseArgs({
	options: {
		date: { type: 'string', default: '2026-12-07' },
		seed: { type: 'string', default: '1' }
	}
});
const day = values.date!;
const year = Number(day.slice(0, 4));
const city = buildDemoCity(year);
const plan = city.lines
	.filter((l) => (l.budgetKind ?? 'general') === 'general')
	.reduce((s, l) => s + l.amount, 0n);

function windows(dateText: string) {
	const feed = new DemoFeed({
		tz: 'Asia/Shanghai',
		speed: 1,
		runId: 'pace',
		seed: Number(values.seed)
	});
	const start = Date.parse(`${dateText}T00:00:00+08:00`);
	const out: { at: string; payments: number; pp: number }[] = [];
	for (let w = 0; w < 144; w++) {
		let fen = 0n;
		let payments = 0;
		// Three-second ticks, as npm start's in-process feed sends.
		for (let t = 0; t < 200; t++) {
			const from = start + w * 600_000 + t * 3000;
			for (const b of feed.next(new Date(from), new Date(from + 3000), 3))
				for (const r of b.records) {
					if (r.budgetKind !== 'general') continue;
					payments++;
					fen += yuanToFen(r.amount);
				}
		}
		const at = new Date(start + w * 600_000 + 8 * 3_600_000).toISOString().slice(11, 16);
		out.push({ at, payments, pp: Number((fen * 1_000_000n) / plan) / 10_000 });
	}
	return out;
}

for (const date of [
	day,
	new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
]) {
	const w = windows(date);
	const busiest = w.reduce((a, b) => (b.pp > a.pp ? b : a));
	const total = w.reduce((s, x) => s + x.payments, 0);
	const mean = w.filter((x) => x.payments > 0);
	console.log(
		`[demo-pace] ${date}: ${total} payments in the day; ten-minute windows with payments ${mean.length}/144; ` +
			`max ${busiest.pp.toFixed(4)} pp (${busiest.payments} payments at ${busiest.at}); ` +
			`mean ${(mean.reduce((s, x) => s + x.pp, 0) / Math.max(1, mean.length)).toFixed(4)} pp ` +
			`(plan ${(Number(plan / 100n) / 1e8).toFixed(2)}亿元)`
	);
}
