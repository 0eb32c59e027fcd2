import { describe, expect, it } from 'vitest';
import { Random } from '../demo/random';
import { paymentSchemaIn, validateRecord } from './records';

const TZ = 'Asia/Shanghai';
const schema = paymentSchemaIn(TZ);

const valid = (): Record<string, unknown> => ({
	id: 'ZF-2026-000001',
	paidAt: '2026-03-10T10:00:00+08:00',
	budgetKind: 'fund',
	deptCode: '122',
	agencyCode: '122002',
	funcCode: '2050202',
	econCode: '30201',
	projectCode: '2026-122-01',
	amount: '1234.56',
	payType: 'direct',
	payee: '市华联办公设备有限公司',
	payeeKind: 'org',
	purpose: '办公用品'
});

// Values that sit on either side of some field's rule: types, blanks, padding, lengths, NUL,
// broken Unicode, codes of the wrong length, amounts with too many decimals or beyond the limit.
const PROBES: unknown[] = [
	undefined,
	null,
	'',
	' ',
	'  122  ',
	0,
	1,
	-1,
	12.345,
	1e21,
	Number.NaN,
	true,
	[],
	{},
	'122',
	'１２２',
	'2050202',
	'205',
	'20502',
	'2050',
	'30201',
	'302',
	'3020',
	'x'.repeat(101),
	'y'.repeat(201),
	'z'.repeat(501),
	'a\u0000b',
	'\ud800',
	'general',
	'fund',
	'capital',
	'social',
	'GENERAL',
	'direct',
	'authorized',
	'org',
	'person',
	'2026-03-10',
	'2026-03-10T10:00:00',
	'2026-02-30T10:00:00Z',
	'2026-03-10T24:00:00Z',
	'2026-03-10 10:00:00+0800',
	' 2026-03-10T10:00:00Z ',
	'1234.5',
	'1234.567',
	'-0.01',
	'+1',
	'1,234.00',
	'1000000000000.00',
	'1000000000000.01',
	'-1000000000000.01',
	1000000000000,
	0.1,
	0.2,
	'A-1',
	'A_1',
	'p'.repeat(40),
	'p'.repeat(41),
	'1'.repeat(20),
	'1'.repeat(21)
];

/** What the app uses of a record: its fields, with absent and undefined alike. */
const comparable = (r: unknown) =>
	JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)));

function agreeWithSchema(input: Record<string, unknown>) {
	const reference = schema.safeParse(input);
	const got = validateRecord('payment', input, TZ);
	expect(got.ok, JSON.stringify(input)).toBe(reference.success);
	if (got.ok && reference.success)
		expect(comparable(got.record)).toEqual(comparable(reference.data));
}

describe('payment validation', () => {
	it('accepts exactly what the payment schema accepts, with the same record, field by field', () => {
		for (const field of Object.keys(valid()))
			for (const probe of PROBES) {
				const input = valid();
				if (probe === undefined) delete input[field];
				else input[field] = probe;
				agreeWithSchema(input);
			}
	});

	it('agrees with the schema on random mixtures of good and bad fields', () => {
		const r = new Random(42);
		for (let i = 0; i < 1500; i++) {
			const input = valid();
			for (const field of Object.keys(input))
				if (r.chance(0.15)) {
					const probe = r.pick(PROBES);
					if (probe === undefined) delete input[field];
					else input[field] = probe;
				}
			agreeWithSchema(input);
		}
	});

	it('names each bad field in the reason', () => {
		const got = validateRecord('payment', { ...valid(), amount: '1.234', funcCode: '20' }, TZ);
		expect(got).toEqual({
			ok: false,
			reason: expect.stringMatching(/funcCode: .*; amount: must be a decimal amount/)
		});
	});
});
