/** 大额支付: single payments at or above the large-payment thresholds in force for their scope. */
import { yuanToFen, type Fen } from '../../money';
import { levelAtLeastFen, type Thresholds } from '../decimal';
import { judgeLargePayment } from '../large-payment';
import { paramsFor, type RuleSettings } from '../params';
import { isLeftOut, withProfile } from '../profiles';
import { addFinding, type Evaluation, type Finding } from './evaluation';
import { both, deptLabel, funcLabel, join, kindPrefix, type Names } from './labels';

export interface PaymentFact {
	id: string;
	fiscalDate: string;
	budgetKind: string;
	deptCode: string;
	funcCode: string;
	projectCode: string;
	/** The economic code (profiles leave out wage and 代发 runs by it). */
	econCode?: string;
	amount: Fen;
}

/**
 * 大额支付 for the given payments. Coverage: the payments that are large (or the whole year when
 * `wholeYear`). A batch's payments are new or identical duplicates, so one that is not large has no
 * alert to close; leaving it out keeps the read of active alerts to the few large ones, not every
 * payment of the batch. The periodic run (wholeYear) closes what changed thresholds cleared.
 */
export function judgePayments(
	payments: readonly PaymentFact[],
	setting: RuleSettings['largePayment'],
	names: Names,
	wholeYear?: number
): Evaluation {
	const findings: Finding[] = [];
	if (setting.enabled)
		for (const p of payments) {
			const scope = {
				deptCode: p.deptCode,
				funcCode: p.funcCode,
				projectCode: p.projectCode || undefined
			};
			const codes = { funcCode: p.funcCode, econCode: p.econCode };
			if (isLeftOut(setting.profiles, codes)) continue;
			const params = withProfile(
				paramsFor('largePayment', setting.params, setting.overrides, scope),
				setting.profiles,
				codes
			);
			if (!levelAtLeastFen(p.amount, params.thresholds)) continue; // most payments: no labels to build
			const dept = deptLabel(names, p.deptCode);
			const v = judgeLargePayment(
				{
					scope: join(kindPrefix(p.budgetKind), both(`${dept} `), funcLabel(names, p.funcCode)),
					id: p.id,
					amount: p.amount,
					fiscalDate: p.fiscalDate
				},
				params
			);
			const year = Number(p.fiscalDate.slice(0, 4));
			addFinding(findings, 'largePayment', v, { key: p.id, period: String(year), year, ...scope });
		}
	const ids = new Set(findings.map((f) => f.subjectKey));
	return {
		ruleType: 'largePayment',
		findings,
		covers:
			wholeYear !== undefined
				? (a) => a.period === String(wholeYear)
				: (a) => ids.has(a.subjectKey),
		narrow: wholeYear !== undefined ? { period: String(wholeYear) } : { subjectKeys: [...ids] }
	};
}

/** No payment under this amount is large under the settings in force: the least threshold of the defaults and every override. */
export function largePaymentFloor(setting: RuleSettings['largePayment']): Fen {
	const thresholds: Partial<Thresholds>[] = [
		setting.params.thresholds,
		...setting.overrides.map((o) => o.params.thresholds ?? {}),
		...(setting.profiles ?? []).map((p) => p.params?.thresholds ?? {})
	];
	return thresholds
		.flatMap((t) => [t.notice, t.warning, t.severe])
		.filter((v): v is string => !!v)
		.map((v) => yuanToFen(v))
		.reduce((a, b) => (b < a ? b : a));
}
