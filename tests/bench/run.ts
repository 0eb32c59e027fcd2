/**
 * npm run bench — every benchmark in turn, each in its own process (they open databases and
 * servers of their own): dashboards (page data queries and first-load JavaScript), ingest (a
 * one-payment trickle's server CPU, payments/s against raw COPY and INSERT in the same run, a full
 * year, and a year in bulk against COPY) and alerts (ingest with the rules on against off).
 * `npm run bench -- --quick` scales them down to minutes (dashboards over 500,000 payments; ingest
 * 100,000 sustained, a 500,000-payment year, the trickle at 100,000 payments and a 100,000-payment
 * bulk year; alerts as is); each also runs alone (`npm run bench:dashboards`, `bench:ingest`,
 * `bench:alerts`) with its own options.
 */
import { spawnSync } from 'node:child_process';

const quick = process.argv.includes('--quick');
const suites: [name: string, args: string[]][] = [
	['dashboards', quick ? ['--payments', '500000', '--runs', '20'] : []],
	[
		'ingest',
		quick
			? [
					...['--sustained', '100000', '--rows', '500000'],
					...['--trickle-size', '100000', '--trickle-batches', '100', '--bulk-rows', '100000']
				]
			: []
	],
	['alerts', []]
];
const failed: string[] = [];
for (const [name, args] of suites) {
	console.log(`\n[bench] ── ${name} ${args.join(' ')}`);
	const started = Date.now();
	const run = spawnSync(process.execPath, ['--import', 'tsx', `tests/bench/${name}.ts`, ...args], {
		stdio: 'inherit'
	});
	console.log(
		`[bench] ${name}: ${run.status === 0 ? 'done' : `failed (exit ${run.status})`} in ${Math.round((Date.now() - started) / 1000)} s`
	);
	if (run.status !== 0) failed.push(name);
}
if (failed.length) {
	console.error(`[bench] failed: ${failed.join(', ')}`);
	process.exit(1);
}
