// Names for alert labels: departments/units, function codes and revenue subjects.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../../db/client';
import type { Names } from '../../../domain/alerts/judges/labels';

export async function loadNames(ex: Executor): Promise<Names> {
	const [units, codes] = await Promise.all([
		rows<{ code: string; name: string }>(ex, sql`select code, name from budget_unit`),
		rows<{ scheme: string; code: string; name: string; name_en: string | null }>(
			ex,
			sql`select scheme, code, name, name_en from classification_code
				where scheme in ('function', 'revenue')`
		)
	]);
	const [func, revenue, funcEn, revenueEn] = [0, 1, 2, 3].map(() => new Map<string, string>());
	for (const c of codes) {
		const isFunc = c.scheme === 'function';
		(isFunc ? func : revenue).set(c.code, c.name);
		if (c.name_en) (isFunc ? funcEn : revenueEn).set(c.code, c.name_en);
	}
	return { unit: new Map(units.map((u) => [u.code, u.name])), func, revenue, funcEn, revenueEn };
}
