// The fields the record kinds share: texts, codes, amounts, budget kinds, years, instants.
import { z } from 'zod';
import { codeProblem, type CodeScheme } from '../codes';
import { parseInstant } from '../instant';
import { parseYuan, type Fen } from '../money';
import { BUDGET_KINDS, type BudgetKind } from './kinds';

/** Largest amount accepted, in 元 (a trillion): beyond it a figure is a typo, not a payment. */
export const MAX_ABS_FEN = 1_000_000_000_000n * 100n;

export const noNul = (v: string) => !v.includes('\u0000') && v.isWellFormed();
const NUL_MESSAGE = 'must not contain the NUL character or broken Unicode';
export const text = (max: number) =>
	z
		.string()
		.trim()
		.min(1, 'must not be empty')
		.max(max, `must be at most ${max} characters`)
		.refine(noNul, NUL_MESSAGE);
export const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `must be at most ${max} characters`)
		.refine(noNul, NUL_MESSAGE)
		.optional()
		.nullable()
		.transform((v) => (v ? v : undefined));

export const UNIT_CODE = /^\d{1,20}$/;
export const PROJECT_CODE = /^[0-9A-Za-z-]{1,40}$/;

export const unitCode = z.string().trim().regex(UNIT_CODE, 'must be 1–20 digits');
export const projectCode = z
	.string()
	.trim()
	.regex(PROJECT_CODE, 'must be 1–40 letters, digits or dashes');

export const classCode = (scheme: CodeScheme) =>
	z
		.string()
		.trim()
		.superRefine((v, ctx) => {
			const problem = codeProblem(scheme, v);
			if (problem) ctx.addIssue({ code: 'custom', message: problem });
		});

export const optionalCode = (schema: z.ZodType<string>) =>
	z
		.union([schema, z.literal(''), z.null()])
		.optional()
		.transform((v) => (v ? v : ''));

/** An amount in 元: a decimal string or number with at most two decimals; becomes bigint fen. */
export const amount = z.union([z.string(), z.number()]).transform((v, ctx): Fen => {
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

export const budgetKind = z
	.enum(BUDGET_KINDS, { error: `must be one of ${BUDGET_KINDS.join(', ')}` })
	.optional()
	.nullable()
	.transform((v): BudgetKind => v ?? 'general');

export const year = z.coerce
	.number()
	.int('must be a whole year')
	.min(2000, 'must be 2000 or later')
	.max(2100, 'must be 2100 or earlier');

/** ISO 8601 instant; without an offset it is local time in the fiscal zone `tz`. */
export const instantIn = (tz: string) =>
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
