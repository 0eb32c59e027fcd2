// Revenue collections (收入): by subject code, dated in the fiscal zone.
import { z } from 'zod';
import { amount, budgetKind, classCode, instantIn, text } from './fields';

export const revenueSchemaIn = (tz: string) =>
	z.object({
		id: text(100),
		collectedAt: instantIn(tz),
		budgetKind,
		subjectCode: classCode('revenue'),
		amount
	});

export type RevenueRecord = z.output<ReturnType<typeof revenueSchemaIn>>;
