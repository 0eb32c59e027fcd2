// State-asset reports (国有资产): one entity's figures for a period, in four categories.
import { z } from 'zod';
import { text } from './fields';

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
	/** Administrative reports: 行政单位 ('admin') or 事业单位 ('institution'). */
	unitType: z
		.enum(['admin', 'institution'], { error: 'must be admin or institution' })
		.optional()
		.nullable()
		.transform((v) => v ?? undefined),
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

export type AssetRecord = z.output<typeof assetSchema>;
