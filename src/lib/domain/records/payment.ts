/**
 * Payments (支付): the treasury's payment vouchers, the ingest hot path. The schema words every
 * reason; fastPayment accepts the common valid record at a tenth of its cost.
 */
import { z } from 'zod';
import { codeProblem } from '../codes';
import { parseInstant } from '../instant';
import { parseYuan } from '../money';
import {
	amount,
	budgetKind,
	classCode,
	instantIn,
	MAX_ABS_FEN,
	noNul,
	optionalCode,
	optionalText,
	PROJECT_CODE,
	projectCode,
	text,
	UNIT_CODE,
	unitCode
} from './fields';
import { DEFAULT_BUDGET_KIND, isBudgetKind, type BudgetKind } from '../budget-kinds';

export const paymentSchemaIn = (tz: string) =>
	z.object({
		id: text(100),
		paidAt: instantIn(tz),
		budgetKind,
		deptCode: unitCode,
		agencyCode: optionalCode(unitCode),
		funcCode: classCode('function'),
		econCode: classCode('economic'),
		projectCode: optionalCode(projectCode),
		amount,
		payType: z
			.enum(['direct', 'authorized'], { error: 'must be direct or authorized' })
			.optional()
			.nullable()
			.transform((v) => v ?? undefined),
		payee: optionalText(200),
		payeeKind: z
			.enum(['org', 'person'], { error: 'must be org or person' })
			.optional()
			.nullable()
			.transform((v) => v ?? undefined),
		purpose: optionalText(500)
	});

export type PaymentRecord = z.output<ReturnType<typeof paymentSchemaIn>>;

/**
 * The payment schema's checks written out by hand for the ingest hot path (the zod schema costs
 * ~10× more per record). It accepts only what paymentSchemaIn accepts, producing the same record
 * (domain/records.spec.ts compares the two on valid and mutated input); anything it is unsure of — every
 * invalid record included — returns null and goes through the schema, which words the reason.
 */
export function fastPayment(r: Record<string, unknown>, tz: string): PaymentRecord | null {
	const id = fastText(r.id, 100);
	if (id === null || typeof r.paidAt !== 'string') return null;
	const paid = parseInstant(r.paidAt, tz);
	if (!paid) return null;
	const kind = r.budgetKind;
	let budgetKind: BudgetKind = DEFAULT_BUDGET_KIND;
	if (kind !== undefined && kind !== null) {
		if (!isBudgetKind(kind)) return null;
		budgetKind = kind;
	}
	if (typeof r.deptCode !== 'string') return null;
	const deptCode = r.deptCode.trim();
	if (!UNIT_CODE.test(deptCode)) return null;
	const agencyCode = fastOptional(r.agencyCode, UNIT_CODE);
	const projectCode = fastOptional(r.projectCode, PROJECT_CODE);
	if (agencyCode === null || projectCode === null) return null;
	if (typeof r.funcCode !== 'string' || typeof r.econCode !== 'string') return null;
	const funcCode = r.funcCode.trim();
	const econCode = r.econCode.trim();
	if (codeProblem('function', funcCode) !== null || codeProblem('economic', econCode) !== null)
		return null;
	if (typeof r.amount !== 'string' && typeof r.amount !== 'number') return null;
	const amount = parseYuan(r.amount);
	if (amount === null || amount > MAX_ABS_FEN || amount < -MAX_ABS_FEN) return null;
	const payType = r.payType ?? undefined;
	if (payType !== undefined && payType !== 'direct' && payType !== 'authorized') return null;
	const payeeKind = r.payeeKind ?? undefined;
	if (payeeKind !== undefined && payeeKind !== 'org' && payeeKind !== 'person') return null;
	const payee = fastOptionalText(r.payee, 200);
	const purpose = fastOptionalText(r.purpose, 500);
	if (payee === null || purpose === null) return null;
	return {
		id,
		paidAt: paid.instant,
		budgetKind,
		deptCode,
		agencyCode,
		funcCode,
		econCode,
		projectCode,
		amount,
		payType,
		payee,
		payeeKind,
		purpose
	};
}

/** text(max): a trimmed, non-empty string of at most `max` characters without NUL; null otherwise. */
function fastText(v: unknown, max: number): string | null {
	if (typeof v !== 'string') return null;
	const t = v.trim();
	return t.length >= 1 && t.length <= max && noNul(t) ? t : null;
}

/** optionalText(max): absent, null or '' → undefined; a valid string → trimmed (or undefined when blank). */
function fastOptionalText(v: unknown, max: number): string | undefined | null {
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'string') return null;
	const t = v.trim();
	if (t.length > max || !noNul(t)) return null;
	return t ? t : undefined;
}

/** optionalCode(pattern): absent, null or '' → ''; a string matching after trim → trimmed. */
function fastOptional(v: unknown, pattern: RegExp): string | null {
	if (v === undefined || v === null || v === '') return '';
	if (typeof v !== 'string') return null;
	const t = v.trim();
	return pattern.test(t) ? t : null;
}
