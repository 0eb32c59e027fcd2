/**
 * `npm run ingest -- …`: the ingest worker's command line.
 *
 *   --watch DIR          send every file dropped in DIR, until stopped (Ctrl-C)
 *   --once [DIR]         send what is in DIR now, wait for every acknowledgement, exit
 *                        (0 when everything was accepted, 1 when anything was rejected)
 *   --bulk DIR           load closed years: like --once, but each file's payments are staged on the
 *                        server and counted in one commit per file (nothing half-counted if stopped;
 *                        run it again to resume); the alert rules run once at the end
 *   --simulate           the demo city's live feed; --speed N (simulated seconds per second),
 *                        --pace N (times the city's ~1,000 payments a working day),
 *                        --from DATE, --until DATE, --anomaly-every SECONDS, --no-anomalies
 *   --kind KIND          kind of files that say it neither in a kind column nor in their name
 *   --headers FILE       extra header map (JSON), after DIR/headers.json
 *   --batch-size N       records per batch (default 10000; batches also stay under 4 MiB)
 * Environment: INGEST_URL (default http://localhost:3000), INGEST_KEY, FISCAL_TZ.
 */
import { parseArgs } from 'node:util';
import { existsSync, statSync } from 'node:fs';
import { DEFAULT_FISCAL_TZ } from '../../src/lib/domain/fiscal';
import { RECORD_KINDS } from '../../src/lib/domain/records/kinds';
import { parseInstant } from '../../src/lib/domain/instant';
import { isRecordKind } from './headers';
import { Unauthorized } from './sender';
import { runSimulation } from './simulate';
import { runOnce, watch, type RunSummary, type WorkerOptions } from './worker';

const USAGE = `usage: npm run ingest -- --watch DIR | --once [--watch] DIR | --bulk DIR
       npm run ingest -- --simulate [--speed N] [--pace N] [--from DATE] [--until DATE] [--anomaly-every SECONDS] [--no-anomalies]
       options: --kind unit|plan|payment|revenue|asset|code|audit|debt  --headers FILE  --batch-size N
       env: INGEST_URL (default http://localhost:3000), INGEST_KEY`;

function fail(message: string): never {
	console.error(`ingest: ${message}\n${USAGE}`);
	process.exit(2);
}

type Values = ReturnType<typeof parseCli>['values'];

function parseCli() {
	return parseArgs({
		allowPositionals: true,
		options: {
			watch: { type: 'string' },
			once: { type: 'boolean' },
			bulk: { type: 'string' },
			simulate: { type: 'boolean' },
			speed: { type: 'string' },
			pace: { type: 'string' },
			from: { type: 'string' },
			until: { type: 'string' },
			'no-anomalies': { type: 'boolean' },
			'anomaly-every': { type: 'string' },
			kind: { type: 'string' },
			headers: { type: 'string' },
			'batch-size': { type: 'string' },
			help: { type: 'boolean', short: 'h' }
		}
	});
}

async function main(): Promise<number> {
	const { values, positionals } = parseCli();
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const url = process.env.INGEST_URL || 'http://localhost:3000';
	const key = process.env.INGEST_KEY ?? '';
	if (!key)
		fail('INGEST_KEY is not set (an ingest key from the admin page, or one of INGEST_KEYS)');
	const tz = process.env.FISCAL_TZ || DEFAULT_FISCAL_TZ;
	const signal = stopOnSignals();
	if (values.simulate) {
		const summary = await runSimulation({ url, key, tz, signal, ...simulationOptions(values, tz) });
		console.log(`[simulate] ${JSON.stringify(summary)}`);
		return 0;
	}

	const dir = values.bulk ?? values.watch ?? positionals[0];
	if (!dir) fail('name the drop folder: --watch DIR, --once DIR or --bulk DIR');
	if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(`${dir} is not a folder`);
	const common = { url, key, ...folderOptions(values), progress: true, signal };
	const summary: RunSummary =
		values.once || values.bulk !== undefined
			? await runOnce({ ...common, dir, bulk: values.bulk !== undefined })
			: await watch({ ...common, dir });
	console.log(
		`[ingest] ${summary.files} file(s): ${summary.done} done, ${summary.failed} failed; ${summary.records} records, accepted ${summary.accepted}, duplicates ${summary.duplicates}, rejected ${summary.rejected} in ${(summary.ms / 1000).toFixed(1)} s`
	);
	return summary.failed > 0 ? 1 : 0;
}

/** The first SIGINT or SIGTERM finishes the batches in flight; a second quits at once. */
function stopOnSignals(): AbortSignal {
	const controller = new AbortController();
	let interrupted = 0;
	const stop = (signal: string) => {
		if (++interrupted > 1) process.exit(130);
		console.error(
			`[ingest] ${signal}: finishing the batches in flight (again to quit now; nothing acknowledged is lost)`
		);
		controller.abort();
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
	return controller.signal;
}

/** --speed, --pace, --from, --until, --anomaly-every and --no-anomalies, checked. */
function simulationOptions(values: Values, tz: string) {
	const speed = values.speed === undefined ? 1 : Number(values.speed);
	if (!Number.isFinite(speed) || speed <= 0)
		fail(`--speed must be a positive number, got ${values.speed}`);
	const anomalyEvery =
		values['anomaly-every'] === undefined ? undefined : Number(values['anomaly-every']);
	if (anomalyEvery !== undefined && !(anomalyEvery > 0))
		fail(`--anomaly-every must be a positive number of seconds, got ${values['anomaly-every']}`);
	const date = (v: string | undefined, flag: string) => {
		if (v === undefined) return undefined;
		const parsed = parseInstant(v, tz);
		if (!parsed) fail(`${flag} must be a date or ISO date-time, got ${v}`);
		return parsed.instant;
	};
	const pace = values.pace === undefined ? undefined : Number(values.pace);
	if (pace !== undefined && !(pace > 0))
		fail(`--pace must be a positive number, got ${values.pace}`);
	return {
		speed,
		pace,
		from: date(values.from, '--from'),
		until: date(values.until, '--until'),
		anomalies: !values['no-anomalies'],
		anomalyEverySeconds: anomalyEvery
	};
}

/** --kind, --batch-size and --headers of a drop-folder run, checked. */
function folderOptions(values: Values): Pick<WorkerOptions, 'kind' | 'batchSize' | 'headersFile'> {
	const kind = values.kind;
	if (kind !== undefined && !isRecordKind(kind))
		fail(`--kind must be one of ${RECORD_KINDS.join(', ')}, got ${kind}`);
	const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
	if (
		batchSize !== undefined &&
		!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 10_000)
	)
		fail('--batch-size must be 1–10000');
	if (values.headers && !existsSync(values.headers))
		fail(`--headers ${values.headers} does not exist`);
	return { kind, batchSize, headersFile: values.headers };
}

main().then(
	(code) => process.exit(code),
	(err) => {
		console.error(
			`[ingest] ${err instanceof Unauthorized ? '' : 'stopped: '}${(err as Error).message}`
		);
		process.exit(err instanceof Unauthorized ? 3 : 2);
	}
);
