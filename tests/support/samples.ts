/**
 * Sample values for route parameters (`[code]`, `[dept]` …) and the records they name, shared by
 * the tests generated from the route tree: a route with a parameter not listed here fails them.
 */
import { postBatch, type RunningServer } from './server';

/** Sample values of route parameters (`[code]` …); a route with a parameter not listed fails. */
// Route parameters point at records the suite ingests before it walks the routes.
export const SAMPLE_PARAMS: Record<string, string> = {
	code: '205',
	dept: '122',
	unit: '122002',
	project: '2026122001',
	id: 'MATRIX-PAY-1',
	// The first case: MATRIX-PAY-2 is a large payment (大额支付) and takes its line over plan.
	alert: '1',
	type: 'paceLag',
	finding: 'MATRIX-AUDIT-1',
	// An enterprise of the state-asset reports (its entity page).
	entity: 'MATRIX-SOE',
	// A fiscal year's case summary.
	year: '2026'
};

/** The department, unit, project, payment and alert the sample parameters name, so their pages exist. */
export async function seedSampleRecords(server: RunningServer): Promise<void> {
	const year = Number(
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
			new Date()
		)
	);
	const send = async (kind: string, records: unknown[]) => {
		const res = await postBatch(server, { batchId: `matrix-${kind}`, kind, records });
		if (res.status !== 200 || res.body.rejected.length > 0)
			throw new Error(`matrix seed ${kind}: ${JSON.stringify(res.body)}`);
	};
	await send('unit', [
		{ code: '122', name: '市教育局' },
		{ code: '122002', name: '市第一中学', parentCode: '122' }
	]);
	await send('plan', [
		{
			id: 'MATRIX-PLAN-1',
			year,
			stage: 'initial',
			deptCode: '122',
			funcCode: '2050202',
			econCode: '309',
			projectCode: '2026122001',
			projectName: '校舍维修改造',
			amount: '1000000.00'
		},
		{
			id: 'MATRIX-PLAN-2',
			year,
			stage: 'initial',
			side: 'revenue',
			subjectCode: '10101',
			amount: '5000000.00'
		}
	]);
	await send('payment', [
		{
			id: 'MATRIX-PAY-1',
			paidAt: `${year}-01-05T10:00:00+08:00`,
			deptCode: '122',
			agencyCode: '122002',
			funcCode: '2050202',
			econCode: '30905',
			projectCode: '2026122001',
			amount: '2500.00',
			payee: '市第三建筑工程有限公司',
			payeeKind: 'org'
		},
		{
			id: 'MATRIX-PAY-2',
			paidAt: `${year}-01-06T10:00:00+08:00`,
			deptCode: '122',
			agencyCode: '122002',
			funcCode: '2050202',
			econCode: '30905',
			projectCode: '2026122001',
			amount: '1200000.00',
			payee: '市第三建筑工程有限公司',
			payeeKind: 'org'
		}
	]);
	await send('audit', [
		{
			id: 'MATRIX-AUDIT-1',
			year: year - 1,
			unitCode: '122',
			category: '专项资金管理使用不规范',
			description: '专项资金闲置超过一年未使用',
			amount: '500000.00',
			type: 'staged',
			dueDate: `${year + 1}-06-30`,
			status: 'partial',
			amountRectified: '100000.00'
		}
	]);
	// Two years of one enterprise, so that the asset report draws its trend.
	await send('asset', [
		{
			id: 'MATRIX-ASSET-0',
			period: String(year - 2),
			category: 'enterprise',
			entityCode: 'MATRIX-SOE',
			entityName: '市城市建设投资集团有限公司',
			figures: {
				totalAssets: '900000.00',
				totalLiabilities: '510000.00',
				openingEquity: '380000.00',
				equity: '390000.00'
			}
		},
		{
			id: 'MATRIX-ASSET-1',
			period: String(year - 1),
			category: 'enterprise',
			entityCode: 'MATRIX-SOE',
			entityName: '市城市建设投资集团有限公司',
			figures: {
				totalAssets: '1000000.00',
				totalLiabilities: '600000.00',
				openingEquity: '390000.00',
				equity: '400000.00'
			}
		}
	]);
	await send('revenue', [
		{
			id: 'MATRIX-REV-1',
			collectedAt: `${year}-01-05T16:30:00+08:00`,
			subjectCode: '10101',
			amount: '12000.00'
		}
	]);
}
