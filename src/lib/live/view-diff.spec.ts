import { describe, expect, it } from 'vitest';
import { applyDiff, diffJson, DiffMismatch, type Json, type JsonDiff } from './view-diff';

/** An overview-like view (execution.ts `Overview`): figures, a curve of days, ranked lists, a ticker. */
function overview(opts: {
	days: number;
	executed: string;
	payments: number;
	deptOrder: string[];
	ticker: string[];
	feed?: Json;
}): Json {
	const day = (i: number) =>
		`2026-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
	return {
		year: 2026,
		budgetKind: 'general',
		asOf: '2026-12-06',
		seq: opts.payments,
		initialPlan: '5000000.00',
		plan: '5200000.00',
		executed: opts.executed,
		payments: opts.payments,
		rate: '0.4412',
		timeProgress: '0.9260',
		gap: '48.48',
		level: 'red',
		adjusted: true,
		byClass: ['201', '205', '208'].map((code, i) => ({
			code,
			name: `类${code}`,
			nameEn: null,
			executed: code === '205' ? opts.executed : `${1000 * (i + 1)}.00`,
			rate: null
		})),
		departments: opts.deptOrder.map((code, i) => ({
			code,
			name: `部门${code}`,
			executed: `${(opts.deptOrder.length - i) * 1000}.00`,
			level: i === 0 ? 'ok' : 'amber'
		})),
		curve: {
			year: 2026,
			plan: '5200000.00',
			days: Array.from({ length: opts.days }, (_, i) => ({ date: day(i), amount: `${i}.00` })),
			lastYear: {
				year: 2025,
				plan: '4800000.00',
				days: Array.from({ length: 300 }, (_, i) => ({ date: day(i), amount: `${2 * i}.00` }))
			}
		},
		revenue: { plan: '100.00', collected: '50.00', byClass: [] },
		notable: opts.ticker.map((id) => ({ id, amount: '1500000.00', payee: null })),
		feed: opts.feed ?? { lastAt: '2026-12-06T10:00:00+08:00', status: 'ok' }
	};
}

const clone = (v: Json): Json => JSON.parse(JSON.stringify(v));

/** Applies the difference and checks the result is `b` and `a` was left as it was. */
function roundTrip(a: Json, b: Json): JsonDiff {
	const before = clone(a);
	const ops = JSON.parse(JSON.stringify(diffJson(a, b))) as JsonDiff; // as a socket carries it
	expect(applyDiff(a, ops)).toEqual(b);
	expect(a).toEqual(before);
	return ops;
}

const base = overview({
	days: 300,
	executed: '2294000.00',
	payments: 1000,
	deptOrder: ['101', '102', '103', '104'],
	ticker: ['P1', 'P2']
});

describe('view differences', () => {
	it('turn one state of a view into the next, small when a payment changes a few figures', () => {
		const next = overview({
			days: 301,
			executed: '2294100.01',
			payments: 1001,
			deptOrder: ['101', '102', '103', '104'],
			ticker: ['P1', 'P2']
		});
		const ops = roundTrip(base, next);
		expect(JSON.stringify(ops).length).toBeLessThan(JSON.stringify(next).length / 20);
		expect(ops).toContainEqual([['executed'], '2294100.01']);
		expect(ops).toContainEqual([['curve', 'days', 300], { date: '2026-11-21', amount: '300.00' }]);
	});

	it('follow reordered rankings, a ticker that grows and shrinks, removed and added keys', () => {
		roundTrip(
			base,
			overview({
				days: 280,
				executed: '2294000.00',
				payments: 1000,
				deptOrder: ['103', '101', '104'],
				ticker: ['P0', 'P1', 'P2', 'P3'],
				feed: { lastAt: null, status: 'stale', since: '2026-12-06T09:00:00+08:00' }
			})
		);
		roundTrip(
			base,
			overview({
				days: 0,
				executed: '0.00',
				payments: 0,
				deptOrder: [],
				ticker: [],
				feed: null
			})
		);
		roundTrip(base, base);
		expect(diffJson(base, clone(base))).toEqual([]);
	});

	it('replace a whole part when its operations would be longer, and handle any JSON shape', () => {
		const a: Json = { list: [1, 2, 3, 4, 5, 6, 7, 8], x: 'a' };
		const b: Json = { list: [9, 9, 9, 9, 9, 9, 9, 9], x: 'a' };
		expect(roundTrip(a, b)).toEqual([[['list'], [9, 9, 9, 9, 9, 9, 9, 9]]]);
		const shapes: Json[] = [
			null,
			0,
			1.5,
			'text',
			true,
			[],
			{},
			[[1, [2]], { a: [] }],
			{ a: { b: { c: 1 } } }
		];
		for (const x of shapes) for (const y of shapes) roundTrip(x, y);
		// A key named __proto__ is data, never the prototype.
		const evil = JSON.parse('{"__proto__": {"polluted": 1}, "k": 1}') as Json;
		const out = applyDiff({ k: 0 } as Json, diffJson({ k: 0 }, evil)) as Record<string, unknown>;
		expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('match random states of random shapes (seeded)', () => {
		let seed = 20;
		const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
		const gen = (depth: number): Json => {
			const r = rand();
			if (depth > 3 || r < 0.3) return pick<Json>([null, true, 1, 2, 'a', 'b', `${rand()}`]);
			if (r < 0.65) return Array.from({ length: Math.floor(rand() * 5) }, () => gen(depth + 1));
			return Object.fromEntries(
				Array.from({ length: Math.floor(rand() * 5) }, () => [
					pick(['a', 'b', 'c', 'd', 'e']),
					gen(depth + 1)
				])
			);
		};
		const mutate = (v: Json, depth: number): Json => {
			if (rand() < 0.2) return gen(depth);
			if (Array.isArray(v)) {
				const out = v.map((x) => (rand() < 0.3 ? mutate(x, depth + 1) : x));
				if (rand() < 0.3) out.push(gen(depth + 1));
				if (rand() < 0.3) out.splice(Math.floor(rand() * out.length));
				return out;
			}
			if (v !== null && typeof v === 'object') {
				const out: Record<string, Json> = {};
				for (const [k, x] of Object.entries(v))
					if (rand() > 0.15) out[k] = rand() < 0.3 ? mutate(x, depth + 1) : x;
				if (rand() < 0.3) out[pick(['a', 'f', 'g'])] = gen(depth + 1);
				return out;
			}
			return v;
		};
		for (let i = 0; i < 2000; i++) {
			const a = gen(0);
			roundTrip(a, mutate(a, 0));
		}
	});

	it('refuse to apply to a state they do not fit', () => {
		const next = overview({
			days: 301,
			executed: '1.00',
			payments: 1,
			deptOrder: ['101', '102', '103', '104'],
			ticker: ['P1', 'P2']
		});
		const ops = diffJson(base, next);
		expect(() => applyDiff({ executed: '0.00' }, ops)).toThrow(DiffMismatch);
		expect(() => applyDiff(null, ops)).toThrow(DiffMismatch);
		expect(() => applyDiff([1], [[[5], 2]])).toThrow(DiffMismatch);
		expect(() => applyDiff({ a: 1 }, [[['b']]])).toThrow(DiffMismatch);
		expect(() => applyDiff({ a: 1 }, [[[]]])).toThrow(DiffMismatch);
		expect(() => applyDiff({ a: 1 }, 'x' as unknown as JsonDiff)).toThrow(DiffMismatch);
		expect(() => applyDiff({ a: 1 }, [['a' as unknown as string[], 1]])).toThrow(DiffMismatch);
	});
});
