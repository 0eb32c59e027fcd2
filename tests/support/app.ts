/** An in-process app around a test database: the runtime the routes use, with live events captured. */
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../db/client';
import type { LiveEvent } from '../../src/lib/live/events';
import type { IngestAck, RecordKind } from '../../src/lib/domain/records';
import { ingestBatch } from '../../src/lib/server/ingest/index';
import { setRuntime, type Config, type LiveSubject } from '../../src/lib/server/runtime';
import type { DatabaseTarget } from './databases';

export interface TestApp {
	database: Database;
	config: Config;
	events: LiveEvent[];
	/** Subjects whose sockets the app asked to disconnect (sign-out, role change, revocation). */
	disconnects: LiveSubject[];
	ingest(kind: RecordKind, records: unknown[], batchId?: string): Promise<IngestAck>;
}

let batchSeq = 0;

export function startTestApp(database: Database, config: Partial<Config> = {}): TestApp {
	const events: LiveEvent[] = [];
	const disconnects: LiveSubject[] = [];
	const fullConfig: Config = {
		fiscalTz: 'Asia/Shanghai',
		ingestKeys: ['test-ingest-key'],
		demo: false,
		alertsOnIngest: true,
		...config
	};
	const live = {
		publish: (e: LiveEvent[]) => void events.push(...e),
		disconnect: (s: LiveSubject) => void disconnects.push(s)
	};
	setRuntime({ database, config: fullConfig, live });
	return {
		database,
		config: fullConfig,
		events,
		disconnects,
		ingest: (kind, records, batchId = `test-${process.pid}-${++batchSeq}`) =>
			ingestBatch(
				database,
				{ batchId, kind, records },
				{ source: 'test', tz: fullConfig.fiscalTz, live }
			)
	};
}

/**
 * A suite's test app on one database target: opened (fresh database, migrations, reference codes)
 * in a beforeAll registered here, so before the suite's own hooks, and dropped after the suite. The
 * returned app reads through to the one opened for the suite; use it inside hooks and tests.
 */
export function useTestApp(target: DatabaseTarget, config: Partial<Config> = {}): TestApp {
	let current: TestApp | undefined;
	let drop: (() => Promise<void>) | undefined;
	beforeAll(async () => {
		if (target.unavailable) return;
		const database = await target.open();
		drop = database.drop;
		current = startTestApp(database, config);
	});
	afterAll(async () => drop?.());
	return new Proxy({} as TestApp, {
		get(_, key) {
			if (!current)
				throw new Error(
					`the test app on ${target.name} is opened in beforeAll: use it inside hooks and tests`
				);
			return Reflect.get(current, key);
		}
	});
}
