/**
 * The ingest contract's record kinds and their validation: one schema per kind, shared by the
 * socket handler, the HTTP endpoint and the worker. A rejected record gets a field-level reason.
 * Record kinds alone (no zod, for the browser): ./kinds.
 */
export { BUDGET_KINDS, RECORD_KINDS, type BudgetKind, type RecordKind } from './kinds';
export {
	batchBytesError,
	MAX_BATCH_BYTES,
	MAX_BATCH_RECORDS,
	MAX_RECORD_BYTES,
	parseEnvelope,
	rawRecordId,
	type IngestAck,
	type IngestError,
	type IngestRequest
} from './envelope';
export { unitSchema, type UnitRecord } from './unit';
export { planSchema, type PlanRecord } from './plan';
export { paymentSchemaIn, type PaymentRecord } from './payment';
export { revenueSchemaIn, type RevenueRecord } from './revenue';
export { assetSchema, type AssetRecord } from './asset';
export { codeSchema, type CodeRecord } from './code';
export { auditSchema, type AuditRecord } from './audit';
export { validateRecord, type RecordByKind, type Validated } from './validate';
export { DATED_FIELDS, dateProblem, FUTURE_TOLERANCE_MS } from './dates';
export { MAX_RECORD_DEPTH, recordDepthExceeds, shallowCopy } from './depth';
