// Audit findings (审计整改): one finding of an audit year's report, by unit, to be rectified by a date.
import { z } from 'zod';
import { isFiscalDate } from '../calendar';
import { fenToYuan } from '../money';
import { FINDING_STATUSES, FINDING_TYPES } from '../rectification/status';
import { amount, optionalCode, optionalText, text, unitCode, year } from './fields';

const nonNegative = amount.refine((fen) => fen >= 0n, 'must not be negative');
const optionalAmount = z
	.preprocess((v) => (v === '' || v === null ? undefined : v), nonNegative.optional())
	.transform((v) => (v === undefined ? undefined : fenToYuan(v)));

export const auditSchema = z
	.object({
		id: text(100),
		year,
		report: optionalText(300),
		/** The unit's code; a list that names units only sends `unitName` and the server finds the code. */
		unitCode: optionalCode(unitCode),
		unitName: optionalText(200),
		category: text(100),
		description: text(4000),
		amount: optionalAmount,
		type: z.enum(FINDING_TYPES, { error: 'must be immediate, staged or ongoing' }),
		dueDate: z.string().trim().refine(isFiscalDate, 'must be a date YYYY-MM-DD that exists'),
		/** The day a rectified (已整改) or closed (销号) finding was rectified, as the list reports it. */
		rectifiedOn: z.preprocess(
			(v) => (v === '' || v === null ? undefined : v),
			z.string().trim().refine(isFiscalDate, 'must be a date YYYY-MM-DD that exists').optional()
		),
		status: z
			.enum(FINDING_STATUSES, { error: 'must be open, partial, done or closed' })
			.optional()
			.nullable()
			.transform((v) => v ?? 'open'),
		amountRectified: optionalAmount,
		measures: optionalText(4000),
		rulesIssued: optionalText(4000),
		accountability: optionalText(4000)
	})
	.superRefine((a, ctx) => {
		if (!a.unitCode && !a.unitName)
			ctx.addIssue({
				code: 'custom',
				path: ['unitCode'],
				message: 'unitCode or unitName is required'
			});
		if (
			a.amount !== undefined &&
			a.amountRectified !== undefined &&
			// Both are canonical 元 strings with two decimals: their digits compare as fen.
			BigInt(a.amountRectified.replace('.', '')) > BigInt(a.amount.replace('.', ''))
		)
			ctx.addIssue({
				code: 'custom',
				path: ['amountRectified'],
				message: `must not exceed the amount involved (${a.amount})`
			});
	});

export type AuditRecord = z.output<typeof auditSchema>;
