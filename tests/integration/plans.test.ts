import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { planRecord } from '../support/factories';

describe.each(databaseTargets)('plan ingest on $name', (target) => {
	const app = useTestApp(target);

	it.skipIf(target.unavailable)(
		'makes an adjustment the available plan of its line and keeps both records',
		async () => {
			const line = {
				deptCode: '139',
				funcCode: '2140104',
				econCode: '309',
				projectCode: '2026139001'
			};
			await app.ingest('plan', [planRecord({ ...line, stage: 'initial', amount: '8000000.00' })]);
			await app.ingest('plan', [
				planRecord({ ...line, stage: 'adjusted', amount: '8800000.00', effectiveOn: '2026-08-27' })
			]);
			const [found] = await rows<{
				initial_amount: string;
				adjusted_amount: string;
				available_amount: string;
				records: number;
			}>(
				app.database.db,
				sql`select initial_amount::text, adjusted_amount::text, available_amount::text,
				(select count(*)::int from plan_record r where r.plan_line_id = l.id) as records
				from plan_line l where dept_code = '139' and project_code = '2026139001'`
			);
			expect(found).toEqual({
				initial_amount: '8000000.00',
				adjusted_amount: '8800000.00',
				available_amount: '8800000.00',
				records: 2
			});
		}
	);

	it.skipIf(target.unavailable)(
		'requires a department and function code on spending lines',
		async () => {
			const ack = await app.ingest('plan', [planRecord({ deptCode: '', funcCode: '' })]);
			expect(ack.rejected[0].reason).toBe(
				'deptCode: is required on a spending line; funcCode: is required on a spending line'
			);
		}
	);
});
