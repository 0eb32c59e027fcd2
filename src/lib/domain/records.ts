/**
 * The ingest contract's record kinds and their validation: one schema per kind, shared by the
 * socket handler, the HTTP endpoint and the worker. A rejected record gets a field-level reason.
 */
import { z } from 'zod';
import { codeProblem, type CodeScheme } from './codes';
import { DEFAULT_FISCAL_TZ } from './fiscal';
import { parseInstant } from './instant';
import { parseYuan, type Fen } from './money';
import { RECORD_KINDS, type RecordKind } from './record-kinds';

export { RECORD_KINDS, type RecordKind };

export const BUDGET_KINDS = ['general', 'fund', 'capital', 'social'] as const;
export type BudgetKind = (typeof BUDGET_KINDS)[number];

/**
 * Limits, the same on both transports: a batch of more records or bytes is refused whole (HTTP 413,
 * socket ack `{ batchId, error }`; nothing stored, the sender splits it); a record over its limit is
 * rejected alone and kept in quarantine (truncated).
 */
export const MAX_BATCH_RECORDS = 10_000;
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;
export const MAX_RECORD_BYTES = 16 * 1024;

/** The error for a batch over the byte limit. */
export function batchBytesError(bytes: number): string {
	return `batch: ${bytes} bytes is over the ${MAX_BATCH_BYTES}-byte limit for one batch; send fewer records per batch`;
}
/** Largest amount accepted, in 元 (a trillion): beyond it a figure is a typo, not a payment. */
const MAX_ABS_FEN = 1_000_000_000_000n * 100n;

const noNul = (v: string) => !v.includes('\u0000') && v.isWellFormed();
const NUL_MESSAGE = 'must not contain the NUL character or broken Unicode';
const text = (max: number) =>
	z
		.string()
		.trim()
		.min(1, 'must not be empty')
		.max(max, `must be at most ${max} characters`)
		.refine(noNul, NUL_MESSAGE);
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `must be at most ${max} characters`)
		.refine(noNul, NUL_MESSAGE)
		.optional()
		.nullable()
		.transform((v) => (v ? v : undefined));

const unitCode = z
	.string()
	.trim()
	.regex(/^\d{1,20}$/, 'must be 1–20 digits');

const classCode = (scheme: CodeScheme) =>
	z
		.string()
		.trim()
		.superRefine((v, ctx) => {
			const problem = codeProblem(scheme, v);
			if (problem) ctx.addIssue({ code: 'custom', message: problem });
		});

const optionalCode = (schema: z.ZodType<string>) =>
	z
		.union([schema, z.literal(''), z.null()])
		.optional()
		.transform((v) => (v ? v : ''));

/** An amount in 元: a decimal string or number with at most two decimals; becomes bigint fen. */
const amount = z.union([z.string(), z.number()]).transform((v, ctx): Fen => {
	const fen = parseYuan(v);
	if (fen === null) {
		ctx.addIssue({
			code: 'custom',
			message: `must be a decimal amount in 元 with at most 2 decimals, got ${JSON.stringify(v)}`
		});
		return z.NEVER;
	}
	if (fen > MAX_ABS_FEN || fen < -MAX_ABS_FEN) {
		ctx.addIssue({ code: 'custom', message: `is beyond ±1,000,000,000,000 元, got ${v}` });
		return z.NEVER;
	}
	return fen;
});

const budgetKind = z
	.enum(BUDGET_KINDS, { error: `must be one of ${BUDGET_KINDS.join(', ')}` })
	.optional()
	.nullable()
	.transform((v): BudgetKind => v ?? 'general');

const year = z.coerce
	.number()
	.int('must be a whole year')
	.min(2000, 'must be 2000 or later')
	.max(2100, 'must be 2100 or earlier');

/** ISO 8601 instant; without an offset it is local time in the fiscal zone `tz`. */
const instantIn = (tz: string) =>
	z.string().transform((v, ctx) => {
		const parsed = parseInstant(v, tz);
		if (!parsed) {
			ctx.addIssue({
				code: 'custom',
				message: `must be an ISO 8601 date-time that exists, got ${JSON.stringify(v)}`
			});
			return z.NEVER;
		}
		return parsed.instant;
	});

export const unitSchema = z.object({
	code: unitCode,
	name: text(200),
	parentCode: optionalCode(unitCode)
});

export const planSchema = z
	.object({
		id: text(100),
		year,
		stage: z.enum(['initial', 'adjusted'], { error: 'must be initial or adjusted' }),
		budgetKind,
		side: z
			.enum(['expenditure', 'revenue'], { error: 'must be expenditure or revenue' })
			.optional()
			.nullable()
			.transform((v) => v ?? 'expenditure'),
		amount,
		deptCode: optionalCode(unitCode),
		funcCode: optionalCode(classCode('function')),
		econCode: optionalCode(classCode('economic')),
		projectCode: optionalCode(
			z
				.string()
				.trim()
				.regex(/^[0-9A-Za-z-]{1,40}$/, 'must be 1–40 letters, digits or dashes')
		),
		projectName: optionalText(200),
		subjectCode: optionalCode(classCode('revenue')),
		effectiveOn: z
			.string()
			.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
			.optional()
			.nullable()
			.transform((v) => v ?? undefined)
	})
	.superRefine((p, ctx) => {
		if (p.side === 'expenditure') {
			if (!p.deptCode)
				ctx.addIssue({
					code: 'custom',
					path: ['deptCode'],
					message: 'is required on a spending line'
				});
			if (!p.funcCode)
				ctx.addIssue({
					code: 'custom',
					path: ['funcCode'],
					message: 'is required on a spending line'
				});
		} else if (!p.subjectCode) {
			ctx.addIssue({
				code: 'custom',
				path: ['subjectCode'],
				message: 'is required on a revenue line'
			});
		}
	});

export const paymentSchemaIn = (tz: string) =>
	z.object({
		id: text(100),
		paidAt: instantIn(tz),
		budgetKind,
		deptCode: unitCode,
		agencyCode: optionalCode(unitCode),
		funcCode: classCode('function'),
		econCode: classCode('economic'),
		projectCode: optionalCode(
			z
				.string()
				.trim()
				.regex(/^[0-9A-Za-z-]{1,40}$/, 'must be 1–40 letters, digits or dashes')
		),
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

export const revenueSchemaIn = (tz: string) =>
	z.object({
		id: text(100),
		collectedAt: instantIn(tz),
		budgetKind,
		subjectCode: classCode('revenue'),
		amount
	});

const figure = z.union([z.string(), z.number()]).transform((v, ctx) => {
	const s = typeof v === 'number' ? String(v) : v.trim();
	if (!/^-?\d{1,18}(\.\d{1,6})?$/.test(s)) {
		ctx.addIssue({ code: 'custom', message: `must be a decimal number, got ${JSON.stringify(v)}` });
		return z.NEVER;
	}
	return s;
});

export const assetSchema = z.object({
	id: text(100),
	period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'must be YYYY or YYYY-MM'),
	category: z.enum(['enterprise', 'financial', 'administrative', 'natural'], {
		error: 'must be enterprise, financial, administrative or natural'
	}),
	entityCode: text(40),
	entityName: text(200),
	figures: z
		.record(
			z.string().min(1).max(60),
			z.union([
				figure,
				z.string().max(40, 'must be a decimal number or a text of at most 40 characters')
			])
		)
		.refine(
			(f) => Object.keys(f).length > 0 && Object.keys(f).length <= 60,
			'must name between 1 and 60 figures'
		)
});

export type UnitRecord = z.output<typeof unitSchema>;
export type PlanRecord = z.output<typeof planSchema>;
export type PaymentRecord = z.output<ReturnType<typeof paymentSchemaIn>>;
export type RevenueRecord = z.output<ReturnType<typeof revenueSchemaIn>>;
export type AssetRecord = z.output<typeof assetSchema>;

export interface RecordByKind {
	unit: UnitRecord;
	plan: PlanRecord;
	payment: PaymentRecord;
	revenue: RevenueRecord;
	asset: AssetRecord;
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
			asset: assetSchema
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

/**
 * The payment schema's checks written out by hand for the ingest hot path (the zod schema costs
 * ~10× more per record). It accepts only what paymentSchemaIn accepts, producing the same record
 * (records.spec.ts compares the two on valid and mutated input); anything it is unsure of — every
 * invalid record included — returns null and goes through the schema, which words the reason.
 */
function fastPayment(r: Record<string, unknown>, tz: string): PaymentRecord | null {
	const id = fastText(r.id, 100);
	if (id === null || typeof r.paidAt !== 'string') return null;
	const paid = parseInstant(r.paidAt, tz);
	if (!paid) return null;
	const kind = r.budgetKind;
	let budgetKind: BudgetKind = 'general';
	if (kind !== undefined && kind !== null) {
		if (kind !== 'general' && kind !== 'fund' && kind !== 'capital' && kind !== 'social')
			return null;
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

const UNIT_CODE = /^\d{1,20}$/;
const PROJECT_CODE = /^[0-9A-Za-z-]{1,40}$/;

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

/** The sender's id of a raw record, when it has a usable one (for quarantine and reports). */
export function rawRecordId(raw: unknown): string | undefined {
	if (raw && typeof raw === 'object' && 'id' in raw) {
		const id = (raw as { id: unknown }).id;
		if (typeof id === 'string' || typeof id === 'number') return printable(String(id));
	}
	if (raw && typeof raw === 'object' && 'code' in raw) {
		const code = (raw as { code: unknown }).code;
		if (typeof code === 'string') return printable(code);
	}
	return undefined;
}

/** A string cut to 100 characters that PostgreSQL text can hold (no NUL, no lone surrogates). */
function printable(text: string): string {
	return text.slice(0, 100).replaceAll('\u0000', '\uFFFD').toWellFormed();
}

export interface IngestRequest {
	batchId: string;
	kind: RecordKind;
	records: unknown[];
}

export interface IngestAck {
	batchId: string;
	accepted: number;
	duplicates: number;
	rejected: { index: number; id?: string; reason: string }[];
}

export interface IngestError {
	batchId: string;
	error: string;
}

/** Checks the envelope; returns the problem in words or the typed request. */
export function parseEnvelope(
	body: unknown
):
	| { ok: true; request: IngestRequest }
	| { ok: false; error: string; batchId?: string; tooLarge?: true } {
	if (!body || typeof body !== 'object' || Array.isArray(body))
		return { ok: false, error: 'body must be a JSON object' };
	const b = body as Record<string, unknown>;
	const batchId = typeof b.batchId === 'string' ? b.batchId : undefined;
	if (!batchId || !/^[\w.:@-]{1,200}$/.test(batchId))
		return { ok: false, error: 'batchId: must be 1–200 letters, digits or ._:@-' };
	if (typeof b.kind !== 'string' || !(RECORD_KINDS as readonly string[]).includes(b.kind))
		return { ok: false, batchId, error: `kind: must be one of ${RECORD_KINDS.join(', ')}` };
	if (!Array.isArray(b.records)) return { ok: false, batchId, error: 'records: must be an array' };
	if (b.records.length > MAX_BATCH_RECORDS)
		return {
			ok: false,
			batchId,
			tooLarge: true,
			error: `records: at most ${MAX_BATCH_RECORDS} records per batch, got ${b.records.length}; split the batch`
		};
	return { ok: true, request: { batchId, kind: b.kind as RecordKind, records: b.records } };
}
