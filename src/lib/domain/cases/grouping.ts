/**
 * Cases (问题线索): the findings of the rules grouped by subject, cause and period, so a committee
 * works tens of problems, not thousands of rows (domain.md "From findings to cases").
 *
 * A table keyed by rule type says, for each rule, which cause its findings belong to, whose case
 * they join (the subject) and for which period, and how much money each finding involves. A rule
 * type the table does not know (a rule added later: auditOverdue, debtRatio, …) becomes one case per
 * finding's own subject and period — no code needed. Pure: same findings → same cases, in the same
 * order.
 */
import { yuanToFen, type Fen } from '../money';
import type { AlertLevel } from '../alerts/params';

export const LEVEL_ORDER: Record<AlertLevel, number> = { notice: 1, warning: 2, severe: 3 };

/** A finding as the grouping reads it: a stored alert row. */
export interface FindingRow {
	id: number;
	ruleType: string;
	subjectKey: string;
	period: string;
	year: number;
	level: AlertLevel;
	deptCode: string | null;
	funcCode: string | null;
	projectCode: string | null;
	/** The alert's explanation; only its `inputs` (label.en, value, unit) are read. */
	explanation: unknown;
}

/** One case: its key, its findings (the headline first) and what it involves. */
export interface CaseGroup {
	/** `${cause}|${subject}|${period}`: never two active cases with one key. */
	key: string;
	cause: string;
	subject: string;
	period: string;
	year: number;
	level: AlertLevel;
	/** Money involved, fen: summed or the largest of the findings' amounts, as the cause says. */
	amount: Fen;
	deptCode: string | null;
	funcCode: string | null;
	projectCode: string | null;
	/** The fiscal dates of the facts behind the case (payments, as-of dates), or null. */
	factFrom: string | null;
	factTo: string | null;
	/** The finding that names the case: the one on the case's own subject, else the highest. */
	headlineId: number;
	findingIds: number[];
}

interface CaseRule {
	cause: string;
	/** The case's subject; findings with the same subject, cause and period share a case. */
	subject: (f: FindingRow) => string;
	/** The case's period (the finding's own unless said). */
	period?: (f: FindingRow) => string;
	/** Money the finding involves, fen (0 when unknown). */
	amount: (f: FindingRow) => Fen;
	/** How the case adds its findings' amounts: evidence that overlaps (a department and its projects) takes the largest. */
	combine: 'sum' | 'max';
	/** Whether the finding names the subject itself (not evidence under it). */
	isHead?: (f: FindingRow) => boolean;
	/** Context, not a case to work (city- and 类-level lag is shown on the overview). */
	context?: (f: FindingRow) => boolean;
	/**
	 * Evidence only: the finding joins its case when another finding opens it, but opens none on
	 * its own (a large payment under the severe threshold).
	 */
	evidenceOnly?: (f: FindingRow) => boolean;
	/** The case carries only the department (the subject is a department). */
	deptOnly?: boolean;
}

interface Input {
	label?: { en?: string };
	value?: string;
	unit?: string;
}

function inputsOf(f: FindingRow): Input[] {
	const e = f.explanation as { inputs?: unknown } | null;
	return Array.isArray(e?.inputs) ? (e.inputs as Input[]) : [];
}

function yuanInput(f: FindingRow, label: string): Fen | null {
	const i = inputsOf(f).find((x) => x.unit === 'yuan' && x.label?.en === label);
	if (!i || typeof i.value !== 'string') return null;
	try {
		return yuanToFen(i.value);
	} catch {
		return null;
	}
}

/** The money of one labelled input. */
const input =
	(label: string) =>
	(f: FindingRow): Fen =>
		yuanInput(f, label) ?? 0n;

/** a − b of two labelled inputs, never below zero. */
const difference =
	(a: string, b: string) =>
	(f: FindingRow): Fen => {
		const d = (yuanInput(f, a) ?? 0n) - (yuanInput(f, b) ?? 0n);
		return d > 0n ? d : 0n;
	};

/** The largest money input: the default for rules the table does not know. */
function largestYuan(f: FindingRow): Fen {
	let best = 0n;
	for (const i of inputsOf(f)) {
		if (i.unit !== 'yuan' || typeof i.value !== 'string') continue;
		try {
			const v = yuanToFen(i.value);
			if (v > best) best = v;
		} catch {
			// Not an amount: ignored.
		}
	}
	return best;
}

/** The first date input with one of the labels (or any date), YYYY-MM-DD. */
export function factDate(f: FindingRow, labels: readonly string[] = []): string | null {
	const dates = inputsOf(f).filter(
		(i) => i.unit === 'date' && typeof i.value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(i.value)
	);
	const chosen = labels.map((l) => dates.find((d) => d.label?.en === l)).find(Boolean) ?? dates[0];
	return chosen ? chosen.value!.slice(0, 10) : null;
}

/** The budget kind that starts the subject keys of the spending rules ("general:dept:138"). */
const kindOf = (f: FindingRow): string => f.subjectKey.split(':')[0] ?? '';

/** A department's case subject: budget kind and department. */
const deptSubject = (f: FindingRow): string => `${kindOf(f)}:${f.deptCode ?? ''}`;

/** A payment rule's case: the department, the fiscal month of the payment. */
const paymentRule = (
	cause: string,
	amount: (f: FindingRow) => Fen,
	evidenceOnly?: (f: FindingRow) => boolean
): CaseRule => ({
	cause,
	subject: (f) => f.deptCode ?? f.subjectKey,
	period: (f) => (factDate(f, ['paid on']) ?? f.period).slice(0, 7),
	amount,
	combine: 'sum',
	isHead: () => false,
	deptOnly: true,
	evidenceOnly
});

const own = (cause: string, amount: (f: FindingRow) => Fen): CaseRule => ({
	cause,
	subject: (f) => f.subjectKey,
	amount,
	combine: 'max'
});

const behind = (
	amount: (f: FindingRow) => Fen,
	head = false,
	evidenceOnly?: (f: FindingRow) => boolean
): CaseRule => ({
	cause: 'spendingBehind',
	subject: deptSubject,
	amount,
	combine: 'max',
	isHead: (f) => head && !f.projectCode,
	context: (f) => !f.deptCode,
	evidenceOnly,
	deptOnly: true
});

/** The rule types the grouping knows; any other type takes DEFAULT_RULE. */
export const CASE_RULES: Readonly<Record<string, CaseRule>> = {
	// A department's spending behind: its lag, its projects' lag, its idle projects, its Q3 balance.
	// A project's lag is evidence of its department's case; alone it opens one only when severe (a
	// project a few points behind moves with its contract milestones; docs/alerts-and-cases.md).
	paceLag: behind(
		difference('plan', 'executed'),
		true,
		(f) => !!f.projectCode && f.level !== 'severe'
	),
	q3LowExecution: behind(input('unspent balance'), true),
	projectIdle: behind(difference('project plan', 'executed to date')),
	// December rush of a department and of its projects: one case per department.
	yearEndRush: {
		cause: 'yearEndRush',
		subject: deptSubject,
		amount: input('executed in December'),
		combine: 'max',
		isHead: (f) => !f.projectCode,
		deptOnly: true
	},
	overPlan: own('overPlan', difference('executed to date', 'available plan')),
	noPlan: own('noPlan', input('spent without a plan')),
	threePublic: own('threePublic', difference('"three public" spending', '"three public" budget')),
	// The large, split and duplicate payments of one unit in one month. A large payment is a reason
	// to look, not a problem: at city scale thousands a year pass 100万 (wages, works instalments,
	// transfers). Under the severe threshold it is evidence of the unit's payments case of that month
	// (opened by a split, a severe payment) and opens none itself (docs/alerts-and-cases.md).
	largePayment: paymentRule('payments', input('amount'), (f) => f.level !== 'severe'),
	splitPayment: paymentRule('payments', largestYuan),
	splitPayments: paymentRule('payments', largestYuan),
	duplicatePayment: paymentRule('duplicatePayment', largestYuan),
	revenueLag: own('revenueLag', () => 0n),
	soeLeverage: own('soeLeverage', input('total liabilities')),
	capitalPreservation: own('capitalPreservation', () => 0n),
	feedStale: { ...own('feedStale', () => 0n), period: (f) => String(f.year) },
	dataQuality: own('dataQuality', () => 0n)
};

/** A rule the table does not know: one case per its own subject and period, cause = the rule type. */
export function defaultRule(ruleType: string): CaseRule {
	return own(ruleType, largestYuan);
}

export const caseRuleOf = (ruleType: string): CaseRule =>
	CASE_RULES[ruleType] ?? defaultRule(ruleType);

/** Whether a finding is context only (no case). */
export function isContext(f: FindingRow): boolean {
	return caseRuleOf(f.ruleType).context?.(f) ?? false;
}

/** The case key a finding belongs to, or null when it is context only. */
export function caseKeyOf(f: FindingRow): string | null {
	const rule = caseRuleOf(f.ruleType);
	if (rule.context?.(f)) return null;
	return `${rule.cause}|${rule.subject(f)}|${rule.period?.(f) ?? f.period}`;
}

const higher = (a: AlertLevel, b: AlertLevel): AlertLevel =>
	LEVEL_ORDER[b] > LEVEL_ORDER[a] ? b : a;

/**
 * Orders findings inside a case: by level, then heads first, then by amount and id. The first is the
 * case's headline, so the summary beside the case's level is the finding that gives it (a department
 * 6 pp behind with a project 18 pp behind is a severe case headed by the project's finding).
 */
function compareFindings(
	a: { f: FindingRow; head: boolean; amount: Fen },
	b: { f: FindingRow; head: boolean; amount: Fen }
): number {
	const lv = LEVEL_ORDER[b.f.level] - LEVEL_ORDER[a.f.level];
	if (lv !== 0) return lv;
	if (a.head !== b.head) return a.head ? -1 : 1;
	if (a.amount !== b.amount) return a.amount > b.amount ? -1 : 1;
	return a.f.id - b.f.id;
}

/** Groups findings into cases (context-only findings are left out), ranked as `rankCases` says. */
export function groupFindings(findings: readonly FindingRow[]): CaseGroup[] {
	const groups = new Map<string, { f: FindingRow; head: boolean; amount: Fen }[]>();
	for (const f of findings) {
		const key = caseKeyOf(f);
		if (key === null) continue;
		const rule = caseRuleOf(f.ruleType);
		const entry = { f, head: rule.isHead?.(f) ?? true, amount: rule.amount(f) };
		const list = groups.get(key);
		if (list) list.push(entry);
		else groups.set(key, [entry]);
	}
	const cases: CaseGroup[] = [];
	for (const [key, list] of groups) {
		if (list.every((e) => caseRuleOf(e.f.ruleType).evidenceOnly?.(e.f))) continue;
		list.sort(compareFindings);
		const first = list[0].f;
		const rule = caseRuleOf(first.ruleType);
		const [cause, subject, period] = key.split('|');
		let level: AlertLevel = 'notice';
		let amount = 0n;
		const dates: string[] = [];
		for (const e of list) {
			level = higher(level, e.f.level);
			amount = rule.combine === 'sum' ? amount + e.amount : e.amount > amount ? e.amount : amount;
			const d = factDate(e.f, ['paid on', 'as of']);
			if (d) dates.push(d);
		}
		dates.sort();
		cases.push({
			key,
			cause,
			subject,
			period,
			year: first.year,
			level,
			amount,
			deptCode: first.deptCode,
			funcCode: rule.deptOnly ? null : first.funcCode,
			projectCode: rule.deptOnly ? null : first.projectCode,
			factFrom: dates[0] ?? null,
			factTo: dates.at(-1) ?? null,
			headlineId: first.id,
			findingIds: list.map((e) => e.f.id)
		});
	}
	return rankCases(cases);
}

/** Cases ranked as the committee reads them: level, then amount involved, then key. */
export function rankCases<T extends { level: AlertLevel; amount: Fen; key: string }>(
	cases: T[]
): T[] {
	return cases.sort((a, b) => {
		const lv = LEVEL_ORDER[b.level] - LEVEL_ORDER[a.level];
		if (lv !== 0) return lv;
		if (a.amount !== b.amount) return a.amount > b.amount ? -1 : 1;
		return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
	});
}
