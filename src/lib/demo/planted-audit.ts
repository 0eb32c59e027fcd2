/**
 * The audit findings the demo plants overdue: the demo's audit list (audit.ts) gives each finding a
 * due date (30 September, 30 November, next June or December) and a state in December, and the
 * findings still 未整改 or 部分整改 after a due date in the year are overdue by construction — the
 * committee's follow-up list (审计整改逾期). Each is a planted anomaly of its own, keyed by its id.
 */
import { demoAuditFindings } from './audit';
import { departments } from './departments';
import { PLANTED, type PlantedAnomaly } from './planted';

/** The day after a date (YYYY-MM-DD), as MM-DD, or null when it is in the next year. */
function dayAfter(date: string, year: number): string | null {
	const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
	return next.startsWith(`${year}-`) ? next.slice(5) : null;
}

/** The audit findings the demo year `year` leaves overdue (from the day after their due date). */
export function plantedAuditOverdue(year: number): PlantedAnomaly[] {
	const deptOf = new Map(departments.map((d) => [d.name, d.code]));
	return demoAuditFindings(year).flatMap((f): PlantedAnomaly[] => {
		if (f.status !== 'open' && f.status !== 'partial') return [];
		const on = dayAfter(f.dueDate, year);
		if (on === null) return [];
		return [
			{
				id: `audit-overdue-${f.id}`,
				zh: `${f.unitName}审计整改逾期（${f.category}）`,
				en: `Audit finding ${f.id} of ${f.unitName} not rectified after its due date`,
				rules: ['auditOverdue'],
				deptCode: deptOf.get(f.unitName),
				subjectKey: f.id,
				on,
				plantedIn: 'audit.ts demoAuditFindings (未整改 / 部分整改 past the due date)'
			}
		];
	});
}

/** The demo year's whole planted list: PLANTED and the overdue audit findings. */
export function plantedList(year: number): PlantedAnomaly[] {
	return [...PLANTED, ...plantedAuditOverdue(year)];
}
