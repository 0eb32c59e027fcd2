/**
 * Patterns across payments of one unit to one payee, judged over a year: 化整为零 (split payments —
 * several payments within a window of fiscal days, each under the notice threshold, whose sum reaches
 * a level's threshold) and 重复支付 (duplicate payments — the same amount within a few fiscal days under different
 * voucher ids). Payees are compared by a key (a digest), never named: an explanation reaches members,
 * displays and webhooks (privacy rule, docs/security.md); the evidence is the payments' ids.
 */
import { fiscalDateOf } from '../../fiscal';
import { fenToYuan, yuanToFen, type Fen } from '../../money';
import { LEVEL_RANK, showThreshold } from '../decimal';
import { moneyWords, thresholdVerdict, type ExplanationInput } from '../explanation';
import {
	ALERT_LEVELS,
	paramsFor,
	type AlertLevel,
	type RuleParams,
	type RuleSettings
} from '../params';
import { isLeftOut } from '../profiles';
import { addFinding, yearPeriod, type Evaluation, type Finding } from './evaluation';
import { both, deptLabel, join, kindPrefix, type Names } from './labels';

/** A payment as these rules see it: its unit, its payee's key, its amount and when it was paid. */
export interface PaidFact {
	id: string;
	paidAt: Date;
	budgetKind: string;
	deptCode: string;
	funcCode: string;
	econCode: string;
	/** The payee compared by a digest, never by name. */
	payeeKey: string;
	amount: Fen;
}

interface Dated extends PaidFact {
	date: string;
	day: number;
}

/** Days since 1970 of a fiscal date (YYYY-MM-DD), for counting days between payments. */
const dayNumber = (date: string): number =>
	Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
	86_400_000;

/** The payments of each unit and payee, each in fiscal-date order (then by time and id). */
function byUnitAndPayee(payments: readonly PaidFact[], tz: string): Dated[][] {
	const groups = new Map<string, Dated[]>();
	for (const p of payments) {
		const date = fiscalDateOf(p.paidAt, tz);
		const key = `${p.deptCode}\u0000${p.payeeKey}`;
		(groups.get(key) ?? groups.set(key, []).get(key)!).push({ ...p, date, day: dayNumber(date) });
	}
	const order = (a: Dated, b: Dated) =>
		a.paidAt.getTime() - b.paidAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	return [...groups.values()].map((g) => g.sort(order));
}

/**
 * The groups a payment-pattern rule walks: each unit and payee's payments that the rule's profiles do
 * not leave out, with the rule's parameters for that unit; none when the rule is off.
 */
function unitPayeeGroups<K extends 'splitPayment' | 'duplicatePayment'>(
	type: K,
	payments: readonly PaidFact[],
	setting: RuleSettings[K],
	tz: string
): { group: Dated[]; params: RuleParams[K] }[] {
	if (!setting.enabled) return [];
	const included = payments.filter((p) => !isLeftOut(setting.profiles, p));
	return byUnitAndPayee(included, tz).map((group) => ({
		group,
		params: paramsFor(type, setting.params, setting.overrides, { deptCode: group[0].deptCode })
	}));
}

/** The explanation's evidence: the payments' ids, their sum and the days they span. */
function evidence(group: readonly Dated[]): ExplanationInput[] {
	const sum = group.reduce((s, p) => s + p.amount, 0n);
	return [
		{ label: { zh: '支付笔数', en: 'payments' }, value: String(group.length), unit: 'count' },
		{ label: { zh: '合计金额', en: 'total' }, value: fenToYuan(sum), unit: 'yuan' },
		{ label: { zh: '首笔日期', en: 'first paid on' }, value: group[0].date, unit: 'date' },
		{ label: { zh: '末笔日期', en: 'last paid on' }, value: group.at(-1)!.date, unit: 'date' },
		{
			label: { zh: '支付编号', en: 'payment ids' },
			value: group.map((p) => p.id).join(', '),
			unit: 'text'
		}
	];
}

const unitScope = (names: Names, p: PaidFact) =>
	join(kindPrefix(p.budgetKind), both(deptLabel(names, p.deptCode)));

/**
 * 化整为零 over the given payments (a year's, or a window's). Each unit and payee's payments are
 * walked in date order: from the first, the window of `windowDays` fiscal days; the highest level
 * whose threshold the window's payments under the notice threshold reach together (at least two of
 * them) is a finding
 * keyed `dept:firstPaymentId`, and the walk goes on after the window; otherwise on from the next.
 */
export function judgeSplitPayments(
	payments: readonly PaidFact[],
	setting: RuleSettings['splitPayment'],
	names: Names,
	year: number,
	tz: string
): Evaluation {
	const findings: Finding[] = [];
	const period = yearPeriod(year);
	for (const { group, params } of unitPayeeGroups('splitPayment', payments, setting, tz)) {
		const t = params.thresholds;
		const floor =
			(yuanToFen(t.notice) * BigInt(Math.round(Number(params.nearShare) * 100))) / 10_000n;
		const candidates = group.filter((p) => p.amount >= floor && p.amount > 0n);
		for (let i = 0; i < candidates.length;) {
			const end = candidates[i].day + params.windowDays - 1;
			let j = i;
			while (j < candidates.length && candidates[j].day <= end) j++;
			const found = splitLevel(candidates.slice(i, j), t);
			if (!found) {
				i++;
				continue;
			}
			const { level, parts } = found;
			const first = parts[0];
			const sum = parts.reduce((s, p) => s + p.amount, 0n);
			const verdict = thresholdVerdict({
				rule: 'splitPayment',
				scope: unitScope(names, first),
				level,
				threshold: { value: showThreshold(t[level]), unit: 'yuan' },
				inputs: [
					...evidence(parts),
					{
						label: { zh: '时间窗口', en: 'window' },
						value: String(params.windowDays),
						unit: 'days'
					}
				],
				formula: {
					zh: `同一单位向同一收款人 ${params.windowDays} 天内多笔单笔未达阈值的支付之和`,
					en: `sum of one unit's payments to one payee within ${params.windowDays} days, each under the threshold`
				},
				facts: {
					zh: `同一收款人 ${parts.length} 笔支付合计 ${moneyWords(fenToYuan(sum)).zh}`,
					en: `${parts.length} payments to one payee totalling ${moneyWords(fenToYuan(sum)).en}`
				}
			});
			addFinding(findings, 'splitPayment', verdict, {
				key: `${first.deptCode}:${first.id}`,
				period,
				year,
				deptCode: first.deptCode
			});
			i = j;
		}
	}
	return {
		ruleType: 'splitPayment',
		findings,
		covers: (a) => a.period === period,
		narrow: { period }
	};
}

/**
 * The highest level whose threshold the window's parts reach together, with those parts: the
 * payments under the notice threshold (each escapes large-payment review on its own; a payment at
 * or above it is reviewed as a large payment already, so it is no part of a split), at least two.
 */
function splitLevel(
	window: readonly Dated[],
	t: { notice: string; warning: string; severe: string }
): { level: AlertLevel; parts: Dated[] } | null {
	const parts = window.filter((p) => p.amount < yuanToFen(t.notice));
	if (parts.length < 2) return null;
	const sum = parts.reduce((s, p) => s + p.amount, 0n);
	const levels = [...ALERT_LEVELS].sort((a, b) => LEVEL_RANK[b] - LEVEL_RANK[a]);
	const level = levels.find((l) => sum >= yuanToFen(t[l]));
	return level ? { level, parts } : null;
}

/**
 * 重复支付 over the given payments: one unit's payments to one payee of the same amount (at least
 * `minAmount`) whose fiscal dates lie within `withinDays` of the first, under different ids — one
 * finding per such run, keyed `dept:firstPaymentId`.
 */
export function judgeDuplicatePayments(
	payments: readonly PaidFact[],
	setting: RuleSettings['duplicatePayment'],
	names: Names,
	year: number,
	tz: string
): Evaluation {
	const findings: Finding[] = [];
	const period = yearPeriod(year);
	for (const { group, params } of unitPayeeGroups('duplicatePayment', payments, setting, tz)) {
		const min = yuanToFen(params.minAmount);
		const byAmount = new Map<Fen, Dated[]>();
		for (const p of group)
			if (p.amount >= min && p.amount > 0n)
				(byAmount.get(p.amount) ?? byAmount.set(p.amount, []).get(p.amount)!).push(p);
		for (const same of byAmount.values())
			for (let i = 0; i < same.length;) {
				let j = i + 1;
				while (j < same.length && same[j].day - same[i].day <= params.withinDays) j++;
				if (j - i >= 2) duplicateFinding(findings, same.slice(i, j), params, names, year);
				i = j;
			}
	}
	return {
		ruleType: 'duplicatePayment',
		findings,
		covers: (a) => a.period === period,
		narrow: { period }
	};
}

function duplicateFinding(
	into: Finding[],
	run: readonly Dated[],
	params: { withinDays: number; level: AlertLevel },
	names: Names,
	year: number
): void {
	const first = run[0];
	const amount = moneyWords(fenToYuan(first.amount));
	const span = run.at(-1)!.day - first.day;
	const verdict = thresholdVerdict({
		rule: 'duplicatePayment',
		scope: unitScope(names, first),
		level: params.level,
		threshold: { value: String(params.withinDays), unit: 'days' },
		inputs: [
			...evidence(run),
			{ label: { zh: '单笔金额', en: 'amount each' }, value: fenToYuan(first.amount), unit: 'yuan' }
		],
		formula: {
			zh: '同一单位、同一收款人、相同金额、不同凭证号的支付间隔天数',
			en: 'days between payments of one unit to one payee of the same amount under different ids'
		},
		facts: {
			zh: `同一收款人 ${run.length} 笔相同金额 ${amount.zh} 的支付，相隔 ${span} 天`,
			en: `${run.length} payments of ${amount.en} each to one payee, ${span} days apart`
		},
		comparison: '≤'
	});
	addFinding(into, 'duplicatePayment', verdict, {
		key: `${first.deptCode}:${first.id}`,
		period: yearPeriod(year),
		year,
		deptCode: first.deptCode
	});
}

/** The least amount a payment of a split has: `nearShare`% of the notice threshold. */
const nearFloor = (p: RuleParams['splitPayment']): Fen =>
	(yuanToFen(p.thresholds.notice) * BigInt(Math.round(Number(p.nearShare) * 100))) / 10_000n;

/** No payment under this amount can be part of a split under the settings in force (defaults and overrides). */
export function splitFloor(setting: RuleSettings['splitPayment']): Fen {
	const all = [
		setting.params,
		...setting.overrides.map((o) => ({ ...setting.params, ...o.params }))
	];
	return all.map(nearFloor).reduce((a, b) => (b < a ? b : a));
}

/** The least `minAmount` of duplicate payments in force (defaults and overrides). */
export function duplicateFloor(setting: RuleSettings['duplicatePayment']): Fen {
	const all = [
		setting.params,
		...setting.overrides.map((o) => ({ ...setting.params, ...o.params }))
	];
	return all.map((p) => yuanToFen(p.minAmount)).reduce((a, b) => (b < a ? b : a));
}
