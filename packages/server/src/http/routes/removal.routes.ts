import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import { removalService, type ServiceDeps } from '../../services/index.ts';
import { actorOf } from '../auth.ts';

/** Archive, restore and delete projects; remove items and tasks (managers and admins; services/removal.service.ts). */
export const removalRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.post(routes.archiveProject.url, {
    schema: routes.archiveProject.schema,
  }, async (request) => removalService.setArchived(deps, actorOf(request), request.params.projectId, true));

  app.post(routes.restoreProject.url, {
    schema: routes.restoreProject.schema,
  }, async (request) => removalService.setArchived(deps, actorOf(request), request.params.projectId, false));

  app.delete(routes.deleteProject.url, {
    schema: routes.deleteProject.schema,
  }, async (request, reply) => {
    await removalService.deleteProject(deps, actorOf(request), request.params.projectId, request.body.name);
    return reply.status(204).send(null);
  });

  const removal = { item: [routes.itemRemovalPreview, routes.removeItem], task: [routes.taskRemovalPreview, routes.removeTask] } as const;
  for (const entity of ['item', 'task'] as const) {
    const [preview, remove] = removal[entity];
    app.get(preview.url, { schema: preview.schema },
      async (request) => removalService.removalPreview(deps, actorOf(request), entity, request.params.id));

    app.delete(remove.url, { schema: remove.schema },
      async (request) => removalService.remove(deps, actorOf(request), entity, request.params.id));
  }
};
