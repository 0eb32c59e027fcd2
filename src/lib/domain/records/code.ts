// Classification entries (科目) from the finance system's table: a code's name from a year on.
import { z } from 'zod';
import { CODE_SCHEMES, codeProblem, type CodeScheme } from '../codes';
import { text, year } from './fields';

/** The first digit of each scheme's codes: function 2xx, economic 3xx, government economic 5xx, revenue 1xx. */
const LEADING_DIGIT: Record<CodeScheme, string> = {
	function: '2',
	economic: '3',
	govEconomic: '5',
	revenue: '1'
};

export const codeSchema = z
	.object({
		scheme: z.enum(CODE_SCHEMES, { error: `must be one of ${CODE_SCHEMES.join(', ')}` }),
		code: z.string().trim(),
		name: text(200),
		nameEn: z
			.string()
			.trim()
			.max(200)
			.optional()
			.nullable()
			.transform((v) => v || undefined),
		/** First year the entry applies; without one, the fiscal year it arrives in. */
		year: year
			.optional()
			.nullable()
			.transform((v) => v ?? undefined)
	})
	.superRefine((c, ctx) => {
		const problem = codeProblem(c.scheme, c.code);
		if (problem) ctx.addIssue({ code: 'custom', path: ['code'], message: problem });
		else if (!c.code.startsWith(LEADING_DIGIT[c.scheme]))
			ctx.addIssue({
				code: 'custom',
				path: ['code'],
				message: `a ${c.scheme} code begins with ${LEADING_DIGIT[c.scheme]}, got "${c.code}"`
			});
	});

export type CodeRecord = z.output<typeof codeSchema>;
