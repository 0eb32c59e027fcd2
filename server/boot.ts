/**
 * Starts everything the app needs around an HTTP server: the database (migrated, reference codes,
 * first admin, demo city), Socket.IO, and the demo feed. Shared by server/index.ts and the Vite
 * dev plugin so development runs the same code as production.
 */
import { describeError } from '../src/lib/server/log';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import { join, resolve } from 'node:path';
import { openDatabase, type Database } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import {
	hasBudgetData,
	seedDemo,
	seedDemoHistory,
	seedReferenceCodes
} from '../src/lib/server/seed/index';
import { fiscalToday } from '../src/lib/domain/fiscal';
import { bootstrapAdmin } from '../src/lib/server/auth/users';
import { ensureExecutionRollup } from '../src/lib/server/ingest/execution-rollup';
import { ensureRules, evaluatePeriodic } from '../src/lib/server/alerts/index';
import { migrateAlertsToCases } from '../src/lib/server/cases/index';
import { describeAlert, startAlertDelivery } from '../src/lib/server/alerts/delivery/index';
import { configFromEnv, setRuntime, type Config, type LiveHub } from '../src/lib/server/runtime';
import { attachRealtime, type Realtime } from './realtime';
import { startInProcessFeed, type InProcessFeed } from './ingest/simulate';

export interface Booted {
	database: Database;
	config: Config;
	realtime: Realtime;
	/** Starts the demo feed once the server listens (no-op when DEMO=0). */
	startFeed(port: number): void;
	shutdown(): Promise<void>;
}

const log = (message: string) => console.log(`[qiandai] ${message}`);

export async function boot(
	httpServer: HttpServer,
	env: NodeJS.ProcessEnv = process.env
): Promise<Booted> {
	const config = configFromEnv(env);
	const dataDir = resolve(env.DATA_DIR || './data');
	const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir });
	log(
		database.kind === 'pglite'
			? `database: embedded PGlite in ${dataDir}`
			: 'database: PostgreSQL (DATABASE_URL)'
	);
	try {
		await prepareDatabase(database, config, env.ADMIN_PASSWORD, dataDir);
	} catch (err) {
		await database.close();
		throw err;
	}

	// The in-process demo feed sends through /ingest like any worker, with a key that lives in memory.
	const simulatorKey = randomBytes(24).toString('base64url');
	if (config.demo) config.ingestKeys.push(simulatorKey);
	const origins = env.ORIGIN ? [new URL(env.ORIGIN).origin] : [];
	const realtime = await attachRealtime(httpServer, {
		database,
		config,
		origins,
		redisUrl: env.REDIS_URL || undefined
	});
	setRuntime({ database, config, live: realtime.live, views: realtime.views });

	const stopPeriodic = startPeriodicAlerts(database, config, realtime.live);
	// Severe alerts to the configured webhook (settings page or ALERT_WEBHOOK_URL), retried until delivered.
	const stopDelivery = startAlertDelivery(database.db, describeAlert, {
		origin: env.ORIGIN || undefined,
		env,
		log
	});
	const demo = demoFeed(database, config, realtime.live, simulatorKey);
	return {
		database,
		config,
		realtime,
		startFeed: (port) => demo.start(port),
		async shutdown() {
			stopPeriodic();
			await stopDelivery();
			await demo.stop();
			await realtime.close();
			setRuntime(undefined);
			await database.close();
		}
	};
}

/**
 * Migrations, the alert rule catalogue's defaults (domain.md), reference codes, the first admin, the
 * dashboards rollup when missing, and on first start the demo city.
 */
async function prepareDatabase(
	database: Database,
	config: Config,
	adminPassword: string | undefined,
	dataDir: string
): Promise<void> {
	await migrateDatabase(database);
	await ensureRules(database.db);
	const grouped = await migrateAlertsToCases(database.db);
	if (grouped > 0) log(`grouped the stored alerts into ${grouped} cases (first start with cases)`);
	// After the cases exist: a renamed code's alerts are judged again, and their cases synced.
	const codes = await seedReferenceCodes(database, { tz: config.fiscalTz });
	if (codes.explained > 0)
		log(
			`reference codes: ${codes.renamed} names changed; ${codes.explained} cases read the new names`
		);
	await ensureAdmin(database, adminPassword, dataDir);
	if (await ensureExecutionRollup(database.db))
		log('built the dashboards rollup from the stored payments');
	if (config.demo && !(await hasBudgetData(database))) {
		const today = fiscalToday(config.fiscalTz);
		log(
			`seeding the demo city for fiscal year ${today.slice(0, 4)} through ${today} (first start only)…`
		);
		await seedDemo(database, {
			year: Number(today.slice(0, 4)),
			through: today,
			tz: config.fiscalTz,
			log
		});
	}
}

/**
 * Alerts that move with time (pace as days pass, feed gaps, idle projects): every minute, one run at
 * a time. Returns what stops them.
 */
function startPeriodicAlerts(database: Database, config: Config, live: LiveHub): () => void {
	let evaluating = false;
	const alertState = {};
	const alertTimer = setInterval(() => {
		if (evaluating) return;
		evaluating = true;
		evaluatePeriodic(database.db, new Date(), live, {
			tz: config.fiscalTz,
			state: alertState
		})
			.catch((err) => log(`alerts: periodic evaluation failed: ${describeError(err)}`))
			.finally(() => (evaluating = false));
	}, 60_000);
	alertTimer.unref();
	return () => clearInterval(alertTimer);
}

/**
 * The demo's live side once the server listens (nothing when DEMO=0): the simulated payment feed
 * through /ingest, and last year's demo data (for comparisons) loaded in the background.
 */
function demoFeed(
	database: Database,
	config: Config,
	live: LiveHub,
	simulatorKey: string
): { start(port: number): void; stop(): Promise<void> } {
	let simulator: InProcessFeed | undefined;
	const history = new AbortController();
	let historySeed: Promise<unknown> | undefined;
	return {
		start(port) {
			if (!config.demo || simulator) return;
			simulator = startInProcessFeed({
				url: `http://127.0.0.1:${port}`,
				key: simulatorKey,
				tz: config.fiscalTz,
				pace: config.demoFeedPace,
				allHours: config.demoFeedPace !== undefined,
				log
			});
			const year = Number(fiscalToday(config.fiscalTz).slice(0, 4));
			historySeed = seedDemoHistory(database, {
				year,
				through: `${year - 1}-12-31`,
				tz: config.fiscalTz,
				live,
				signal: history.signal
			})
				.then((r) => r === 'seeded' && log(`demo: fiscal year ${year - 1} loaded for comparisons`))
				.catch(
					(err) =>
						history.signal.aborted ||
						log(`demo: loading fiscal year ${year - 1} failed: ${describeError(err)}`)
				);
		},
		async stop() {
			history.abort();
			await historySeed;
			await simulator?.stop();
		}
	};
}

/**
 * The first admin comes from ADMIN_PASSWORD. Without it, on an empty database, a random one-time
 * password is written to DATA_DIR/initial-admin-password (mode 600) and never printed.
 */
async function ensureAdmin(database: Database, adminPassword: string | undefined, dataDir: string) {
	const { outcome, generated } = await bootstrapAdmin(database.db, adminPassword);
	if (outcome !== 'created') return;
	if (!generated) return log('created user admin from ADMIN_PASSWORD');
	mkdirSync(dataDir, { recursive: true });
	const file = join(dataDir, 'initial-admin-password');
	writeFileSync(file, `${generated}\n`, { mode: 0o600 });
	log(`no user existed: created user "admin"; its one-time password is in ${file}`);
}
