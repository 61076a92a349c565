import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceDeps } from '../../services/index.ts';
import { review } from '../../services/workflow/review.service.ts';
import { closeBatchNow, listBatches, returnedToMe, stageBacklog } from '../../services/workflow/queues.service.ts';
import { projectQuality } from '../../services/workflow/quality.service.ts';
import { listGold, makeGold } from '../../services/workflow/gold-items.service.ts';
import { dawidSkeneClasses } from '../../services/workflow/dawid-skene.service.ts';
import { actorOf } from '../auth.ts';
import { errors, Reason, Uuid } from '../schemas.ts';

const ProjectParams = Type.Object({ projectId: Uuid });
const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const Batch = Type.Object({
  id: Uuid, annotatorId: Uuid, annotatorName: Type.String(), key: Type.String(), status: Type.String(),
  size: Type.Integer(), sampled: Type.Integer(), inspected: Type.Integer(), correct: Type.Integer(), accuracy: Nullable(Type.Number()),
  closedAt: Type.Union([Type.String(), Type.Null()]), decidedAt: Type.Union([Type.String(), Type.Null()]),
});

export const workflowRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.post('/api/tasks/:taskId/review', {
    bodyLimit: 9 * 1024 * 1024,
    schema: {
      tags: ['workflow'], summary: 'A review or QA verdict; retrying with the same decisionId is safe', params: Type.Object({ taskId: Uuid }),
      body: Type.Object({
        decisionId: Type.String({ description: 'a UUID the client makes once per decision and reuses on retries' }),
        verdict: Type.Union([Type.Literal('accept'), Type.Literal('reject')]),
        reasons: Type.Optional(Type.Array(Type.Object({ code: Type.String(), objectId: Type.Optional(Type.Union([Type.Null(), Type.String()], { description: 'the object the reason is pinned to; null for the whole item' })), note: Type.Optional(Type.String()) }), { maxItems: 500 })),
        annotation: Type.Optional(Type.Unknown({ description: 'fix-and-accept: the reviewer\'s corrected annotation' })),
      }),
      response: { 200: Type.Object({ verdict: Type.String(), stage: Type.String(), replayed: Type.Boolean() }), ...errors },
    },
  }, async (request) => review(deps, actorOf(request), request.params.taskId, request.body));

  app.get('/api/projects/:projectId/returned', {
    schema: {
      tags: ['workflow'], summary: 'My tasks returned for rework, newest first', params: ProjectParams,
      response: { 200: Type.Array(Type.Object({
        taskId: Uuid, itemId: Uuid, rejections: Type.Integer(), status: Type.String(), reasons: Type.Array(Reason),
        rejectedAt: Type.String(), reviewerName: Type.Union([Type.String(), Type.Null()]),
      })), ...errors },
    },
  }, async (request) => returnedToMe(deps, actorOf(request), request.params.projectId));

  app.get('/api/projects/:projectId/batches', {
    schema: { tags: ['workflow'], summary: 'QA batches, newest first', params: ProjectParams, response: { 200: Type.Array(Batch), ...errors } },
  }, async (request) => listBatches(deps, actorOf(request), request.params.projectId));

  app.post('/api/batches/:batchId/close', {
    schema: { tags: ['workflow'], summary: 'Close a QA batch now and open its sample for inspection (manager)', params: Type.Object({ batchId: Uuid }), response: { 200: Batch, ...errors } },
  }, async (request) => closeBatchNow(deps, actorOf(request), request.params.batchId));

  app.get('/api/projects/:projectId/stages', {
    schema: {
      tags: ['workflow'], summary: 'Backlog: tasks per stage and status', params: ProjectParams,
      response: { 200: Type.Array(Type.Object({ stage: Type.String(), open: Type.Integer(), leased: Type.Integer(), waiting: Type.Integer(), done: Type.Integer() })), ...errors },
    },
  }, async (request) => stageBacklog(deps, actorOf(request), request.params.projectId));

  app.get('/api/projects/:projectId/quality', {
    schema: {
      tags: ['workflow'], summary: 'Accuracy, rejection rate and agreement per annotator; rejection rate per class; reasons counted', params: ProjectParams,
      response: { 200: Type.Object({
        annotators: Type.Array(Type.Object({
          userId: Uuid, name: Type.String(), submitted: Type.Integer(), accepted: Type.Integer(), rejected: Type.Integer(), rejectionRate: Nullable(Type.Number()),
          qaInspected: Type.Integer(), qaAccuracy: Nullable(Type.Number()), goldScored: Type.Integer(), goldAccuracy: Nullable(Type.Number()), agreement: Nullable(Type.Number()),
        })),
        classes: Type.Array(Type.Object({ name: Type.String(), objects: Type.Integer(), rejected: Type.Integer(), rejectionRate: Nullable(Type.Number()) })),
        reasons: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), count: Type.Integer() })),
      }), ...errors },
    },
  }, async (request) => projectQuality(deps, actorOf(request), request.params.projectId));

  app.post('/api/projects/:projectId/consensus/dawid-skene', {
    schema: {
      tags: ['workflow'], summary: 'Dawid–Skene EM over the consensus items\' classes; with apply, re-merge items not yet accepted (manager)', params: ProjectParams,
      body: Type.Optional(Type.Object({ apply: Type.Optional(Type.Boolean()) })),
      response: { 200: Type.Object({ items: Type.Integer(), changed: Type.Integer(), annotators: Type.Array(Type.Object({ userId: Uuid, accuracy: Type.Number() })) }), ...errors },
    },
  }, async (request) => dawidSkeneClasses(deps, actorOf(request), request.params.projectId, { apply: request.body?.apply ?? false }));

  app.post('/api/projects/:projectId/gold', {
    bodyLimit: 9 * 1024 * 1024,
    schema: {
      tags: ['workflow'], summary: 'Make an item gold, with the given answer or its latest accepted annotation (manager)', params: ProjectParams,
      body: Type.Object({ itemId: Uuid, annotation: Type.Optional(Type.Unknown()) }),
      response: { 200: Type.Object({ itemId: Uuid, objects: Type.Integer() }), ...errors },
    },
  }, async (request) => makeGold(deps, actorOf(request), request.params.projectId, request.body));

  app.get('/api/projects/:projectId/gold', {
    schema: {
      tags: ['workflow'], summary: 'Gold items, how often each was done and the mean score (manager)', params: ProjectParams,
      response: { 200: Type.Array(Type.Object({ itemId: Uuid, done: Type.Integer(), meanScore: Nullable(Type.Number()) })), ...errors },
    },
  }, async (request) => listGold(deps, actorOf(request), request.params.projectId));
};
