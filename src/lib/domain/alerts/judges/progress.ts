/**
 * The spending rules that move with the date: 支出进度偏慢 (city, function class, department,
 * project), 三季度末执行偏低 (department), 项目未执行 (project) and 年底突击花钱 (department,
 * project), over one year's allocated spending.
 */
import type { FiscalDate } from '../../fiscal';
import type { Fen } from '../../money';
import type { Localized } from '../explanation';
import { judgePaceLag } from '../pace-lag';
import { paramsFor, type RuleSettings, type SubjectScope } from '../params';
import { judgeProjectIdle } from '../project-idle';
import { judgeQ3LowExecution } from '../q3-low-execution';
import { judgeYearEndRush } from '../year-end-rush';
import { addFinding, yearPeriod, type Evaluation, type Finding } from './evaluation';
import { both, deptLabel, funcLabel, join, kindPrefix, type Names } from './labels';
import {
	allocate,
	classTotals,
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
		pace: [],
		q3: [],
		rush: [],
		idle: []
	};
	const allocated = allocate(data);
	for (const kind of new Set(allocated.map((a) => a.kind))) {
		const mine = allocated.filter((a) => a.kind === kind);
		if (settings.paceLag.enabled) cityAndClassPace(j, kind, mine);
		for (const a of mine) {
			deptProgress(j, a);
			for (const [code, p] of projectsOf(a)) {
				const scope = { deptCode: a.dept, funcCode: p.funcCode, projectCode: code };
				projectProgress(j, a, code, scope, p);
			}
		}
	}
	if (judgesYearEnd(settings, year, asOf)) for (const a of allocated) yearEndRush(j, a);
	const covers = (a: { period: string }) => a.period === period;
	return [
		{ ruleType: 'paceLag', findings: j.pace, covers },
		{ ruleType: 'q3LowExecution', findings: j.q3, covers },
		{ ruleType: 'yearEndRush', findings: j.rush, covers },
		{ ruleType: 'projectIdle', findings: j.idle, covers }
	];
}

/** Pace lag of the whole city and of each function class (类), for one budget kind. */
function cityAndClassPace(j: Judging, kind: string, mine: DeptSpending[]): void {
	const { year, asOf, period } = j;
	const setting = j.settings.paceLag;
	const prefix = kindPrefix(kind);
	const plan = mine.reduce((s, a) => s + a.plan, 0n);
	const executed = mine.reduce((s, a) => s + a.totalExecuted, 0n);
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
			paramsFor('paceLag', setting.params, setting.overrides, scope)
		);
		addFinding(j.pace, 'paceLag', v, { key: `${kind}:class:${cls}`, period, year, ...scope });
	}
}

/** A department's pace lag and Q3 low execution. */
function deptProgress(j: Judging, a: DeptSpending): void {
	const { year, asOf, period, settings } = j;
	const dept = deptLabel(j.names, a.dept);
	const scope = { deptCode: a.dept };
	const scopeLabel = join(kindPrefix(a.kind), both(dept));
	const input = { scope: scopeLabel, year, asOf, plan: a.plan, executed: a.totalExecuted };
	if (settings.paceLag.enabled) {
		const { params, overrides } = settings.paceLag;
		const v = judgePaceLag(input, paramsFor('paceLag', params, overrides, scope));
		addFinding(j.pace, 'paceLag', v, { key: `${a.kind}:dept:${a.dept}`, period, year, ...scope });
	}
	if (settings.q3LowExecution.enabled) {
		const { params, overrides } = settings.q3LowExecution;
		const v = judgeQ3LowExecution(input, paramsFor('q3LowExecution', params, overrides, scope));
		addFinding(j.q3, 'q3LowExecution', v, { key: `${a.kind}:${a.dept}`, period, year, ...scope });
	}
}

/** A project's label: its department and its name (or code). */
function projectLabel(j: Judging, a: DeptSpending, code: string, name: string | null): Localized {
	return join(kindPrefix(a.kind), both(`${deptLabel(j.names, a.dept)} ${name ?? code}`));
}

/** A project's pace lag and whether it stands idle. */
function projectProgress(
	j: Judging,
	a: DeptSpending,
	code: string,
	scope: SubjectScope,
	p: { name: string | null; plan: Fen; executed: Fen }
): void {
	const { year, asOf, period, settings } = j;
	const input = { scope: projectLabel(j, a, code, p.name), year, asOf, plan: p.plan };
	if (settings.paceLag.enabled) {
		const { params, overrides } = settings.paceLag;
		const v = judgePaceLag(
			{ ...input, executed: p.executed },
			paramsFor('paceLag', params, overrides, scope)
		);
		const key = `${a.kind}:project:${a.dept}:${code}`;
		addFinding(j.pace, 'paceLag', v, { key, period, year, ...scope });
	}
	if (settings.projectIdle.enabled) {
		const { params, overrides } = settings.projectIdle;
		const lastPaidOn = j.facts.lastPaid?.get(projectKey(a.kind, a.dept, code)) ?? null;
		const v = judgeProjectIdle(
			{ ...input, executed: p.executed, lastPaidOn },
			paramsFor('projectIdle', params, overrides, scope)
		);
		addFinding(j.idle, 'projectIdle', v, {
			key: `${a.kind}:${a.dept}:${code}`,
			period,
			year,
			...scope
		});
	}
}

/** Year-end rush of a department and of each of its projects: December apart from January–November. */
function yearEndRush(j: Judging, a: DeptSpending): void {
	const { year, asOf, period } = j;
	const { params, overrides } = j.settings.yearEndRush;
	const judge = (key: string, scope: SubjectScope, label: Localized, plan: Fen, executed: Fen) => {
		const december = j.facts.december?.get(projectKey(a.kind, a.dept, scope.projectCode ?? '*'));
		const dec = december ?? 0n;
		const v = judgeYearEndRush(
			{ scope: label, year, asOf, plan, beforeDecember: executed - dec, december: dec },
			paramsFor('yearEndRush', params, overrides, scope)
		);
		addFinding(j.rush, 'yearEndRush', v, { key, period, year, ...scope });
	};
	const dept = deptLabel(j.names, a.dept);
	const label = join(kindPrefix(a.kind), both(dept));
	judge(`${a.kind}:${a.dept}`, { deptCode: a.dept }, label, a.plan, a.totalExecuted);
	for (const [code, p] of projectsOf(a))
		judge(
			`${a.kind}:${a.dept}:${code}`,
			{ deptCode: a.dept, projectCode: code },
			projectLabel(j, a, code, p.name),
			p.plan,
			p.executed
		);
}
