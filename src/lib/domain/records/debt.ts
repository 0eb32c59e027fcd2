// Government debt (政府债务): the limit and balance of 一般债务 or 专项债务 for a year or a month, with
// the period's flows (issuance, principal repaid, interest paid), the repayment schedule's due amounts,
// and the year's 综合财力 for the debt ratio. Amounts in 元 become bigint fen.
import { z } from 'zod';
import { DEBT_TYPES } from '../debt';
import { amount, text } from './fields';

export { DEBT_TYPES, type DebtType } from '../debt';

const optionalAmount = amount.optional().nullable();

export const debtSchema = z.object({
	id: text(100),
	period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'must be YYYY or YYYY-MM'),
	debtType: z.enum(DEBT_TYPES, { error: 'must be general or special' }),
	limit: amount,
	balance: amount,
	/** New issuance of the period (新增债券 and 再融资债券 together). */
	issued: optionalAmount,
	/** Of the issuance, refinancing bonds (再融资债券). */
	refinanced: optionalAmount,
	principalRepaid: optionalAmount,
	interestPaid: optionalAmount,
	/** Due in the period by the repayment schedule (应还本金 / 应付利息). */
	principalDue: optionalAmount,
	interestDue: optionalAmount,
	/** 综合财力 of the year, for the debt ratio. */
	capacity: optionalAmount
});

export type DebtRecord = z.output<typeof debtSchema>;
