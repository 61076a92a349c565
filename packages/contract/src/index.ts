// @cadre/contract: the HTTP API, one route at a time (method, path, schemas), for the server to
// validate with, the OpenAPI document to be generated from, and the clients to be typed from.
export * from './common.ts';
export * from './auth.ts';
export * from './dashboard.ts';
export * from './charts.ts';
export * from './machine.ts';
export * from './media.ts';
export * from './model-report.ts';
export * from './people.ts';
export * from './projects.ts';
export * from './pay.ts';
export * from './system.ts';
export * from './tasks.ts';
export * from './tasks-view.ts';
export * from './transfer.ts';
export * from './workflow.ts';
export * from './route.ts';
export type * from './types.ts';
export { routes, type Routes } from './routes.ts';
export * from './audit.ts';
export * from './alerts.ts';
