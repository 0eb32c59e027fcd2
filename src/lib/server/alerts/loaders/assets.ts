// Reads the state-asset reports of enterprises that the leverage and capital-preservation rules judge.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../../db/client';
import type { EnterpriseReport } from '../../../domain/alerts/judges/assets';

export async function loadEnterpriseReports(ex: Executor): Promise<EnterpriseReport[]> {
	const reports = await rows<{
		period: string;
		entity_code: string;
		entity_name: string;
		figures: Record<string, unknown>;
	}>(
		ex,
		sql`select period, entity_code, entity_name, figures from asset_report where category = 'enterprise'`
	);
	return reports.map((r) => ({
		period: r.period,
		entityCode: r.entity_code,
		entityName: r.entity_name,
		figures: r.figures
	}));
}
