import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ANNOTATION_BODY_LIMIT, routes } from '@cadre/contract';
import { dispenser, submissions, type ServiceDeps } from '../../services/index.ts';
import { actorOf } from '../auth.ts';

export const taskRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.post(routes.claimTask.url, {
    schema: routes.claimTask.schema,
  }, async (request) => ({ task: await dispenser.claimNextView(deps, actorOf(request), request.params.projectId, request.query.stage) }));

  app.get(routes.myTasks.url, {
    schema: routes.myTasks.schema,
  }, async (request) => dispenser.heldTasks(deps, actorOf(request), request.params.projectId, request.query.stage));

  app.get(routes.heldTasks.url, {
    schema: routes.heldTasks.schema,
  }, async (request) => dispenser.heldInProject(deps, actorOf(request), request.params.projectId));

  app.post(routes.openTask.url, {
    schema: routes.openTask.schema,
  }, async (request) => dispenser.openTask(deps, actorOf(request), request.params.taskId));

  app.get(routes.listTasks.url, {
    schema: routes.listTasks.schema,
  }, async (request) => dispenser.listTasks(deps, actorOf(request), request.params.projectId, request.query));

  app.get(routes.getTask.url, {
    schema: routes.getTask.schema,
  }, async (request) => dispenser.getTask(deps, actorOf(request), request.params.taskId));

  app.post(routes.heartbeat.url, {
    schema: routes.heartbeat.schema,
  }, async (request) => dispenser.heartbeat(deps, actorOf(request), request.params.taskId));

  app.put(routes.saveDraft.url, {
    bodyLimit: ANNOTATION_BODY_LIMIT,
    schema: routes.saveDraft.schema,
  }, async (request) => submissions.saveDraft(deps, actorOf(request), request.params.taskId, request.body.annotation));

  app.post(routes.submitTask.url, {
    bodyLimit: ANNOTATION_BODY_LIMIT,
    schema: routes.submitTask.schema,
  }, async (request) => submissions.submit(deps, actorOf(request), request.params.taskId, request.body.submissionId, request.body.annotation));

  app.post(routes.skipTask.url, {
    schema: routes.skipTask.schema,
  }, async (request, reply) => {
    await dispenser.skip(deps, actorOf(request), request.params.taskId, request.body?.reason ?? null, request.body?.note?.trim() || null);
    return reply.status(204).send(null);
  });

  app.get(routes.itemAnnotations.url, {
    schema: routes.itemAnnotations.schema,
  }, async (request) => submissions.itemAnnotations(deps, actorOf(request), request.params.itemId));
};
