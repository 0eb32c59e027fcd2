// Plan records (年初 initial / 调整 adjusted): a spending line by codes, or a revenue line by subject.
import { z } from 'zod';
import {
	amount,
	budgetKind,
	classCode,
	optionalCode,
	optionalText,
	projectCode,
	text,
	unitCode,
	year
} from './fields';

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
		projectCode: optionalCode(projectCode),
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

export type PlanRecord = z.output<typeof planSchema>;
