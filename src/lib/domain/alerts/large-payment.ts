// 大额支付: one payment at or above the thresholds (a refund never is).
import { fenToYuan, type Fen } from '../money';
import { levelAtLeastFen, showThreshold } from './decimal';
import {
	thresholdVerdict,
	type ExplanationInput,
	type Localized,
	type Verdict,
	moneyWords
} from './explanation';
import type { RuleParams } from './params';

export interface PaymentInput {
	scope: Localized;
	id: string;
	amount: Fen;
	fiscalDate: string;
}

export function judgeLargePayment(
	input: PaymentInput,
	params: RuleParams['largePayment']
): Verdict {
	const level = levelAtLeastFen(input.amount, params.thresholds);
	if (!level) return null;
	const threshold = showThreshold(params.thresholds[level]);
	// No payee and no 用途: an explanation reaches members, displays and webhooks, and may name a
	// person (privacy rule, docs/security.md). The alert page shows the payment through the rule.
	const inputs: ExplanationInput[] = [
		{ label: { zh: '支付编号', en: 'payment' }, value: input.id, unit: 'text' },
		{ label: { zh: '金额', en: 'amount' }, value: fenToYuan(input.amount), unit: 'yuan' },
		{ label: { zh: '支付日期', en: 'paid on' }, value: input.fiscalDate, unit: 'date' }
	];
	return thresholdVerdict({
		rule: 'largePayment',
		scope: input.scope,
		level,
		threshold: { value: threshold, unit: 'yuan' },
		inputs,
		formula: { zh: '单笔支付金额', en: 'amount of one payment' },
		facts: {
			zh: `单笔支付 ${moneyWords(fenToYuan(input.amount)).zh}`,
			en: `one payment of ${moneyWords(fenToYuan(input.amount)).en}`
		}
	});
}
