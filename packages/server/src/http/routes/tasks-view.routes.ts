import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import { tasksView, type ServiceDeps } from '../../services/index.ts';
import { actorOf } from '../auth.ts';

export const tasksViewRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.get(routes.tasksView.url, {
    schema: routes.tasksView.schema,
  }, async (request) => tasksView.tasksPage(deps, actorOf(request), request.params.projectId, request.query));

  app.post(routes.bulkTasks.url, {
    schema: routes.bulkTasks.schema,
  }, async (request) => tasksView.bulk(deps, actorOf(request), request.params.projectId, request.body));
};
