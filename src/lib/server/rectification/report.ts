/**
 * The December session's report (听取审议市政府审计整改情况报告): a year's rectification as of today
 * — overall figures, by unit, the overdue findings, and what was rectified or closed since the last
 * report (by default a year before today).
 */
import { fiscalDateOf } from '../../domain/fiscal';
import type { Viewer } from '../../domain/privacy';
import { runtime } from '../runtime';
import { auditPage, type AuditPage, type Finding } from './queries';

export interface ReportPage extends AuditPage {
	since: string;
	overdue: Finding[];
	closedSince: Finding[];
}

/** The previous December session: the same day a year before `asOf`. */
export function defaultSince(asOf: string): string {
	const y = Number(asOf.slice(0, 4)) - 1;
	const md = asOf.slice(5) === '02-29' ? '02-28' : asOf.slice(5);
	return `${y}-${md}`;
}

export async function reportPage(
	year: number | null,
	since: string | null,
	viewer: Viewer
): Promise<ReportPage> {
	const page = await auditPage(year, viewer);
	const from = since ?? defaultSince(page.asOf);
	const tz = runtime().config.fiscalTz;
	const closedSince = page.findings
		.filter((f) => f.rectifiedAt !== null && fiscalDateOf(new Date(f.rectifiedAt), tz) >= from)
		.sort((a, b) => (a.rectifiedAt! < b.rectifiedAt! ? -1 : 1));
	const overdue = page.findings
		.filter((f) => f.overdue)
		.sort((a, b) => b.daysLate - a.daysLate || a.id.localeCompare(b.id));
	return { ...page, since: from, overdue, closedSince };
}
