/** Small record factories for tests: each call gives a valid record; override what the test is about. */
let n = 0;

export function paymentRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	n++;
	return {
		id: `T-PAY-${process.pid}-${n}`,
		paidAt: '2026-03-10T10:00:00+08:00',
		deptCode: '122',
		agencyCode: '122002',
		funcCode: '2050202',
		econCode: '30201',
		amount: '1234.56',
		payType: 'authorized',
		payee: '市华联办公设备有限公司',
		payeeKind: 'org',
		purpose: '办公用品',
		...overrides
	};
}

export function planRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	n++;
	return {
		id: `T-PLAN-${process.pid}-${n}`,
		year: 2026,
		stage: 'initial',
		deptCode: '122',
		funcCode: '205',
		econCode: '',
		amount: '1000000.00',
		...overrides
	};
}

export function unitRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return { code: '122', name: '市教育局', ...overrides };
}
