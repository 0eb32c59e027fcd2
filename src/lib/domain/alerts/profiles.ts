/**
 * Subject profiles: lines that do not follow a rule's ordinary logic, per rule and code prefix.
 * A profile names a function (功能分类) or economic (经济分类) code prefix and what the rule does with
 * the lines, payments or subjects under it: leave them out (`excluded`), judge them on their own
 * schedule (`schedule` — left out until that schedule's figures exist, e.g. debt service against the
 * repayment schedule), or judge them with other thresholds (`thresholds`). Seeded with domain.md's
 * defaults; staff edit them on the rules pages. Pure.
 */
import { parseRuleParams, type RuleParams, type RuleSettings, type RuleType } from './params';
import {
	PROFILE_CODE_KINDS,
	PROFILE_MODES,
	PROFILED_RULES,
	type ProfileCodeKind,
	type ProfileMode
} from './profile-terms';

export interface Profile<K extends RuleType = RuleType> {
	ruleType: K;
	codeKind: ProfileCodeKind;
	codePrefix: string;
	mode: ProfileMode;
	/** `thresholds` only: the fields that differ from the rule's params (as an override's). */
	params?: Partial<RuleParams[K]> | null;
	/** Why the lines are profiled (shown on the rules page). */
	note: string;
}

const RESERVE = '227 预备费：备用，常在年末使用或不使用，不按序时进度';
const DEBT_SCHEDULE = '按债券还本付息计划执行；有债务数据前不按序时进度判断';
const CAPITAL_WORKS = '资本性支出：按合同进度付款，项目超预算另行判断；500万起为大额支付';
const CAPITAL_WORKS_THRESHOLDS = { notice: '5000000', warning: '5000000', severe: '50000000' };
const SOCIAL_INSURANCE = '209 社会保险基金支出：养老金发放、医保基金结算等按月例行支付';
const TRANSFERS = '230 转移性支出：按转移支付下达日程执行';
const CAPITAL_INJECTION =
	'22302 国有企业资本金注入：按出资计划分期注入；有出资计划数据前不按序时进度判断';
const SOCIAL_INSURANCE_CALENDAR =
	'209 社会保险基金支出：按待遇发放和医保结算日程支出（按月发放、年终清算）；有支出计划数据前不按序时进度判断';

/** domain.md's defaults ("Subject profiles"). */
export const DEFAULT_PROFILES: readonly Profile[] = [
	...(['paceLag', 'q3LowExecution', 'yearEndRush', 'projectIdle'] as const).flatMap(
		(ruleType): Profile[] => [
			{ ruleType, codeKind: 'func', codePrefix: '227', mode: 'excluded', note: RESERVE },
			{ ruleType, codeKind: 'func', codePrefix: '232', mode: 'schedule', note: DEBT_SCHEDULE },
			{ ruleType, codeKind: 'func', codePrefix: '233', mode: 'schedule', note: DEBT_SCHEDULE },
			{ ruleType, codeKind: 'func', codePrefix: '230', mode: 'excluded', note: TRANSFERS },
			// Capital injections into state enterprises are paid in the tranches of the approved
			// injection plan (the demo's quarterly), not by the calendar (docs/alerts-and-cases.md).
			{
				ruleType,
				codeKind: 'func',
				codePrefix: '22302',
				mode: 'schedule',
				note: CAPITAL_INJECTION
			},
			// Social-insurance benefits are paid by entitlement on the funds' calendar — pensions in
			// monthly runs, medical settlements by monthly advances and a year-end clearing (年终清算)
			// — not by a department's pace (docs/alerts-and-cases.md).
			{
				ruleType,
				codeKind: 'func',
				codePrefix: '209',
				mode: 'schedule',
				note: SOCIAL_INSURANCE_CALENDAR
			}
		]
	),
	{
		ruleType: 'largePayment',
		codeKind: 'econ',
		codePrefix: '301',
		mode: 'excluded',
		note: '301 工资福利支出：按月例行发放'
	},
	{
		ruleType: 'largePayment',
		codeKind: 'econ',
		codePrefix: '303',
		mode: 'excluded',
		note: '303 对个人和家庭的补助：例行代发'
	},
	{
		ruleType: 'largePayment',
		codeKind: 'func',
		codePrefix: '230',
		mode: 'excluded',
		note: '230 转移性支出：对区财政局的一般性转移支付'
	},
	...(['splitPayment', 'duplicatePayment'] as const).flatMap((ruleType): Profile[] => [
		{ ruleType, codeKind: 'econ', codePrefix: '301', mode: 'excluded', note: '工资例行发放' },
		{ ruleType, codeKind: 'econ', codePrefix: '303', mode: 'excluded', note: '例行代发' }
	]),
	// Debt interest and issuance fees are paid on the bond schedule, not as a unit decides.
	...(['232', '233'] as const).map((codePrefix): Profile => ({
		ruleType: 'largePayment',
		codeKind: 'func',
		codePrefix,
		mode: 'schedule',
		note: DEBT_SCHEDULE
	})),
	// Capital works (309 基本建设, 310 资本性支出) are paid by contract milestone against an approved
	// project plan (its over-plan is judged per project): a payment is a case from 500万.
	...(['309', '310'] as const).map((codePrefix): Profile => ({
		ruleType: 'largePayment',
		codeKind: 'econ',
		codePrefix,
		mode: 'thresholds',
		params: { thresholds: CAPITAL_WORKS_THRESHOLDS },
		note: CAPITAL_WORKS
	})),
	// Social-insurance benefits (pensions, medical-insurance settlements with hospitals) are paid
	// in routine monthly runs, like wages and 代发: no payment of them is a case by its size or rhythm.
	...(['largePayment', 'splitPayment', 'duplicatePayment'] as const).map((ruleType): Profile => ({
		ruleType,
		codeKind: 'func',
		codePrefix: '209',
		mode: 'excluded',
		note: SOCIAL_INSURANCE
	}))
];

/** The codes of a line, payment or subject a profile is matched against. */
export interface ProfiledCodes {
	funcCode?: string;
	econCode?: string;
}

/**
 * The profile of a rule that applies to these codes: the longest matching prefix (function or
 * economic); at equal length the function code's.
 */
export function profileFor<K extends RuleType>(
	profiles: readonly Profile<K>[] | undefined,
	codes: ProfiledCodes
): Profile<K> | undefined {
	if (!profiles || profiles.length === 0) return undefined;
	let best: Profile<K> | undefined;
	let rank = -1;
	for (const p of profiles) {
		const code = p.codeKind === 'func' ? codes.funcCode : codes.econCode;
		if (!code || !code.startsWith(p.codePrefix)) continue;
		const r = p.codePrefix.length * 2 + (p.codeKind === 'func' ? 1 : 0);
		if (r > rank) {
			best = p;
			rank = r;
		}
	}
	return best;
}

/** Whether the rule leaves these codes out (excluded, or on a schedule it cannot judge yet). */
export function isLeftOut(profiles: readonly Profile[] | undefined, codes: ProfiledCodes): boolean {
	const p = profileFor(profiles, codes);
	return p !== undefined && p.mode !== 'thresholds';
}

/** The params a subject with these codes is judged by: `params` with a thresholds profile's fields over them. */
export function withProfile<K extends RuleType>(
	params: RuleParams[K],
	profiles: readonly Profile<K>[] | undefined,
	codes: ProfiledCodes
): RuleParams[K] {
	const p = profileFor(profiles, codes);
	if (!p || p.mode !== 'thresholds' || !p.params) return params;
	return { ...params, ...p.params };
}

/** A profile's identity: rule, code kind and prefix. */
export const profileKey = (p: Pick<Profile, 'ruleType' | 'codeKind' | 'codePrefix'>): string =>
	`${p.ruleType}|${p.codeKind}|${p.codePrefix}`;

export type ProfileParse = { ok: true; profile: Profile } | { ok: false; error: string };

/** Checks a proposed profile (the field named on error); `base` are the rule's params for thresholds. */
export function parseProfile(input: {
	ruleType: RuleType;
	codeKind: string;
	codePrefix: string;
	mode: string;
	params?: unknown;
	note?: string;
	base: RuleParams[RuleType];
}): ProfileParse {
	if (!PROFILED_RULES.includes(input.ruleType))
		return { ok: false, error: `ruleType: ${input.ruleType} has no subject profiles` };
	if (!(PROFILE_CODE_KINDS as readonly string[]).includes(input.codeKind))
		return { ok: false, error: 'codeKind: must be func or econ' };
	if (!/^\d{3,7}$/.test(input.codePrefix))
		return { ok: false, error: 'codePrefix: must be a code of 3 to 7 digits' };
	if (!(PROFILE_MODES as readonly string[]).includes(input.mode))
		return { ok: false, error: 'mode: must be excluded, schedule or thresholds' };
	const note = (input.note ?? '').trim();
	if (note.length > 200) return { ok: false, error: 'note: at most 200 characters' };
	let params: Profile['params'] = null;
	if (input.mode === 'thresholds') {
		if (!input.params || typeof input.params !== 'object')
			return { ok: false, error: 'params: thresholds are required' };
		const merged = parseRuleParams(input.ruleType, { ...input.base, ...input.params });
		if (!merged.ok) return { ok: false, error: `params.${merged.error}` };
		params = input.params as Profile['params'];
	}
	return {
		ok: true,
		profile: {
			ruleType: input.ruleType,
			codeKind: input.codeKind as ProfileCodeKind,
			codePrefix: input.codePrefix,
			mode: input.mode as ProfileMode,
			params,
			note
		}
	};
}

/** A proposed change to one profile: the profile as it should be, or `remove` it. */
export interface ProfileProposal {
	ruleType: RuleType;
	codeKind: string;
	codePrefix: string;
	mode?: string;
	params?: unknown;
	note?: string;
	remove?: boolean;
}

export type ProfileChange =
	| { ok: true; settings: RuleSettings; before: Profile | null; after: Profile | null }
	| { ok: false; error: string };

/** The settings with the proposal applied to the rule's profiles, and the profile before and after. */
export function applyProfileProposal(
	settings: RuleSettings,
	proposal: ProfileProposal
): ProfileChange {
	const setting = settings[proposal.ruleType];
	if (!setting) return { ok: false, error: `ruleType: unknown rule ${proposal.ruleType}` };
	const key = profileKey({ ...proposal, codeKind: proposal.codeKind as ProfileCodeKind });
	const others = (setting.profiles ?? []).filter((p) => profileKey(p) !== key);
	const before = (setting.profiles ?? []).find((p) => profileKey(p) === key) ?? null;
	let after: Profile | null = null;
	if (!proposal.remove) {
		const parsed = parseProfile({
			ruleType: proposal.ruleType,
			codeKind: proposal.codeKind,
			codePrefix: proposal.codePrefix,
			mode: proposal.mode ?? '',
			params: proposal.params,
			note: proposal.note,
			base: setting.params
		});
		if (!parsed.ok) return parsed;
		after = parsed.profile;
	} else if (!before)
		return {
			ok: false,
			error: `codePrefix: no profile for ${proposal.codeKind} ${proposal.codePrefix}`
		};
	const profiles = after ? [...others, after] : others;
	return {
		ok: true,
		settings: { ...settings, [proposal.ruleType]: { ...setting, profiles } },
		before,
		after
	};
}
