/**
 * npm run bench:alert-quality — replays the demo year from an empty database (PGlite in memory, or
 * PostgreSQL when BENCH_DATABASE_URL is set) with every rule on, then prints the open cases by level
 * and year, the open findings (alerts) the same data gives, and recall and precision of the open
 * cases — and of the open findings — against the planted anomalies (src/lib/demo/planted.ts, and
 * the overdue audit findings of planted-audit.ts).
 */
import { sql } from 'drizzle-orm';
import { openDatabase, rows, type Database } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { findingItem, matchPlanted, type FoundItem } from '../../src/lib/demo/planted';
import { plantedList } from '../../src/lib/demo/planted-audit';
import { fiscalToday } from '../../src/lib/domain/fiscal';
import { seedReferenceCodes } from '../../src/lib/server/seed/index';
import { createScratchDatabase } from '../support/databases';
import { profiledFindings } from '../support/profiled-findings';
import { replayDemoYear } from '../support/demo-replay';

// The issue's figure: the current year as the running demo has it today (fiscal date, Asia/Shanghai).
// BENCH_THROUGH=YYYY-MM-DD replays through another date (e.g. the year's last day).
const TODAY = fiscalToday('Asia/Shanghai');
const YEAR = Number(process.env.BENCH_YEAR ?? TODAY.slice(0, 4));
const THROUGH =
	process.env.BENCH_THROUGH ?? (TODAY.startsWith(`${YEAR}-`) ? TODAY : `${YEAR}-12-31`);

async function fresh(): Promise<Database & { drop(): Promise<void> }> {
	const url = process.env.BENCH_DATABASE_URL;
	if (!url) {
		const db = await openDatabase({ dataDir: 'memory://' });
		await migrateDatabase(db);
		await seedReferenceCodes(db);
		return Object.assign(db, { drop: () => db.close() });
	}
	const scratch = await createScratchDatabase(url);
	const db = await openDatabase({ url: scratch.url, max: 4 });
	await migrateDatabase(db);
	await seedReferenceCodes(db);
	return Object.assign(db, { drop: async () => (await db.close(), await scratch.drop()) });
}

const PLANTED = plantedList(YEAR);
const db = await fresh();
try {
	await replayDemoYear(db, { year: YEAR, through: THROUGH });
	const byLevel = await rows<{ year: number; level: string; n: number }>(
		db.db,
		sql`select year::int as year, level, count(*)::int as n from alert_case
			where status in ('open', 'acknowledged') and not closed_by_year_close group by 1, 2 order by 1, 2`
	);
	const byCause = await rows<{ cause: string; n: number }>(
		db.db,
		sql`select cause, count(*)::int as n from alert_case
			where year = ${YEAR} and status in ('open', 'acknowledged') group by 1 order by 2 desc`
	);
	const findings = await rows<{
		rule_type: string;
		subject_key: string;
		dept_code: string | null;
		project_code: string | null;
	}>(
		db.db,
		sql`select rule_type, subject_key, dept_code, project_code from alert
			where year = ${YEAR} and status in ('open', 'acknowledged')`
	);
	const caseItems = await rows<{
		rules: string[];
		keys: string[];
		projects: string[];
		dept_code: string | null;
		cause: string;
		level: string;
		period: string;
		summaries: string[];
	}>(
		db.db,
		sql`select c.dept_code, c.cause, c.level, c.period, array_agg(distinct a.rule_type) as rules, array_agg(distinct a.subject_key) as keys,
				array_remove(array_agg(distinct a.project_code), null) as projects,
				(array_agg(a.explanation->'summary'->>'zh' order by case a.level when 'severe' then 0 when 'warning' then 1 else 2 end, a.subject_key))[1:2] as summaries
			from alert_case c join alert_case_finding f on f.case_id = c.id join alert a on a.id = f.alert_id
			where c.year = ${YEAR} and c.status in ('open', 'acknowledged') and not c.closed_by_year_close
			group by c.id, c.dept_code, c.cause, c.level, c.period`
	);
	const items: FoundItem[] = caseItems.map((c) => ({
		ruleTypes: c.rules,
		deptCode: c.dept_code,
		projectCodes: c.projects,
		subjectKeys: c.keys
	}));
	const target = process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite (in memory)';
	console.log(
		`alert-quality bench on ${target}: demo year ${YEAR} replayed through ${THROUGH} from an empty database`
	);
	console.log('open cases by year and level:');
	for (const r of byLevel) console.log(`  ${r.year} ${r.level.padEnd(8)} ${r.n}`);
	console.log(
		`open cases ${YEAR}: ${caseItems.length}; open findings (alerts) ${YEAR}: ${findings.length}`
	);
	console.log('open cases by cause:');
	for (const r of byCause) console.log(`  ${r.cause.padEnd(20)} ${r.n}`);
	const onCases = matchPlanted(PLANTED, items, { year: YEAR, through: THROUGH });
	const onFindings = matchPlanted(
		PLANTED,
		findings.map((f) =>
			findingItem({
				ruleType: f.rule_type,
				subjectKey: f.subject_key,
				deptCode: f.dept_code,
				projectCode: f.project_code
			})
		),
		{ year: YEAR, through: THROUGH }
	);
	const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
	console.log(
		`cases vs planted: recall ${pct(onCases.recall)} (${onCases.found}/${onCases.expected}), precision ${pct(onCases.precision)} (${items.length - onCases.unexplained.length}/${items.length})`
	);
	console.log(
		`findings vs planted: recall ${pct(onFindings.recall)}, precision ${pct(onFindings.precision)} (${findings.length} findings)`
	);
	// The goal "0 severe items on profiled lines" (tests/support/profiled-findings.ts).
	const profiled = await profiledFindings(db.db, YEAR);
	console.log(
		`open findings on lines their rule's profile leaves out: ${profiled.leftOut.length}; severe on lines with a thresholds profile: ${profiled.severe.length}${profiled.severe.map((f) => ` (${f.ruleType} ${f.subjectKey} ${f.funcCode ?? ''}/${f.econCode ?? ''})`).join('')}`
	);
	if (onCases.missed.length) console.log('missed:', onCases.missed.map((m) => m.id).join(', '));
	if (process.env.BENCH_LIST) {
		const explained = new Set(onCases.unexplained);
		console.log('cases not on the planted list:');
		for (const c of caseItems.filter((_, i) => explained.has(items[i])))
			console.log(
				`  ${c.cause} ${c.level} ${c.period} dept ${c.dept_code ?? '-'} ${c.rules.join('+')} ${c.keys.slice(0, 3).join(' ')}\n      ${c.summaries.join('\n      ')}`
			);
	}
} finally {
	await db.drop();
}
