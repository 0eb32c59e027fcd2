/**
 * Which live events change what a page or a live view shows. Plain functions (no runes, no
 * SvelteKit), so the server's live views (server/realtime/views.ts) judge events the same way the
 * pages do.
 */
import type { LiveEvent } from './events';

/** Payments of a year and budget kind, optionally of one department, or plans of any year. */
export function executionConcerns(year: number, budgetKind: string, deptCode?: string) {
	return (e: LiveEvent) =>
		e.topic === 'plan' ||
		(e.topic === 'execution' &&
			(e as LiveEvent<'execution'>).payload.changes.some(
				(c) =>
					c.year === year &&
					c.budgetKind === budgetKind &&
					(deptCode === undefined || c.deptCodes.includes(deptCode))
			));
}

/** Revenue of a year and budget kind, or plans. */
export function revenueConcerns(year: number, budgetKind: string) {
	return (e: LiveEvent) =>
		e.topic === 'plan' ||
		(e.topic === 'revenue' &&
			(e as LiveEvent<'revenue'>).payload.changes.some(
				(c) => c.year === year && c.budgetKind === budgetKind
			));
}

/**
 * The overview of a year and budget kind: its payments and last year's (the curve compares them),
 * plans, and revenue of any kind or year (its panel compares with last year's).
 */
export function overviewConcerns(year: number, budgetKind: string) {
	const thisYear = executionConcerns(year, budgetKind);
	const lastYear = executionConcerns(year - 1, budgetKind);
	return (e: LiveEvent) => thisYear(e) || lastYear(e) || e.topic === 'revenue';
}
