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
	payee?: string | null;
	purpose?: string | null;
}

export function judgeLargePayment(
	input: PaymentInput,
	params: RuleParams['largePayment']
): Verdict {
	const level = levelAtLeastFen(input.amount, params.thresholds);
	if (!level) return null;
	const threshold = showThreshold(params.thresholds[level]);
	const inputs: ExplanationInput[] = [
		{ label: { zh: '支付编号', en: 'payment' }, value: input.id, unit: 'text' },
		{ label: { zh: '金额', en: 'amount' }, value: fenToYuan(input.amount), unit: 'yuan' },
		{ label: { zh: '支付日期', en: 'paid on' }, value: input.fiscalDate, unit: 'date' }
	];
	if (input.payee)
		inputs.push({ label: { zh: '收款人', en: 'payee' }, value: input.payee, unit: 'text' });
	if (input.purpose)
		inputs.push({ label: { zh: '用途', en: 'purpose' }, value: input.purpose, unit: 'text' });
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
