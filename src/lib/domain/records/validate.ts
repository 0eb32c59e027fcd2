// One record of any kind against its kind's schema, with a reason that names each bad field.
import type { z } from 'zod';
import { DEFAULT_FISCAL_TZ } from '../fiscal';
import { assetSchema, type AssetRecord } from './asset';
import { codeSchema, type CodeRecord } from './code';
import { auditSchema, type AuditRecord } from './audit';
import type { RecordKind } from './kinds';
import { fastPayment, paymentSchemaIn, type PaymentRecord } from './payment';
import { planSchema, type PlanRecord } from './plan';
import { revenueSchemaIn, type RevenueRecord } from './revenue';
import { unitSchema, type UnitRecord } from './unit';

export interface RecordByKind {
	unit: UnitRecord;
	plan: PlanRecord;
	payment: PaymentRecord;
	revenue: RevenueRecord;
	asset: AssetRecord;
	code: CodeRecord;
	audit: AuditRecord;
}

export type Validated<T> = { ok: true; record: T } | { ok: false; reason: string };

type Schemas = { [K in RecordKind]: z.ZodType<RecordByKind[K]> };
const schemasByTz = new Map<string, Schemas>();

/** The schemas for a fiscal zone (times without offset are read in it); built once per zone. */
function schemasIn(tz: string): Schemas {
	let schemas = schemasByTz.get(tz);
	if (!schemas) {
		schemas = {
			unit: unitSchema,
			plan: planSchema as z.ZodType<PlanRecord>,
			payment: paymentSchemaIn(tz),
			revenue: revenueSchemaIn(tz),
			asset: assetSchema,
			code: codeSchema,
			audit: auditSchema as z.ZodType<AuditRecord>
		};
		schemasByTz.set(tz, schemas);
	}
	return schemas;
}

/** Validates one raw record of a kind; the reason names each bad field: "amount: must be …; paidAt: …". */
export function validateRecord<K extends RecordKind>(
	kind: K,
	raw: unknown,
	tz: string = DEFAULT_FISCAL_TZ
): Validated<RecordByKind[K]> {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
		return { ok: false, reason: 'record: must be a JSON object' };
	}
	if (kind === 'payment') {
		const fast = fastPayment(raw as Record<string, unknown>, tz);
		if (fast) return { ok: true, record: fast as RecordByKind[K] };
	}
	const result = schemasIn(tz)[kind].safeParse(raw);
	if (result.success) return { ok: true, record: result.data };
	return { ok: false, reason: describeIssues(result.error) };
}

function describeIssues(error: z.ZodError): string {
	return error.issues
		.map((issue) => {
			const field = issue.path.join('.') || 'record';
			const message =
				issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
			return `${field}: ${message}`;
		})
		.join('; ');
}
