import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import type { ServiceDeps } from '../../services/index.ts';
import { allModelsReport, projectModelReport } from '../../services/machine-report/index.ts';
import { actorOf } from '../auth.ts';

export const modelReportRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.get(routes.projectModelReport.url, {
    schema: routes.projectModelReport.schema,
  }, async (request) => projectModelReport(deps, actorOf(request), request.params.projectId));

  app.get(routes.modelReport.url, {
    schema: routes.modelReport.schema,
  }, async (request) => allModelsReport(deps, actorOf(request)));
};
