// Audit rectification (审计整改): findings, their status, overdue and the headline figures. Pure.
export * from './status';
export * from './overdue';
export * from './figures';
export * from './edit';
