// Reads what the data-quality rule judges: open quarantine, payments under unknown codes or units.
import { sql } from 'drizzle-orm';
import { anyText, rows, type Executor } from '../../../../../db/client';
import type { QualityCounts, QualityTouch } from '../../../domain/alerts/judges/quality';
import { rollupBetween } from '../../rollup-read';

/**
 * Quarantined records (open) per kind of those received in the year; payments under unknown
 * function codes or units. With `touch`, only what the batch can change (see QualityTouch).
 */
export async function loadQualityCounts(
	ex: Executor,
	year: number,
	tz: string,
	touch?: QualityTouch
): Promise<QualityCounts> {
	const months = sql`grain = 'm' and period >= ${`${year}-01-01`}::date and period <= ${`${year}-12-01`}::date`;
	const none = Promise.resolve([] as { kind: string; code: string; n: number }[]);
	const [quarantined, unknownFunc, unknownUnit] = await Promise.all([
		touch && !touch.quarantine
			? none
			: rows<{ kind: string; n: number }>(
					ex,
					sql`select kind, count(*)::int as n from quarantine where status = 'open'
						and received_at >= ${`${year}-01-01 00:00`}::timestamp at time zone ${tz}
						and received_at < ${`${year + 1}-01-01 00:00`}::timestamp at time zone ${tz}
						group by kind`
				),
		touch && touch.funcCodes.length === 0
			? none
			: rows<{ code: string; n: number }>(
					ex,
					sql`select func_code as code, sum(payment_count)::int as n from execution_rollup
						where level = 'func' and ${months}
							${touch ? sql`and func_code = ${anyText(touch.funcCodes)}` : sql``}
							and func_code not in (select code from classification_code where scheme = 'function')
						group by func_code`
				),
		touch && touch.unitCodes.length === 0
			? none
			: rows<{ code: string; n: number }>(
					ex,
					sql`select code, sum(n)::int as n from (
							select dept_code as code, payment_count as n from execution_rollup
								where level = 'dept' and ${months} ${touch ? sql`and dept_code = ${anyText(touch.unitCodes)}` : sql``}
							union all
							select agency_code, payment_count from ${rollupBetween(
								'unit',
								null,
								`${year}-01-01`,
								`${year}-12-31`,
								sql`agency_code <> ''${touch ? sql` and agency_code = ${anyText(touch.unitCodes)}` : sql``}`
							)} u
						) s where code not in (select code from budget_unit) group by code`
				)
	]);
	return { quarantined, unknownFunc, unknownUnit };
}
