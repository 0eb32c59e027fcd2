/**
 * Subject profiles: lines that do not follow a rule's ordinary logic, per rule and code prefix.
 * A profile names a function (功能分类) or economic (经济分类) code prefix and what the rule does with
 * the lines, payments or subjects under it: leave them out (`excluded`), judge them on their own
 * schedule (`schedule` — left out until that schedule's figures exist, e.g. debt service against the
 * repayment schedule), or judge them with other thresholds (`thresholds`). Seeded with domain.md's
 * defaults; staff edit them on the rules pages. Pure.
 */
import type { Lang } from '../alert-text';
import type { Localized } from './explanation';
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

/** A profile's identity: rule, code kind and prefix. */
export const profileKey = (p: Pick<Profile, 'ruleType' | 'codeKind' | 'codePrefix'>): string =>
	`${p.ruleType}|${p.codeKind}|${p.codePrefix}`;

// The default profiles' notes in both languages. The migrations that seed them (db/migrations
// 0012, 0013, 0014, 0017, 0018) store the Chinese text; profileNoteText gives the page's language.
const RESERVE: Localized = {
	zh: '227 预备费：备用，常在年末使用或不使用，不按序时进度',
	en: '227 Reserve fund: held for contingencies, often used at year end or not at all; not judged by time progress'
};
const DEBT_SCHEDULE: Localized = {
	zh: '按债券还本付息计划执行；有债务数据前不按序时进度判断',
	en: 'Paid on the bonds’ repayment and interest schedule; not judged by time progress until debt figures exist'
};
const CAPITAL_WORKS: Localized = {
	zh: '资本性支出：按合同进度付款，项目超预算另行判断；500万起为大额支付',
	en: 'Capital spending: paid by contract milestone, a project over its plan judged on its own; a large payment from 5 million yuan'
};
const CAPITAL_WORKS_THRESHOLDS = { notice: '5000000', warning: '5000000', severe: '50000000' };
const SOCIAL_INSURANCE: Localized = {
	zh: '209 社会保险基金支出：养老金发放、医保基金结算等按月例行支付',
	en: '209 Social insurance fund expenditure: pensions, medical insurance settlements and the like, paid in routine monthly runs'
};
const TRANSFERS: Localized = {
	zh: '230 转移性支出：按转移支付下达日程执行',
	en: '230 Transfer expenditure: paid on the schedule by which transfers are allocated'
};
const CAPITAL_INJECTION: Localized = {
	zh: '22302 国有企业资本金注入：按出资计划分期注入；有出资计划数据前不按序时进度判断',
	en: '22302 Capital injections into state-owned enterprises: paid in the tranches of the injection plan; not judged by time progress until the plan’s figures exist'
};
const SOCIAL_INSURANCE_CALENDAR: Localized = {
	zh: '209 社会保险基金支出：按待遇发放和医保结算日程支出（按月发放、年终清算）；有支出计划数据前不按序时进度判断',
	en: '209 Social insurance fund expenditure: paid on the calendar of benefits and medical settlements (monthly payouts, a year-end clearing); not judged by time progress until the spending plan’s figures exist'
};
const WAGES: Localized = {
	zh: '301 工资福利支出：按月例行发放',
	en: '301 Wages and benefits: paid in routine monthly runs'
};
const HOUSEHOLDS: Localized = {
	zh: '303 对个人和家庭的补助：例行代发',
	en: '303 Subsidies to individuals and households: routine payouts made for the recipients'
};
const DISTRICT_TRANSFERS: Localized = {
	zh: '230 转移性支出：对区财政局的一般性转移支付',
	en: '230 Transfer expenditure: general transfers to the district finance bureaus'
};
const WAGE_RUNS: Localized = { zh: '工资例行发放', en: 'Routine wage runs' };
const PAYOUT_RUNS: Localized = { zh: '例行代发', en: 'Routine payouts made for the recipients' };

/** A default profile as domain.md gives it, its note in both languages. */
type DefaultProfile = Omit<Profile, 'note'> & { note: Localized };

const DEFAULTS: readonly DefaultProfile[] = [
	...(['paceLag', 'q3LowExecution', 'yearEndRush', 'projectIdle'] as const).flatMap(
		(ruleType): DefaultProfile[] => [
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
		note: WAGES
	},
	{
		ruleType: 'largePayment',
		codeKind: 'econ',
		codePrefix: '303',
		mode: 'excluded',
		note: HOUSEHOLDS
	},
	{
		ruleType: 'largePayment',
		codeKind: 'func',
		codePrefix: '230',
		mode: 'excluded',
		note: DISTRICT_TRANSFERS
	},
	...(['splitPayment', 'duplicatePayment'] as const).flatMap((ruleType): DefaultProfile[] => [
		{ ruleType, codeKind: 'econ', codePrefix: '301', mode: 'excluded', note: WAGE_RUNS },
		{ ruleType, codeKind: 'econ', codePrefix: '303', mode: 'excluded', note: PAYOUT_RUNS }
	]),
	// Debt interest and issuance fees are paid on the bond schedule, not as a unit decides.
	...(['232', '233'] as const).map((codePrefix): DefaultProfile => ({
		ruleType: 'largePayment',
		codeKind: 'func',
		codePrefix,
		mode: 'schedule',
		note: DEBT_SCHEDULE
	})),
	// Capital works (309 基本建设, 310 资本性支出) are paid by contract milestone against an approved
	// project plan (its over-plan is judged per project): a payment is a case from 500万.
	...(['309', '310'] as const).map((codePrefix): DefaultProfile => ({
		ruleType: 'largePayment',
		codeKind: 'econ',
		codePrefix,
		mode: 'thresholds',
		params: { thresholds: CAPITAL_WORKS_THRESHOLDS },
		note: CAPITAL_WORKS
	})),
	// Social-insurance benefits (pensions, medical-insurance settlements with hospitals) are paid
	// in routine monthly runs, like wages and 代发: no payment of them is a case by its size or rhythm.
	...(['largePayment', 'splitPayment', 'duplicatePayment'] as const).map(
		(ruleType): DefaultProfile => ({
			ruleType,
			codeKind: 'func',
			codePrefix: '209',
			mode: 'excluded',
			note: SOCIAL_INSURANCE
		})
	)
];

/** domain.md's defaults ("Subject profiles"), their notes as stored (Chinese). */
export const DEFAULT_PROFILES: readonly Profile[] = DEFAULTS.map((p) => ({
	...p,
	note: p.note.zh
}));

const DEFAULT_NOTES = new Map(DEFAULTS.map((p) => [profileKey(p), p.note]));

/**
 * A profile's note in the page's language. A default profile's note as seeded reads in English on
 * an English page; a note staff wrote or edited is their own text and is shown as written.
 */
export function profileNoteText(
	p: Pick<Profile, 'ruleType' | 'codeKind' | 'codePrefix' | 'note'>,
	lang: Lang
): string {
	const seeded = DEFAULT_NOTES.get(profileKey(p));
	return seeded && p.note.trim() === seeded.zh ? seeded[lang] : p.note;
}

/**
 * A profile change's audit detail (`{ change, old, new }`, each side a stored profile or null) with
 * each side's note in the page's language, as `profileNoteText` gives it. Made on the server: this
 * module's parsing (zod) stays off the page. Other details are returned as they are.
 */
export function profileChangeDetailText(
	detail: Record<string, unknown> | null,
	lang: Lang
): Record<string, unknown> | null {
	if (!detail) return detail;
	const side = (p: unknown) => {
		if (!p || typeof p !== 'object') return p;
		const profile = p as Profile;
		return typeof profile.note === 'string'
			? { ...profile, note: profileNoteText(profile, lang) }
			: profile;
	};
	return { ...detail, old: side(detail.old), new: side(detail.new) };
}

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
