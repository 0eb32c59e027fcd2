/** Where the rows behind an alert are: the payment ledger filtered, or the page of its subject. */
import { DEFAULT_BUDGET_KIND, isBudgetKind } from '../budget-kinds';
import type { RuleType } from './params';

export interface AlertSubject {
	ruleType: string;
	subjectKey: string;
	year: number;
	deptCode: string | null;
	funcCode: string | null;
	projectCode: string | null;
	/** The period judged (`YYYY` or `YYYY-MM`); an asset report's period may precede the alert's year. */
	period?: string | null;
}

/** The link to the data behind an alert (pages: /payments ledger filters, /departments, /revenue, /assets, /feed). */
export function rowsHref(a: AlertSubject): string {
	const q = new URLSearchParams({ year: String(a.year) });
	// Subject keys of the spending and revenue rules start with the budget kind; the general budget is the default.
	const kind = a.subjectKey.split(':')[0];
	if (isBudgetKind(kind) && kind !== DEFAULT_BUDGET_KIND) q.set('kind', kind);
	const project = (dept: string | null, project: string | null) =>
		`/departments/${encodeURIComponent(dept ?? '')}/projects/${encodeURIComponent(project ?? '')}?${q}`;
	switch (a.ruleType as RuleType) {
		case 'largePayment':
			return `/payments/${encodeURIComponent(a.subjectKey)}`;
		case 'revenueLag':
			return `/revenue/${encodeURIComponent(a.subjectKey.split(':')[1] ?? '')}?${q}`;
		case 'soeLeverage':
		case 'capitalPreservation':
			return assetsHref(a.period) ?? `/assets?${q}`;
		case 'auditOverdue':
			return `/audit/${encodeURIComponent(a.subjectKey)}`;
		case 'debtRatio':
		case 'debtService':
			return `/debt?${q}`;
		case 'feedStale':
			return '/feed';
		case 'dataQuality':
			if (a.subjectKey.startsWith('quarantine:')) return '/feed/quarantine';
			if (a.funcCode) q.set('func', a.funcCode);
			else q.set('dept', a.subjectKey.split(':')[1] ?? '');
			return `/payments?${q}`;
		case 'projectIdle':
			return project(a.deptCode, a.projectCode);
		case 'paceLag':
			if (a.projectCode) return project(a.deptCode, a.projectCode);
			if (a.deptCode) return `/departments/${encodeURIComponent(a.deptCode)}?${q}`;
			if (a.funcCode) return `/functions/${encodeURIComponent(a.funcCode)}?${q}`;
			return `/?${q}`;
		case 'threePublic':
			q.set('dept', a.deptCode ?? '');
			return `/payments?${q}&econ=302`;
		default:
			if (a.deptCode) q.set('dept', a.deptCode);
			if (a.funcCode) q.set('func', a.funcCode);
			if (a.projectCode) q.set('project', a.projectCode);
			return `/payments?${q}`;
	}
}

/** The assets page of the report period an asset alert judged (the page's own year/period links). */
function assetsHref(period: string | null | undefined): string | null {
	if (!period || !/^\d{4}(-\d{2})?$/.test(period)) return null;
	const year = period.slice(0, 4);
	return period.length === 4 ? `/assets?year=${year}` : `/assets?year=${year}&period=${period}`;
}
