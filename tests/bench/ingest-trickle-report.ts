/**
 * The trickle part of `npm run bench:ingest`: server CPU per one-payment batch at a small table
 * (the baseline in the same run) and at a large one, and, given another checkout, that checkout's
 * server on the same databases (the code before a change). Runs go in turn, two rounds, so the
 * machine's noise falls on both sides of each pair.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSeededTarget, runTrickle, trickleDir, type TrickleTarget } from './ingest-trickle';
import type { Target } from './ingest-target';

/** The baseline table: enough payments that the city's plan lines and rollup exist. */
const SMALL_TABLE = 20_000;
const ROUNDS = 2;
const KEY = 'bench-trickle-key-0123456789';

const pct = (xs: number[], q: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export async function benchTrickle(
	name: Target['name'],
	options: {
		size: number;
		batches: number;
		baselineDir?: string;
		keep: boolean;
		pgUrl?: string;
		tmp: string;
		log: (m: string) => void;
	}
): Promise<string> {
	const { log } = options;
	const dir = options.keep ? trickleDir(join(tmpdir(), 'qiandai-bench-trickle')) : options.tmp;
	const places = { pgUrl: options.pgUrl, dir, keep: options.keep };
	const tables: [number, TrickleTarget][] = [];
	try {
		for (const size of [SMALL_TABLE, options.size])
			tables.push([size, await openSeededTarget(name, size, places, log)]);
		const codes: [string, string | undefined][] = [['this code', undefined]];
		if (options.baselineDir) codes.push(['code before', options.baselineDir]);
		const cpu = new Map<string, number[]>();
		const trips = new Map<string, number[]>();
		for (let round = 0; round < ROUNDS; round++)
			for (const [code, serverDir] of codes)
				for (const [size, { target }] of tables) {
					const key = `${code}|${size}`;
					const run = await runTrickle(target, {
						batches: options.batches,
						warm: 20,
						tableSize: size,
						key: KEY,
						label: `${name}-${code.replace(' ', '')}-${size}-${round}-${Date.now()}`,
						serverDir
					});
					log(
						`${name}: trickle, ${code}, ${fmt(size)} payments, round ${round + 1}: ${run.cpuPerBatchMs.toFixed(1)} ms server CPU a batch, ack p50 ${pct(run.roundTrips, 0.5).toFixed(1)} ms`
					);
					(cpu.get(key) ?? cpu.set(key, []).get(key)!).push(run.cpuPerBatchMs);
					(trips.get(key) ?? trips.set(key, []).get(key)!).push(...run.roundTrips);
				}
		const lines = [
			`${name}: single-payment trickle (${options.batches} batches a run, ${ROUNDS} rounds in turn: the lowest round, and the highest)`
		];
		for (const [code] of codes) {
			const at = (size: number) => pct(cpu.get(`${code}|${size}`)!, 0);
			const top = (size: number) => pct(cpu.get(`${code}|${size}`)!, 1);
			const small = at(SMALL_TABLE);
			const large = at(options.size);
			const trip = trips.get(`${code}|${options.size}`)!;
			lines.push(
				`  ${code}: ${large.toFixed(1)} ms server CPU a batch at ${fmt(options.size)} payments (highest ${top(options.size).toFixed(1)}) ` +
					`against ${small.toFixed(1)} ms at ${fmt(SMALL_TABLE)} (highest ${top(SMALL_TABLE).toFixed(1)}): ×${(large / small).toFixed(2)}; ` +
					`ack p50 ${pct(trip, 0.5).toFixed(1)} ms, p99 ${pct(trip, 0.99).toFixed(1)} ms; ` +
					`goal ≤ 10 ms at 5,000,000: ${options.size < 5_000_000 ? 'not judged at this size' : large <= 10 ? 'met' : 'not met'}`
			);
		}
		if (options.baselineDir) {
			const ratio =
				pct(cpu.get(`code before|${options.size}`)!, 0) /
				pct(cpu.get(`this code|${options.size}`)!, 0);
			lines.push(
				`  this code is ${ratio.toFixed(1)}× cheaper a batch than the code before at ${fmt(options.size)} (lowest rounds)`
			);
		}
		const out = lines.join('\n');
		log(out);
		return out;
	} finally {
		for (const [, t] of tables) await t.release();
	}
}
