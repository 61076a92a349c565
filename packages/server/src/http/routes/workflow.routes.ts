import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ANNOTATION_BODY_LIMIT, routes } from '@cadre/contract';
import type { ServiceDeps } from '../../services/index.ts';
import { review } from '../../services/workflow/review.service.ts';
import { closeBatchNow, listBatches, returnedToMe, stageBacklog } from '../../services/workflow/queues.service.ts';
import { projectQuality } from '../../services/workflow/quality.service.ts';
import { listGold, makeGold } from '../../services/workflow/gold-items.service.ts';
import { dawidSkeneClasses } from '../../services/workflow/dawid-skene.service.ts';
import { actorOf } from '../auth.ts';

export const workflowRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.post(routes.reviewTask.url, {
    bodyLimit: ANNOTATION_BODY_LIMIT,
    schema: routes.reviewTask.schema,
  }, async (request) => review(deps, actorOf(request), request.params.taskId, request.body));

  app.get(routes.returned.url, {
    schema: routes.returned.schema,
  }, async (request) => returnedToMe(deps, actorOf(request), request.params.projectId));

  app.get(routes.listBatches.url, {
    schema: routes.listBatches.schema,
  }, async (request) => listBatches(deps, actorOf(request), request.params.projectId));

  app.post(routes.closeBatch.url, {
    schema: routes.closeBatch.schema,
  }, async (request) => closeBatchNow(deps, actorOf(request), request.params.batchId));

  app.get(routes.stageBacklog.url, {
    schema: routes.stageBacklog.schema,
  }, async (request) => stageBacklog(deps, actorOf(request), request.params.projectId));

  app.get(routes.quality.url, {
    schema: routes.quality.schema,
  }, async (request) => projectQuality(deps, actorOf(request), request.params.projectId));

  app.post(routes.dawidSkene.url, {
    schema: routes.dawidSkene.schema,
  }, async (request) => dawidSkeneClasses(deps, actorOf(request), request.params.projectId, { apply: request.body?.apply ?? false }));

  app.post(routes.makeGold.url, {
    bodyLimit: ANNOTATION_BODY_LIMIT,
    schema: routes.makeGold.schema,
  }, async (request) => makeGold(deps, actorOf(request), request.params.projectId, request.body));

  app.get(routes.listGold.url, {
    schema: routes.listGold.schema,
  }, async (request) => listGold(deps, actorOf(request), request.params.projectId));
};
