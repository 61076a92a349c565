import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { removalService, type ServiceDeps } from '../../services/index.ts';
import { actorOf } from '../auth.ts';
import { errors, Project, Uuid } from '../schemas.ts';

const ProjectParams = Type.Object({ projectId: Uuid });
const Removal = Type.Object({
  entity: Type.Union([Type.Literal('item'), Type.Literal('task')]), id: Uuid,
  accepted: Type.Integer({ description: 'accepted annotation versions it has' }),
  held: Type.Integer({ description: 'people holding a lease on it now' }),
  ledgerEntries: Type.Integer({ description: 'ledger entries that name it; they stay, and the money figures do not change' }),
  labour: Type.Array(Type.Object({ currency: Type.String(), amountMinor: Type.Integer() })),
  message: Type.String({ description: 'what removing it does, in words, for a confirmation' }),
});

/** Archive, restore and delete projects; remove items and tasks (managers and admins; services/removal.service.ts). */
export const removalRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.post('/api/projects/:projectId/archive', {
    schema: { tags: ['projects'], summary: 'Archive a project: hidden from its workers, no new tasks handed out, restorable', params: ProjectParams, response: { 200: Project, ...errors } },
  }, async (request) => removalService.setArchived(deps, actorOf(request), request.params.projectId, true));

  app.post('/api/projects/:projectId/restore', {
    schema: { tags: ['projects'], summary: 'Restore an archived project', params: ProjectParams, response: { 200: Project, ...errors } },
  }, async (request) => removalService.setArchived(deps, actorOf(request), request.params.projectId, false));

  app.delete('/api/projects/:projectId', {
    schema: {
      tags: ['projects'], summary: "Delete a project (its name typed back as confirmation); its work and its ledger are kept, out of reach", params: ProjectParams,
      body: Type.Object({ name: Type.String({ description: "the project's name, typed back" }) }),
      response: { 204: Type.Null(), ...errors },
    },
  }, async (request, reply) => {
    await removalService.deleteProject(deps, actorOf(request), request.params.projectId, request.body.name);
    return reply.status(204).send(null);
  });

  for (const entity of ['item', 'task'] as const) {
    const params = Type.Object({ id: Uuid });
    app.get(`/api/${entity}s/:id/removal`, {
      schema: { tags: ['projects'], summary: `What removing this ${entity} would do, for the confirmation`, params, response: { 200: Removal, ...errors } },
    }, async (request) => removalService.removalPreview(deps, actorOf(request), entity, (request.params as { id: string }).id));

    app.delete(`/api/${entity}s/:id`, {
      schema: { tags: ['projects'], summary: `Remove this ${entity} (a copy is kept in removals; the ledger keeps its entries)`, params, response: { 200: Removal, ...errors } },
    }, async (request) => removalService.remove(deps, actorOf(request), entity, (request.params as { id: string }).id));
  }
};
