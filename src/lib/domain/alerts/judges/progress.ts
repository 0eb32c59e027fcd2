/**
 * The spending rules that move with the date: 支出进度偏慢 (city, function class, department,
 * project), 三季度末执行偏低 (department), 项目未执行 (project) and 年底突击花钱 (department,
 * project), over one year's allocated spending.
 */
import type { FiscalDate } from '../../calendar';
import type { Fen } from '../../money';
import type { Localized } from '../explanation';
import { judgePaceLag } from '../pace-lag';
import { paramsFor, type RuleSettings, type SubjectScope } from '../params';
import { judgeProjectIdle } from '../project-idle';
import { judgeQ3LowExecution } from '../q3-low-execution';
import { judgeYearEndRush } from '../year-end-rush';
import { isLeftOut, withProfile, type Profile } from '../profiles';
import { addFinding, yearPeriod, type Evaluation, type Finding } from './evaluation';
import { both, deptLabel, funcLabel, join, kindPrefix, type Names } from './labels';
import {
	allocate,
	classTotals,
	leaveOut,
	projectKey,
	projectsOf,
	type DeptSpending,
	type SpendingData
} from './spending';

export type ProgressSettings = Pick<
	RuleSettings,
	'paceLag' | 'q3LowExecution' | 'yearEndRush' | 'projectIdle'
>;

/** What the date-driven rules need beyond the year's spending, read only when the rule needs it. */
export interface ProgressFacts {
	/** The last fiscal date each project had a payment this year, by projectKey (project idle). */
	lastPaid?: ReadonlyMap<string, FiscalDate>;
	/** December's spending by projectKey, the department's whole under project '*' (year-end rush). */
	december?: ReadonlyMap<string, Fen>;
}

/** Whether year-end rush is judged as of this date (it needs December apart from January–November). */
export const judgesYearEnd = (settings: ProgressSettings, year: number, asOf: FiscalDate) =>
	settings.yearEndRush.enabled && asOf >= `${year}-12-01`;

interface Judging {
	settings: ProgressSettings;
	names: Names;
	facts: ProgressFacts;
	year: number;
	asOf: FiscalDate;
	period: string;
	/** The city's plan and execution per budget kind (pace lag's lines): less a department, its peers. */
	city: Map<string, { plan: Fen; executed: Fen }>;
	pace: Finding[];
	q3: Finding[];
	rush: Finding[];
	idle: Finding[];
}

/** Pace lag, Q3 low execution, year-end rush and project idle over the year's spending. */
export function judgeProgressRules(
	data: SpendingData,
	settings: ProgressSettings,
	names: Names,
	facts: ProgressFacts = {}
): Evaluation[] {
	const { year, asOf } = data;
	const period = yearPeriod(year);
	const j: Judging = {
		settings,
		names,
		facts,
		year,
		asOf,
		period,
		city: new Map(),
		pace: [],
		q3: [],
		rush: [],
		idle: []
	};
	// Each rule judges the lines its profiles do not leave out; rules with the same profiles share one allocation.
	const allocatedFor = allocations(data);
	if (settings.paceLag.enabled) {
		const allocated = allocatedFor(settings.paceLag.profiles);
		for (const kind of new Set(allocated.map((a) => a.kind)))
			cityAndClassPace(
				j,
				kind,
				allocated.filter((a) => a.kind === kind)
			);
		for (const a of allocated) {
			deptPace(j, a);
			for (const [code, p] of projectsOf(a)) projectPace(j, a, code, p);
		}
	}
	if (settings.q3LowExecution.enabled)
		for (const a of allocatedFor(settings.q3LowExecution.profiles)) deptQ3(j, a);
	if (settings.projectIdle.enabled)
		for (const a of allocatedFor(settings.projectIdle.profiles))
			for (const [code, p] of projectsOf(a)) projectIdle(j, a, code, p);
	// December's facts are the department's whole: its total stays whole, profiled projects are skipped.
	if (judgesYearEnd(settings, year, asOf))
		for (const a of allocatedFor(undefined)) yearEndRush(j, a);
	const covers = (a: { period: string }) => a.period === period;
	return [
		{ ruleType: 'paceLag', findings: j.pace, covers },
		{ ruleType: 'q3LowExecution', findings: j.q3, covers },
		{ ruleType: 'yearEndRush', findings: j.rush, covers },
		{ ruleType: 'projectIdle', findings: j.idle, covers }
	];
}

/** The allocation of the data without the lines that profiles leave out, shared by rules with the same profiles. */
function allocations(data: SpendingData): (profiles?: readonly Profile[]) => DeptSpending[] {
	const cache = new Map<string, DeptSpending[]>();
	return (profiles) => {
		const left = (profiles ?? []).filter((p) => p.mode !== 'thresholds');
		const sig = left
			.map((p) => `${p.codeKind}|${p.codePrefix}`)
			.sort()
			.join(',');
		let allocated = cache.get(sig);
		if (!allocated) cache.set(sig, (allocated = allocate(leaveOut(data, left))));
		return allocated;
	};
}

/** Pace lag of the whole city and of each function class (类), for one budget kind. */
function cityAndClassPace(j: Judging, kind: string, mine: DeptSpending[]): void {
	const { year, asOf, period } = j;
	const setting = j.settings.paceLag;
	const prefix = kindPrefix(kind);
	const plan = mine.reduce((s, a) => s + a.plan, 0n);
	const executed = mine.reduce((s, a) => s + a.totalExecuted, 0n);
	j.city.set(kind, { plan, executed });
	const city = judgePaceLag(
		{ scope: join(prefix, { zh: '全市', en: 'whole city' }), year, asOf, plan, executed },
		setting.params
	);
	addFinding(j.pace, 'paceLag', city, { key: `${kind}:city`, period, year });
	for (const [cls, c] of classTotals(mine)) {
		const scope = { funcCode: cls };
		const v = judgePaceLag(
			{
				scope: join(prefix, funcLabel(j.names, cls)),
				year,
				asOf,
				plan: c.plan,
				executed: c.executed
			},
			withProfile(
				paramsFor('paceLag', setting.params, setting.overrides, scope),
				setting.profiles,
				scope
			)
		);
		addFinding(j.pace, 'paceLag', v, { key: `${kind}:class:${cls}`, period, year, ...scope });
	}
}

/** The other departments of a department's budget kind: the city's plan and execution less its own. */
function peersOf(j: Judging, a: DeptSpending): { plan: Fen; executed: Fen } | undefined {
	const city = j.city.get(a.kind);
	return city && { plan: city.plan - a.plan, executed: city.executed - a.totalExecuted };
}

/**
 * A department's pace lag, against 序时进度 or, when the other departments of its budget kind stand
 * lower (the year-end peak), against their rate (pace-lag.ts).
 */
function deptPace(j: Judging, a: DeptSpending): void {
	const { year, asOf, period } = j;
	const scope = { deptCode: a.dept };
	const label = join(kindPrefix(a.kind), both(deptLabel(j.names, a.dept)));
	const { params, overrides } = j.settings.paceLag;
	const v = judgePaceLag(
		{ scope: label, year, asOf, plan: a.plan, executed: a.totalExecuted, peers: peersOf(j, a) },
		paramsFor('paceLag', params, overrides, scope)
	);
	addFinding(j.pace, 'paceLag', v, { key: `${a.kind}:dept:${a.dept}`, period, year, ...scope });
}

/** A department's Q3 low execution. */
function deptQ3(j: Judging, a: DeptSpending): void {
	const { year, asOf, period } = j;
	const scope = { deptCode: a.dept };
	const label = join(kindPrefix(a.kind), both(deptLabel(j.names, a.dept)));
	const { params, overrides } = j.settings.q3LowExecution;
	const v = judgeQ3LowExecution(
		{ scope: label, year, asOf, plan: a.plan, executed: a.totalExecuted },
		paramsFor('q3LowExecution', params, overrides, scope)
	);
	addFinding(j.q3, 'q3LowExecution', v, { key: `${a.kind}:${a.dept}`, period, year, ...scope });
}

/** A project's label: its department and its name (or code). */
function projectLabel(j: Judging, a: DeptSpending, code: string, name: string | null): Localized {
	return join(kindPrefix(a.kind), both(`${deptLabel(j.names, a.dept)} ${name ?? code}`));
}

type ProjectFacts = { name: string | null; plan: Fen; executed: Fen; funcCode: string };

/**
 * A project's pace lag, keyed under its department (`kind:project:dept:code`, deptCode set) so a
 * department's case gathers its projects' lag as evidence.
 */
function projectPace(j: Judging, a: DeptSpending, code: string, p: ProjectFacts): void {
	const { year, asOf, period } = j;
	const scope = { deptCode: a.dept, funcCode: p.funcCode, projectCode: code };
	const { params, overrides, profiles } = j.settings.paceLag;
	const v = judgePaceLag(
		{
			scope: projectLabel(j, a, code, p.name),
			year,
			asOf,
			plan: p.plan,
			executed: p.executed,
			peers: peersOf(j, a)
		},
		withProfile(paramsFor('paceLag', params, overrides, scope), profiles, scope)
	);
	addFinding(j.pace, 'paceLag', v, {
		key: `${a.kind}:project:${a.dept}:${code}`,
		period,
		year,
		...scope
	});
}

/** Whether a project stands idle. */
function projectIdle(j: Judging, a: DeptSpending, code: string, p: ProjectFacts): void {
	const { year, asOf, period } = j;
	const scope = { deptCode: a.dept, funcCode: p.funcCode, projectCode: code };
	const { params, overrides, profiles } = j.settings.projectIdle;
	const lastPaidOn = j.facts.lastPaid?.get(projectKey(a.kind, a.dept, code)) ?? null;
	const v = judgeProjectIdle(
		{
			scope: projectLabel(j, a, code, p.name),
			year,
			asOf,
			plan: p.plan,
			executed: p.executed,
			lastPaidOn
		},
		withProfile(paramsFor('projectIdle', params, overrides, scope), profiles, scope)
	);
	addFinding(j.idle, 'projectIdle', v, {
		key: `${a.kind}:${a.dept}:${code}`,
		period,
		year,
		...scope
	});
}

/** Year-end rush of a department and of each of its projects: December apart from January–November. */
function yearEndRush(j: Judging, a: DeptSpending): void {
	const { year, asOf, period } = j;
	const { params, overrides, profiles } = j.settings.yearEndRush;
	const judge = (key: string, scope: SubjectScope, label: Localized, plan: Fen, executed: Fen) => {
		if (isLeftOut(profiles, scope)) return;
		const december = j.facts.december?.get(projectKey(a.kind, a.dept, scope.projectCode ?? '*'));
		const dec = december ?? 0n;
		const v = judgeYearEndRush(
			{ scope: label, year, asOf, plan, beforeDecember: executed - dec, december: dec },
			withProfile(paramsFor('yearEndRush', params, overrides, scope), profiles, scope)
		);
		addFinding(j.rush, 'yearEndRush', v, { key, period, year, ...scope });
	};
	const dept = deptLabel(j.names, a.dept);
	const label = join(kindPrefix(a.kind), both(dept));
	judge(`${a.kind}:${a.dept}`, { deptCode: a.dept }, label, a.plan, a.totalExecuted);
	for (const [code, p] of projectsOf(a))
		judge(
			`${a.kind}:${a.dept}:${code}`,
			{ deptCode: a.dept, funcCode: p.funcCode, projectCode: code },
			projectLabel(j, a, code, p.name),
			p.plan,
			p.executed
		);
}
