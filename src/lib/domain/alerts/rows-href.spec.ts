import { describe, expect, it } from 'vitest';
import { rowsHref, type AlertSubject } from './rows-href';

const subject = (a: Partial<AlertSubject>): AlertSubject => ({
	ruleType: 'overPlan',
	subjectKey: 'general:122:205',
	year: 2026,
	deptCode: '122',
	funcCode: '205',
	projectCode: null,
	...a
});

describe('the link to the rows behind an alert', () => {
	it('filters the payment ledger by the subject’s codes, naming a budget other than the general one', () => {
		expect(rowsHref(subject({}))).toBe('/payments?year=2026&dept=122&func=205');
		expect(rowsHref(subject({ subjectKey: 'fund:122:205' }))).toBe(
			'/payments?year=2026&kind=fund&dept=122&func=205'
		);
	});

	it('opens the page of a single payment, a project, a department or a revenue subject', () => {
		expect(rowsHref(subject({ ruleType: 'largePayment', subjectKey: 'PAY 1' }))).toBe(
			'/payments/PAY%201'
		);
		expect(rowsHref(subject({ ruleType: 'projectIdle', projectCode: 'P1' }))).toBe(
			'/departments/122/projects/P1?year=2026'
		);
		expect(rowsHref(subject({ ruleType: 'paceLag', subjectKey: 'general:dept:122' }))).toBe(
			'/departments/122?year=2026'
		);
		expect(
			rowsHref(
				subject({ ruleType: 'paceLag', subjectKey: 'general:city', deptCode: null, funcCode: null })
			)
		).toBe('/?year=2026');
		expect(rowsHref(subject({ ruleType: 'revenueLag', subjectKey: 'general:10101' }))).toBe(
			'/revenue/10101?year=2026'
		);
	});

	it('opens the assets page of the report period an asset alert judged, not of the alert’s year', () => {
		expect(rowsHref(subject({ ruleType: 'soeLeverage', subjectKey: 'CTJT', period: '2025' }))).toBe(
			'/assets?year=2025'
		);
		expect(
			rowsHref(subject({ ruleType: 'capitalPreservation', subjectKey: 'CTJT', period: '2025-06' }))
		).toBe('/assets?year=2025&period=2025-06');
	});

	it('sends data-quality alerts to quarantine or to the ledger of the unknown code', () => {
		expect(rowsHref(subject({ ruleType: 'dataQuality', subjectKey: 'quarantine:payment' }))).toBe(
			'/feed/quarantine'
		);
		expect(
			rowsHref(subject({ ruleType: 'dataQuality', subjectKey: 'unit:999', funcCode: null }))
		).toBe('/payments?year=2026&dept=999');
		expect(rowsHref(subject({ ruleType: 'threePublic', subjectKey: 'general:122' }))).toBe(
			'/payments?year=2026&dept=122&econ=302'
		);
	});
});
