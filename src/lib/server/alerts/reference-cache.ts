/**
 * What the alert rules read for every ingest group and what rarely changes — the names of units and
 * codes (labels, unknown codes), the rules' settings and profiles, a year's plan lines — kept in
 * memory per database and read again only when the reference version moves. Triggers move it in the
 * transaction of every statement that writes those tables (db/migrations/0015), so a group reads
 * one small row and, while nothing changed, nothing else: 5–6 reads and ~1,500 rows a batch less.
 * Another app server's change, a seed, a test's direct insert all move it the same way.
 *
 * A version is read in the group's transaction, so what the cache holds for it is what that
 * transaction would have read; a version made by a transaction that rolled back is never used again.
 */
import { sql } from 'drizzle-orm';
import { rows, type Database, type Executor } from '../../../../db/client';
import type { Names } from '../../domain/alerts/judges/labels';
import type { PlanLine } from '../../domain/alerts/judges/spending';
import type { RuleSettings } from '../../domain/alerts/params';
import { loadNames } from './loaders/names';
import { loadPlanLines } from './loaders/spending';
import { loadSettings } from './rule-settings';

/** The reference data as of one version, filled as it is asked for. */
interface Snapshot {
	version: string;
	names?: Promise<Names>;
	settings?: Promise<RuleSettings>;
	/** Year → department → its expenditure plan lines as in force at the year's end. */
	planLines: Map<number, Promise<Map<string, PlanLine[]>>>;
}

/** Years of plan lines kept at once (this one, last one, a late correction). */
const MAX_PLAN_YEARS = 3;

export class ReferenceCache {
	private snapshot: Snapshot | undefined;
	/** How many times the version had moved (or was first read) since the last use, for tests. */
	reloads = 0;

	/**
	 * The reference data as the transaction `ex` sees it. Call once per transaction, before its own
	 * writes to the reference tables (ingest writes none in a payment group).
	 */
	async current(ex: Executor): Promise<ReferenceView> {
		const [row] = await rows<{ version: string }>(
			ex,
			sql`select version::text as version from reference_version`
		);
		// Without the table (a database not migrated this far) nothing is cached.
		const version = row?.version;
		if (version === undefined || this.snapshot?.version !== version) {
			this.reloads++;
			this.snapshot = { version: version ?? 'none', planLines: new Map() };
			if (version === undefined) {
				const uncached = this.snapshot;
				this.snapshot = undefined;
				return new ReferenceView(ex, uncached);
			}
		}
		return new ReferenceView(ex, this.snapshot);
	}
}

/** One transaction's view of the cache. */
export class ReferenceView {
	constructor(
		private readonly ex: Executor,
		private readonly snapshot: Snapshot
	) {}

	names(): Promise<Names> {
		return (this.snapshot.names ??= forgetOnFailure(loadNames(this.ex), () => {
			this.snapshot.names = undefined;
		}));
	}

	settings(): Promise<RuleSettings> {
		return (this.snapshot.settings ??= forgetOnFailure(loadSettings(this.ex), () => {
			this.snapshot.settings = undefined;
		}));
	}

	/** The year's expenditure plan lines of these departments, in force at the year's end. */
	async planLines(year: number, depts: ReadonlySet<string>): Promise<PlanLine[]> {
		const years = this.snapshot.planLines;
		let byDept = years.get(year);
		if (!byDept) {
			const loading = loadPlanLines(this.ex, year, `${year}-12-31`).then((lines) => {
				const map = new Map<string, PlanLine[]>();
				for (const l of lines)
					(map.get(l.deptCode) ?? map.set(l.deptCode, []).get(l.deptCode)!).push(l);
				return map;
			});
			byDept = forgetOnFailure(loading, () => years.delete(year));
			years.set(year, byDept);
			if (years.size > MAX_PLAN_YEARS) years.delete(years.keys().next().value!);
		}
		const map = await byDept;
		return [...depts].flatMap((d) => map.get(d) ?? []);
	}
}

/** A load that failed (its transaction aborted) is not kept: the next use reads again. */
function forgetOnFailure<T>(load: Promise<T>, forget: () => void): Promise<T> {
	load.catch(forget);
	return load;
}

const caches = new WeakMap<Database, ReferenceCache>();

/** The cache of one database in this process (each database its own: tests open many). */
export function referenceCacheOf(database: Database): ReferenceCache {
	let cache = caches.get(database);
	if (!cache) caches.set(database, (cache = new ReferenceCache()));
	return cache;
}
