export * from './core';
export * from './auth';
export * from './audit';
export * from './security';
export * from './dashboards';
export * from './alerts';
export * from './alert-delivery';
export * from './privacy';
