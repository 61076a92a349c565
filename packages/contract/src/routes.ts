// Every route of the API in one table, by name: what the server registers, the OpenAPI document
// lists and the clients are typed from.
import { alertRoutes } from './alerts.ts';
import { auditRoutes } from './audit.ts';
import { authRoutes } from './auth.ts';
import { dashboardRoutes } from './dashboard.ts';
import { chartRoutes } from './charts.ts';
import { machineRoutes } from './machine.ts';
import { mediaRoutes } from './media.ts';
import { modelReportRoutes } from './model-report.ts';
import { peopleRoutes } from './people.ts';
import { projectRoutes } from './projects.ts';
import { payRoutes } from './pay.ts';
import { systemRoutes } from './system.ts';
import { taskRoutes } from './tasks.ts';
import { tasksViewRoutes } from './tasks-view.ts';
import { transferRoutes } from './transfer.ts';
import { workflowRoutes } from './workflow.ts';

/** Every route of the API, by name. */
export const routes = {
  ...systemRoutes, ...authRoutes, ...peopleRoutes, ...projectRoutes, ...taskRoutes, ...transferRoutes,
  ...mediaRoutes, ...workflowRoutes, ...dashboardRoutes, ...chartRoutes, ...payRoutes,
  ...modelReportRoutes,
  ...machineRoutes,
  ...auditRoutes,
  ...alertRoutes,
  ...tasksViewRoutes,
};
export type Routes = typeof routes;
