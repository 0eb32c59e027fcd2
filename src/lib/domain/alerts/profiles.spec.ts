import { describe, expect, it } from 'vitest';
import {
	lineSpending,
	names,
	peer,
	planLine,
	ruleSettings
} from '../../../../tests/support/alert-judging';
import { judgeLines } from './judges/lines';
import { judgePayments, largePaymentFloor, type PaymentFact } from './judges/payments';
import { judgeProgressRules } from './judges/progress';
import type { SpendingData } from './judges/spending';
import { DEFAULT_PARAMS } from './params';
import {
	DEFAULT_PROFILES,
	isLeftOut,
	parseProfile,
	profileFor,
	profileChangeDetailText,
	profileNoteText,
	withProfile,
	type Profile
} from './profiles';

const pace = DEFAULT_PROFILES.filter((p) => p.ruleType === 'paceLag');

describe('which profile applies', () => {
	it('matches the longest prefix, function before economic at equal length', () => {
		const profiles: Profile[] = [
			{ ruleType: 'paceLag', codeKind: 'func', codePrefix: '227', mode: 'excluded', note: '' },
			{ ruleType: 'paceLag', codeKind: 'func', codePrefix: '22701', mode: 'thresholds', note: '' },
			{ ruleType: 'paceLag', codeKind: 'econ', codePrefix: '301', mode: 'excluded', note: '' }
		];
		expect(profileFor(profiles, { funcCode: '2270101' })?.codePrefix).toBe('22701');
		expect(profileFor(profiles, { funcCode: '22799' })?.codePrefix).toBe('227');
		expect(profileFor(profiles, { funcCode: '22' })).toBeUndefined(); // shorter than the prefix
		expect(profileFor(profiles, { funcCode: '2280101' })).toBeUndefined();
		expect(profileFor(profiles, { funcCode: '2270101', econCode: '30101' })?.codePrefix).toBe(
			'22701'
		);
		expect(profileFor(profiles, { funcCode: '2050101', econCode: '30101' })?.codeKind).toBe('econ');
	});

	it('leaves out excluded and scheduled lines, not those with their own thresholds', () => {
		expect(isLeftOut(pace, { funcCode: '2279901' })).toBe(true); // 227 预备费
		expect(isLeftOut(pace, { funcCode: '2320301' })).toBe(true); // 232 interest: on its schedule
		expect(isLeftOut(pace, { funcCode: '2050202' })).toBe(false);
		// 22302 capital injections: on the injection plan; the rest of 223 by the calendar.
		expect(isLeftOut(pace, { funcCode: '2230201' })).toBe(true);
		expect(isLeftOut(pace, { funcCode: '2230299' })).toBe(true);
		expect(isLeftOut(pace, { funcCode: '2230105' })).toBe(false);
		expect(isLeftOut(pace, { funcCode: '2239999' })).toBe(false);
		// Social-insurance benefits (209) on the funds' calendar; the general budget's contributions
		// to them (208 social security, 210 health) by the calendar.
		expect(isLeftOut(pace, { funcCode: '2090301' })).toBe(true); // medical settlements
		expect(isLeftOut(pace, { funcCode: '2091001' })).toBe(true); // pensions
		expect(isLeftOut(pace, { funcCode: '2080505' })).toBe(false);
		expect(isLeftOut(pace, { funcCode: '2101202' })).toBe(false);
		const own: Profile<'paceLag'>[] = [
			{
				ruleType: 'paceLag',
				codeKind: 'func',
				codePrefix: '213',
				mode: 'thresholds',
				params: { thresholds: { notice: '20', warning: '30', severe: '40' } },
				note: ''
			}
		];
		expect(isLeftOut(own, { funcCode: '21301' })).toBe(false);
		expect(withProfile(DEFAULT_PARAMS.paceLag, own, { funcCode: '21301' }).thresholds.severe).toBe(
			'40'
		);
		expect(withProfile(DEFAULT_PARAMS.paceLag, own, { funcCode: '2050202' })).toBe(
			DEFAULT_PARAMS.paceLag
		);
	});

	it('checks a proposed profile and names the field', () => {
		const base = DEFAULT_PARAMS.paceLag;
		const ok = { ruleType: 'paceLag' as const, codeKind: 'func', codePrefix: '227', base };
		expect(parseProfile({ ...ok, mode: 'excluded' })).toMatchObject({ ok: true });
		expect(parseProfile({ ...ok, mode: 'ignored' })).toMatchObject({ ok: false });
		expect(parseProfile({ ...ok, codePrefix: '22', mode: 'excluded' })).toEqual({
			ok: false,
			error: 'codePrefix: must be a code of 3 to 7 digits'
		});
		expect(parseProfile({ ...ok, mode: 'thresholds' })).toMatchObject({ ok: false });
		const bad = { thresholds: { notice: '30', warning: '20', severe: '40' } };
		expect(parseProfile({ ...ok, mode: 'thresholds', params: bad })).toMatchObject({ ok: false });
		expect(
			parseProfile({
				...ok,
				ruleType: 'feedStale',
				mode: 'excluded',
				base: DEFAULT_PARAMS.feedStale
			})
		).toMatchObject({ ok: false });
	});
});

/** Department 122 at mid-year: its 227 reserve untouched, its 205 line on time; the rest of the city (131) ahead. */
const rest = peer();
const reserve: SpendingData = {
	year: 2026,
	asOf: '2026-06-30',
	lines: [
		planLine({ funcCode: '2050202', plan: 100_000_000n }),
		planLine({ funcCode: '2279901', plan: 80_000_000n }),
		rest.line
	],
	spending: [lineSpending({ funcCode: '2050202', amount: 50_000_000n }), rest.spending]
};

describe('profiles applied by the judges', () => {
	it('leaves a reserve line out of pace lag at every level: no finding, no severe', () => {
		const bare = judgeProgressRules(reserve, ruleSettings(), names)[0].findings;
		// The city (650 of 1180 million, 55.1%) keeps pace; 122 (27.8%) is judged against 序时进度.
		expect(bare.map((f) => [f.subjectKey, f.level])).toEqual([
			['general:class:227', 'severe'],
			['general:dept:122', 'severe']
		]);
		const profiled = judgeProgressRules(reserve, ruleSettings({}, { profiles: pace }), names);
		expect(profiled[0].findings).toEqual([]); // 205 at 50% on 30 June is on time
	});

	it('judges a line with its own thresholds at and around them', () => {
		// A project 10.589 pp behind time progress on 30 June (181/365 = 49.589% elapsed, 39.0% executed).
		const data: SpendingData = {
			year: 2026,
			asOf: '2026-06-30',
			lines: [planLine({ funcCode: '2130301', projectCode: 'W1', plan: 100_000_000n }), rest.line],
			spending: [
				lineSpending({ funcCode: '2130301', projectCode: 'W1', amount: 39_000_000n }),
				rest.spending
			]
		};
		const own = (severe: string): Profile[] => [
			{
				ruleType: 'paceLag',
				codeKind: 'func',
				codePrefix: '213',
				mode: 'thresholds',
				params: { thresholds: { notice: '10', warning: '10', severe } },
				note: ''
			}
		];
		const project = (severe: string) =>
			judgeProgressRules(data, ruleSettings({}, { profiles: own(severe) }), names)[0].findings.find(
				(f) => f.subjectKey === 'general:project:122:W1'
			)?.level;
		expect(project('10.58')).toBe('severe');
		expect(project('10.59')).toBe('warning');
		expect(judgeProgressRules(data, ruleSettings(), names)[0].findings.at(-1)?.level).toBe(
			'warning'
		); // the default 15 pp
	});

	it('leaves wage and 代发 runs and transfers out of large payments by default', () => {
		const pay = (id: string, funcCode: string, econCode: string): PaymentFact => ({
			id,
			fiscalDate: '2026-03-10',
			budgetKind: 'general',
			deptCode: '122',
			funcCode,
			projectCode: '',
			econCode,
			amount: 200_000_000n
		});
		const setting = ruleSettings({}, { profiles: DEFAULT_PROFILES }).largePayment;
		const judged = judgePayments(
			[
				pay('WAGE', '2050202', '30101'),
				pay('DAIFA', '2080201', '30305'),
				pay('TRANSFER', '2300201', '39999'),
				pay('WORKS', '2130301', '30201')
			],
			setting,
			names
		);
		expect(judged.findings.map((f) => f.subjectKey)).toEqual(['WORKS']);
		expect(largePaymentFloor(setting)).toBe(100_000_000n);
	});

	it('judges capital works from 500万 and debt interest on its schedule', () => {
		const pay = (id: string, funcCode: string, econCode: string, yuan: bigint): PaymentFact => ({
			id,
			fiscalDate: '2026-03-10',
			budgetKind: 'general',
			deptCode: '122',
			funcCode,
			projectCode: '',
			econCode,
			amount: yuan * 100n
		});
		const setting = ruleSettings({}, { profiles: DEFAULT_PROFILES }).largePayment;
		const judged = judgePayments(
			[
				pay('WORKS-4.99M', '2120399', '31005', 4_999_999n),
				pay('WORKS-5M', '2120399', '30905', 5_000_000n),
				pay('WORKS-50M', '2120399', '31005', 50_000_000n),
				pay('GOODS-1M', '2120399', '30201', 1_000_000n),
				pay('INTEREST', '2320301', '30701', 80_000_000n)
			],
			setting,
			names
		);
		expect(judged.findings.map((f) => [f.subjectKey, f.level])).toEqual([
			['WORKS-5M', 'warning'],
			['WORKS-50M', 'severe'],
			['GOODS-1M', 'notice']
		]);
	});

	it('leaves social-insurance benefit runs (209) out of large, split and duplicate payments by default', () => {
		const pay = (id: string, funcCode: string, econCode: string, day: string): PaymentFact => ({
			id,
			fiscalDate: `2026-03-${day}`,
			budgetKind: 'social',
			deptCode: '131',
			funcCode,
			projectCode: '',
			econCode,
			amount: 900_000_000n
		});
		const settings = ruleSettings({}, { profiles: DEFAULT_PROFILES });
		const payments = [
			pay('PENSION', '2091001', '30305', '10'),
			pay('HOSPITAL', '2091101', '39999', '10'),
			pay('HOSPITAL-2', '2091101', '39999', '11'),
			pay('WORKS', '2130301', '31005', '10')
		];
		const judged = judgePayments(payments, settings.largePayment, names);
		expect(judged.findings.map((f) => f.subjectKey)).toEqual(['WORKS']);
		for (const rule of ['largePayment', 'splitPayment', 'duplicatePayment'] as const) {
			expect(isLeftOut(settings[rule].profiles, { funcCode: '2091101', econCode: '39999' })).toBe(
				true
			);
			expect(isLeftOut(settings[rule].profiles, { funcCode: '2130301', econCode: '31005' })).toBe(
				false
			);
		}
	});
});

describe('social-insurance benefits on their own calendar', () => {
	/**
	 * The social insurance budget on 7 December (341/365 = 93.4% of the year): pensions (108) at
	 * 87.2% before the December run, the medical insurance settlements (131) at 82.6% before their
	 * year-end clearing.
	 */
	const social: SpendingData = {
		year: 2026,
		asOf: '2026-12-07',
		lines: [
			planLine({
				budgetKind: 'social',
				deptCode: '108',
				funcCode: '2091001',
				plan: 1_000_000_000n
			}),
			planLine({ budgetKind: 'social', deptCode: '131', funcCode: '2090301', plan: 400_000_000n }),
			planLine({ budgetKind: 'social', deptCode: '131', funcCode: '2091101', plan: 600_000_000n })
		],
		spending: [
			lineSpending({
				budgetKind: 'social',
				deptCode: '108',
				funcCode: '2091001',
				amount: 872_000_000n
			}),
			lineSpending({
				budgetKind: 'social',
				deptCode: '131',
				funcCode: '2090301',
				amount: 330_400_000n
			}),
			lineSpending({
				budgetKind: 'social',
				deptCode: '131',
				funcCode: '2091101',
				amount: 495_600_000n
			})
		]
	};
	const departments = (data: SpendingData, profiles?: readonly Profile[]) =>
		judgeProgressRules(data, ruleSettings({}, { profiles }), names)[0]
			.findings.filter((f) => f.subjectKey.includes(':dept:'))
			.map((f) => [f.subjectKey, f.level]);

	it('opens no pace case for pension runs or hospital settlements', () => {
		// Without profiles each is judged against the other, both below 序时进度: 108 is ahead of
		// 131's 82.6%, and 131 is 4.6 pp behind 108's 87.2%, under 5.
		expect(departments(social)).toEqual([]);
		// The settlements a little further behind: 131 at 82.0% is 5.2 pp behind — a notice.
		const further: SpendingData = {
			...social,
			spending: social.spending.map((l) =>
				l.funcCode === '2091101' ? { ...l, amount: 489_600_000n } : l
			)
		};
		expect(departments(further)).toEqual([['social:dept:131', 'notice']]);
		expect(departments(further, DEFAULT_PROFILES)).toEqual([]);
		// With every benefit left out, even pensions 20 pp behind 序时进度 open nothing.
		const late: SpendingData = {
			...social,
			spending: social.spending.map((l) => ({ ...l, amount: (l.amount * 3n) / 4n }))
		};
		expect(departments(late, DEFAULT_PROFILES)).toEqual([]);
	});

	it('still judges the general budget’s social-security lines, at and around 5 pp', () => {
		// 30 June: 181/365 = 49.589% of the year; the rest of the city (131) ahead of it at 60%.
		const rest = peer();
		const at = (executed: bigint): SpendingData => ({
			year: 2026,
			asOf: '2026-06-30',
			lines: [planLine({ funcCode: '2080505', plan: 100_000_000n }), rest.line],
			spending: [lineSpending({ funcCode: '2080505', amount: executed }), rest.spending]
		});
		expect(departments(at(44_589_041n), DEFAULT_PROFILES)).toEqual([
			['general:dept:122', 'notice']
		]); // 5.0000001 pp
		expect(departments(at(44_589_042n), DEFAULT_PROFILES)).toEqual([]); // 4.9999999 pp
	});
});

describe('超预算 at every level with a plan line', () => {
	const project = (amount: bigint): SpendingData => ({
		year: 2026,
		asOf: '2026-10-31',
		lines: [
			planLine({ funcCode: '2130301', projectCode: 'P9', projectName: '泵站', plan: 100_000_000n }),
			planLine({ funcCode: '2130301', plan: 900_000_000n })
		],
		spending: [lineSpending({ funcCode: '2130301', projectCode: 'P9', amount })]
	});
	const overPlan = (amount: bigint) =>
		judgeLines(project(amount), ruleSettings(), names, { year: 2026 })[0].findings;

	it('fires for a project at 114.8% of its plan although its department line is far under', () => {
		const found = overPlan(114_800_000n);
		expect(found.map((f) => [f.subjectKey, f.level])).toEqual([
			['general:project:122:P9', 'severe']
		]);
		expect(found[0]).toMatchObject({ deptCode: '122', projectCode: 'P9', funcCode: '2130301' });
		expect(found[0].explanation.inputs.at(-1)?.value).toBe('114.8');
	});

	it('grades a project at and around the thresholds', () => {
		const level = (amount: bigint) => overPlan(amount)[0]?.level;
		expect(level(94_999_999n)).toBeUndefined();
		expect(level(95_000_000n)).toBe('notice');
		expect(level(100_000_000n)).toBe('warning');
		expect(level(109_999_999n)).toBe('warning');
		expect(level(110_000_000n)).toBe('severe');
	});
});

describe('a profile note in the page language', () => {
	const reserve = DEFAULT_PROFILES.find((p) => p.ruleType === 'paceLag' && p.codePrefix === '227')!;

	it('reads a default note in English on an English page and in Chinese on a Chinese one', () => {
		expect(profileNoteText(reserve, 'en')).toMatch(/^227 Reserve fund: /);
		expect(profileNoteText(reserve, 'zh')).toBe(reserve.note);
	});

	it('shows a note staff wrote or edited as written, in either language', () => {
		const edited = { ...reserve, note: '227 预备费：本年度计划于十月动用' };
		expect(profileNoteText(edited, 'en')).toBe('227 预备费：本年度计划于十月动用');
		// The reserve's default text on another prefix is staff's choice there, not a default.
		expect(profileNoteText({ ...reserve, codePrefix: '22701' }, 'en')).toBe(reserve.note);
		expect(profileNoteText({ ...reserve, note: '' }, 'en')).toBe('');
	});

	it('puts both sides of a profile change in the page language, for the audit log', () => {
		const edited = { ...reserve, mode: 'thresholds' as const, note: '十月动用' };
		const detail = { change: 5, old: reserve, new: edited };
		const en = profileChangeDetailText(detail, 'en')!;
		expect((en.old as Profile).note).toMatch(/^227 Reserve fund: /);
		expect((en.new as Profile).note).toBe('十月动用');
		expect(en.change).toBe(5);
		expect(profileChangeDetailText(detail, 'zh')).toEqual(detail);
		// A profile added or removed has one side only.
		expect(profileChangeDetailText({ change: 6, old: null, new: reserve }, 'en')).toMatchObject({
			old: null,
			new: { note: expect.stringMatching(/^227 Reserve fund: /) }
		});
	});
});
