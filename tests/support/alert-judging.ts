/** Small factories for the alert judges' unit specs: plan lines, spending, names and settings. */
import type { Names } from '../../src/lib/domain/alerts/judges/labels';
import type { LineSpending, PlanLine } from '../../src/lib/domain/alerts/judges/spending';
import {
	DEFAULT_PARAMS,
	RULE_TYPES,
	type RuleParams,
	type RuleSettings,
	type RuleType
} from '../../src/lib/domain/alerts/params';
import type { Profile } from '../../src/lib/domain/alerts/profiles';
import { settingsFrom, type StoredOverride } from '../../src/lib/domain/alerts/settings';

/** An expenditure plan line of department 122 under function 205 (plan in fen). */
export function planLine(overrides: Partial<PlanLine> = {}): PlanLine {
	return {
		budgetKind: 'general',
		deptCode: '122',
		funcCode: '205',
		econCode: '',
		projectCode: '',
		projectName: null,
		plan: 100_000_000n,
		...overrides
	};
}

/** Spending of department 122 on one plan-line key (amount in fen). */
export function lineSpending(overrides: Partial<LineSpending> = {}): LineSpending {
	return {
		budgetKind: 'general',
		deptCode: '122',
		funcCode: '2050202',
		econCode: '30201',
		projectCode: '',
		amount: 10_000_000n,
		payments: 1,
		...overrides
	};
}

/**
 * Department 131 with a 1000万 plan executed to `executed` fen (default 60%): the rest of the city,
 * whose rate a department's and a project's pace lag are judged against when it is below 序时进度.
 */
export function peer(executed = 600_000_000n): { line: PlanLine; spending: LineSpending } {
	const codes = { deptCode: '131', funcCode: '2100101' };
	return {
		line: planLine({ ...codes, plan: 1_000_000_000n }),
		spending: lineSpending({ ...codes, amount: executed })
	};
}

export const names: Names = {
	unit: new Map([
		['122', '市教育局'],
		['131', '市卫健委']
	]),
	func: new Map([
		['205', '教育支出'],
		['2050202', '小学教育']
	]),
	revenue: new Map([['10101', '增值税']])
};

/** Every rule on with the catalogue's defaults; `params` and `off` change what a spec is about. */
export function ruleSettings(
	params: { [K in RuleType]?: Partial<RuleParams[K]> } = {},
	options: { off?: RuleType[]; overrides?: StoredOverride[]; profiles?: readonly Profile[] } = {}
): RuleSettings {
	return settingsFrom(
		RULE_TYPES.map((type) => ({
			type,
			enabled: !options.off?.includes(type),
			params: { ...DEFAULT_PARAMS[type], ...params[type] }
		})),
		options.overrides ?? [],
		options.profiles ?? []
	);
}
