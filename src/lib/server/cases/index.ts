/**
 * Cases (问题线索): the one door pages, the scheduler and the boot step use.
 *
 * Usage:
 *   import * as cases from '$lib/server/cases/index';
 *   const { rows } = await cases.listCases(db, { year: 2026, status: 'active' });
 *   await cases.changeCaseStatus(db, { id, to: 'acknowledged', note: '已与单位核实', actorId }, live);
 *
 * Inside: sync.ts keeps cases in step with findings (called by the alert engine's reconcile);
 * queries.ts and pages.ts read; workflow.ts moves a case along its lifecycle; migrate.ts groups the
 * alerts stored before cases existed; year-close.ts closes a fiscal year's open cases.
 */
export * from './queries';
export * from './workflow';
export { migrateAlertsToCases } from './migrate';
export { syncCases, syncScopes, allScopes } from './sync';
export * from './pages';
export * from './report';
export * from './year-close';
