// @cadre/contract: the HTTP API, one route at a time (method, path, schemas), for the server to
// validate with, the OpenAPI document to be generated from, and the clients to be typed from.
import { authRoutes } from './auth.ts';
import { dashboardRoutes } from './dashboard.ts';
import { mediaRoutes } from './media.ts';
import { peopleRoutes } from './people.ts';
import { projectRoutes } from './projects.ts';
import { payRoutes } from './pay.ts';
import { systemRoutes } from './system.ts';
import { taskRoutes } from './tasks.ts';
import { transferRoutes } from './transfer.ts';
import { workflowRoutes } from './workflow.ts';

export * from './common.ts';
export * from './auth.ts';
export * from './dashboard.ts';
export * from './media.ts';
export * from './people.ts';
export * from './projects.ts';
export * from './pay.ts';
export * from './system.ts';
export * from './tasks.ts';
export * from './transfer.ts';
export * from './workflow.ts';
export * from './route.ts';
export type * from './types.ts';

/** Every route of the API, by name. */
export const routes = {
  ...systemRoutes, ...authRoutes, ...peopleRoutes, ...projectRoutes, ...taskRoutes, ...transferRoutes,
  ...mediaRoutes, ...workflowRoutes, ...dashboardRoutes, ...payRoutes,
};
export type Routes = typeof routes;
