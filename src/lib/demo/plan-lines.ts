/**
 * A department's plan lines (预算指标) in the general public budget: its budget split by function 项,
 * economic class and project, each with how it is paid and how far it is executed by year end.
 */
import { functionName } from './codes';
import type { DepartmentSpec, LineProfile } from './departments';
import { clamp, wan } from './numbers';
import { PROJECT_NAMES } from './project-names';
import { unitsFitting } from './unit-functions';
import type { Random } from './random';

/** The budgets the demo city has: the general public budget, the government fund budget and the state capital operation budget. */
export type DemoBudgetKind = 'general' | 'fund' | 'capital' | 'social';

export type PaymentPattern =
	'payroll' | 'goods' | 'works' | 'persons' | 'bulk' | 'lump' | 'transfer' | 'interest' | 'none';

export interface DemoPlanLine {
	/** Absent: the general public budget. */
	budgetKind?: DemoBudgetKind;
	deptCode: string;
	funcCode: string;
	econCode: string;
	projectCode?: string;
	projectName?: string;
	/** Initial plan, fen. */
	amount: bigint;
	/** Mid-year adjustment (调整预算), fen, when the line was adjusted. */
	adjusted?: bigint;
	profile: LineProfile;
	/** How the spending of this line is paid: wages monthly, goods by small payments, and so on. */
	pattern: PaymentPattern;
	/** Units that pay on this line. */
	agencyCodes: string[];
	/** Who a lump payment on this line goes to (a capital injection's enterprise); else a supplier. */
	payee?: string;
	/** Execution of the year's plan this line reaches by 31 December (1 = exactly the plan). */
	yearExecution: number;
}

interface Project {
	code: string;
	name: string;
}

/** Adds one line of `amountWan` 万元 (none under 1万) to the department's lines. */
type AddLine = (
	funcCode: string,
	econCode: string,
	amountWan: number,
	profile: LineProfile,
	pattern: PaymentPattern,
	agencies: string[],
	project?: Project
) => void;

/** 代编预算: transfers, debt service and the reserve the finance bureau holds; no staff, no contributions. */
const HELD_CENTRALLY = '190';
/** 三公经费 款 (domain.md): budgets the austerity rules keep tight and units leave partly unspent. */
const THREE_PUBLIC = new Set(['30212', '30217', '30231', '31013']);

/**
 * The share of a line's plan paid by year end. The treasury pays no more than a line's available
 * plan (支付不能超过可用指标), so ordinary lines end at most at 99.5% — over-plan spending is the
 * planted anomaly (planted.ts), not noise; 三公经费 end about a fifth under their budget.
 */
export function lineExecution(pattern: PaymentPattern, econCode: string, drawn: number): number {
	if (pattern === 'none') return 0.05;
	return clamp(drawn, 0.5, 0.995) * (THREE_PUBLIC.has(econCode) ? 0.8 : 1);
}

/** Social insurance, medical insurance and housing fund, as a share of a department's budget. */
const CONTRIBUTIONS = 0.11;

export function departmentLines(
	dept: DepartmentSpec,
	year: number,
	unitCodes: string[],
	deptExecution: number,
	r: Random
): DemoPlanLine[] {
	const out: DemoPlanLine[] = [];
	const add = lineAdder(dept, deptExecution, r, out);
	const isGovernmentDept = dept.code !== HELD_CENTRALLY;
	if (isGovernmentDept) contributionLines(add, dept.budget, unitCodes);
	const nextProject = projectNamer(dept.code, year);
	for (const [funcCode, share, profile] of dept.lines) {
		const amount = dept.budget * share * (1 - (isGovernmentDept ? CONTRIBUTIONS : 0));
		// Service lines pay through the department's units; admin lines through its office.
		const agencies =
			profile === 'service' && unitCodes.length > 1
				? unitsFitting(funcCode, unitCodes.slice(1), dept.units ?? [])
				: [unitCodes[0]];
		profileLines(add, { funcCode, amount, profile, agencies }, r, nextProject);
	}
	return out;
}

function lineAdder(
	dept: DepartmentSpec,
	deptExecution: number,
	r: Random,
	out: DemoPlanLine[]
): AddLine {
	return (funcCode, econCode, amountWan, profile, pattern, agencies, project) => {
		if (amountWan < 1) return;
		out.push({
			deptCode: dept.code,
			funcCode,
			econCode,
			projectCode: project?.code,
			projectName: project?.name,
			amount: wan(amountWan),
			profile,
			pattern,
			agencyCodes: agencies,
			yearExecution: lineExecution(pattern, econCode, deptExecution * (1 + 0.03 * r.normal()))
		});
	};
}

/** Social insurance, medical insurance and housing fund contributions of every department. */
function contributionLines(add: AddLine, budget: number, unitCodes: string[]) {
	add('2080505', '30108', budget * 0.05, 'admin', 'payroll', unitCodes);
	add('2101101', '30110', budget * 0.025, 'admin', 'payroll', unitCodes);
	add('2210201', '30113', budget * 0.035, 'admin', 'payroll', unitCodes);
}

/** Names the department's projects in turn: `{year}{dept}{seq}`, names from PROJECT_NAMES. */
function projectNamer(deptCode: string, year: number): (funcCode: string) => Project {
	let projectSeq = 1;
	return (funcCode) => {
		// A 项 named as a fund already (中小企业发展专项) is not named 专项 twice.
		const fund = functionName(funcCode) ?? '专项';
		const names = PROJECT_NAMES[funcCode] ?? [fund.endsWith('专项') ? fund : `${fund}专项`];
		const name = names[(projectSeq - 1) % names.length];
		const code = `${year}${deptCode}${String(projectSeq++).padStart(3, '0')}`;
		return { code, name: `${year}年${name}` };
	};
}

interface FunctionShare {
	funcCode: string;
	/** 万元, after contributions. */
	amount: number;
	profile: LineProfile;
	agencies: string[];
}

/** The lines of one function 项 of a department, by its profile. */
function profileLines(
	add: AddLine,
	share: FunctionShare,
	r: Random,
	nextProject: (funcCode: string) => Project
) {
	const { funcCode, amount, profile, agencies } = share;
	switch (profile) {
		case 'admin':
		case 'service':
			return runningLines(add, share, r);
		case 'project':
			return projectLines(add, share, r, nextProject);
		case 'welfare':
			add(funcCode, '303', amount * 0.75, profile, 'bulk', agencies);
			add(funcCode, '30399', amount * 0.25, profile, 'persons', agencies);
			return;
		case 'subsidy':
			add(funcCode, '312', amount, profile, 'lump', agencies, nextProject(funcCode));
			return;
		case 'transfer': {
			const econ = funcCode.startsWith('210') ? '313' : '399';
			add(funcCode, econ, amount, profile, 'transfer', agencies);
			return;
		}
		case 'debt':
			add(funcCode, '307', amount, profile, 'interest', agencies);
			return;
		case 'reserve':
			add(funcCode, '399', amount, profile, 'none', agencies);
			return;
	}
}

/** Running costs (行政运行, 事业运行): wages, goods and services, small equipment, 三公经费. */
function runningLines(add: AddLine, share: FunctionShare, r: Random) {
	const { funcCode, amount, profile, agencies } = share;
	const wages = profile === 'service' ? 0.64 : 0.56;
	add(funcCode, '301', amount * wages, profile, 'payroll', agencies);
	add(funcCode, '302', amount * (0.93 - wages), profile, 'goods', agencies);
	add(funcCode, '303', amount * 0.02, profile, 'persons', agencies);
	add(funcCode, '310', amount * 0.035, profile, 'works', agencies);
	// 三公经费 budgets, kept small as the rules demand.
	add(funcCode, '30217', Math.max(2, amount * 0.004), profile, 'goods', agencies);
	add(funcCode, '30231', Math.max(3, amount * 0.007), profile, 'goods', agencies);
	if (r.chance(0.15))
		add(funcCode, '30212', Math.max(4, amount * 0.002), profile, 'goods', agencies);
}

/** Projects: one to three per 项 by size, each under the economic 类 its kind of work is paid from. */
function projectLines(
	add: AddLine,
	share: FunctionShare,
	r: Random,
	nextProject: (funcCode: string) => Project
) {
	const { funcCode, amount, profile, agencies } = share;
	const count = amount > 8000 ? 3 : amount > 2000 ? 2 : 1;
	for (let i = 0; i < count; i++) {
		const project = nextProject(funcCode);
		const econ = r.weighted(['30905', '31003', '30227', '30213'] as const, (e) =>
			e === '30905' ? 4 : e === '30227' ? 3 : 1.5
		);
		add(funcCode, econ.slice(0, 3), amount / count, profile, 'works', agencies, project);
	}
}
