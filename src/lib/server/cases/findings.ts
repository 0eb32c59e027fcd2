/**
 * Alerts read as the case grouping reads them (FindingRow, src/lib/domain/cases/grouping.ts): the
 * one query the case sync, the first-start migration and the profile preview load findings with.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';
import type { AlertLevel } from '../../domain/alerts/params';
import type { FindingRow } from '../../domain/cases/grouping';

/** The alerts `a` that `which` selects (a join and/or a where clause over `alert a`), as findings. */
export async function findingRows(ex: Executor, which: SQL): Promise<FindingRow[]> {
	const found = await rows<{
		id: number;
		rule_type: string;
		subject_key: string;
		period: string;
		year: number;
		level: AlertLevel;
		dept_code: string | null;
		func_code: string | null;
		project_code: string | null;
		explanation: unknown;
	}>(
		ex,
		sql`select a.id::int as id, a.rule_type, a.subject_key, a.period, a.year::int as year, a.level,
				a.dept_code, a.func_code, a.project_code, a.explanation
			from alert a ${which}`
	);
	return found.map((a) => ({
		id: Number(a.id),
		ruleType: a.rule_type,
		subjectKey: a.subject_key,
		period: a.period,
		year: Number(a.year),
		level: a.level,
		deptCode: a.dept_code,
		funcCode: a.func_code,
		projectCode: a.project_code,
		explanation: typeof a.explanation === 'string' ? JSON.parse(a.explanation) : a.explanation
	}));
}
