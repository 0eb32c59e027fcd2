// Names for alert labels: departments/units, function codes and revenue subjects.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../../db/client';
import type { Names } from '../../../domain/alerts/judges/labels';

export async function loadNames(ex: Executor): Promise<Names> {
	const [units, codes] = await Promise.all([
		rows<{ code: string; name: string }>(ex, sql`select code, name from budget_unit`),
		rows<{ scheme: string; code: string; name: string }>(
			ex,
			sql`select scheme, code, name from classification_code where scheme in ('function', 'revenue')`
		)
	]);
	const func = new Map<string, string>();
	const revenue = new Map<string, string>();
	for (const c of codes) (c.scheme === 'function' ? func : revenue).set(c.code, c.name);
	return { unit: new Map(units.map((u) => [u.code, u.name])), func, revenue };
}
