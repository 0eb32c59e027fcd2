// 大额支付: one payment at or above the thresholds (a refund never is).
import { fenToYuan, type Fen } from '../money';
import { levelAtLeastFen, showThreshold } from './decimal';
import { RULE_LABEL, summarize, type Localized, type Verdict } from './explanation';
import type { RuleParams } from './params';

export interface PaymentInput {
	scope: Localized;
	id: string;
	amount: Fen;
	fiscalDate: string;
	payee?: string | null;
	purpose?: string | null;
}

export function judgeLargePayment(input: PaymentInput, params: RuleParams['largePayment']): Verdict {
	const level = levelAtLeastFen(input.amount, params.thresholds);
	if (!level) return null;
	const threshold = showThreshold(params.thresholds[level]);
	const inputs = [
		{ label: { zh: '支付编号', en: 'payment' }, value: input.id, unit: 'text' as const },
		{ label: { zh: '金额', en: 'amount' }, value: fenToYuan(input.amount), unit: 'yuan' as const },
		{ label: { zh: '支付日期', en: 'paid on' }, value: input.fiscalDate, unit: 'date' as const }
	];
	if (input.payee) inputs.push({ label: { zh: '收款人', en: 'payee' }, value: input.payee, unit: 'text' });
	if (input.purpose) inputs.push({ label: { zh: '用途', en: 'purpose' }, value: input.purpose, unit: 'text' });
	return {
		level,
		explanation: {
			ruleLabel: RULE_LABEL.largePayment,
			scopeLabel: input.scope,
			inputs,
			formula: { zh: '单笔支付金额', en: 'amount of one payment' },
			threshold: { level, value: threshold, unit: 'yuan' },
			summary: summarize(
				input.scope,
				{ zh: `单笔支付 ${fenToYuan(input.amount)} 元`, en: `one payment of ${fenToYuan(input.amount)} yuan` },
				level,
				{ value: threshold, unit: 'yuan' }
			)
		}
	};
}
