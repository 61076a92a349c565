import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { dispenser, submissions, type ServiceDeps } from '../../services/index.ts';
import { actorOf } from '../auth.ts';
import { errors, TaskView, Uuid } from '../schemas.ts';

const TaskParams = Type.Object({ taskId: Uuid });
const ProjectParams = Type.Object({ projectId: Uuid });
const StageQuery = Type.Object({
  stage: Type.Union([Type.Literal('annotate'), Type.Literal('review'), Type.Literal('qa')], { default: 'annotate', description: 'which stage\'s queue' }),
});
const TaskSummary = Type.Object({
  id: Uuid, itemId: Uuid, stage: Type.String(), status: Type.String(), priority: Type.Integer(), attempts: Type.Integer(),
  assigneeId: Type.Union([Uuid, Type.Null()]), leaseExpiresAt: Type.Union([Type.String(), Type.Null()]),
});

export const taskRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.post('/api/projects/:projectId/tasks/next', {
    schema: {
      tags: ['tasks'], summary: 'Lease the next task of a stage (call again to prefetch one more while working)', params: ProjectParams, querystring: StageQuery,
      response: { 200: Type.Object({ task: Type.Union([TaskView, Type.Null()]) }), ...errors },
    },
  }, async (request) => ({ task: await dispenser.claimNextView(deps, actorOf(request), request.params.projectId, request.query.stage) }));

  app.get('/api/projects/:projectId/tasks/mine', {
    schema: { tags: ['tasks'], summary: 'Tasks I hold now in a stage', params: ProjectParams, querystring: StageQuery, response: { 200: Type.Array(TaskView), ...errors } },
  }, async (request) => dispenser.heldTasks(deps, actorOf(request), request.params.projectId, request.query.stage));

  app.get('/api/projects/:projectId/tasks/held', {
    schema: {
      tags: ['tasks'], summary: 'Every task I hold in the project, whatever its stage', params: ProjectParams,
      response: { 200: Type.Array(Type.Object({ id: Uuid, itemId: Uuid, stage: Type.String(), leaseExpiresAt: Type.Union([Type.String(), Type.Null()]) })), ...errors },
    },
  }, async (request) => dispenser.heldInProject(deps, actorOf(request), request.params.projectId));

  app.post('/api/tasks/:taskId/open', {
    schema: {
      tags: ['tasks'], summary: 'Open exactly this task: one I hold, rework reserved for me, or one whose lease ran out on me while nobody took it',
      params: TaskParams, response: { 200: TaskView, ...errors },
    },
  }, async (request) => dispenser.openTask(deps, actorOf(request), request.params.taskId));

  app.get('/api/projects/:projectId/tasks', {
    schema: {
      tags: ['tasks'], summary: 'Tasks of a project, a page at a time (manager, reviewer)', params: ProjectParams,
      querystring: Type.Object({
        status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('leased'), Type.Literal('done'), Type.Literal('waiting')])),
        after: Type.Optional(Uuid), limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
        order: Type.Union([Type.Literal('oldest'), Type.Literal('newest')], { default: 'oldest' }),
      }),
      response: { 200: Type.Object({ tasks: Type.Array(TaskSummary), next: Type.Union([Uuid, Type.Null()]) }), ...errors },
    },
  }, async (request) => dispenser.listTasks(deps, actorOf(request), request.params.projectId, request.query));

  app.get('/api/tasks/:taskId', {
    schema: { tags: ['tasks'], summary: 'A task with its item, predictions and my draft', params: TaskParams, response: { 200: TaskView, ...errors } },
  }, async (request) => dispenser.getTask(deps, actorOf(request), request.params.taskId));

  app.post('/api/tasks/:taskId/heartbeat', {
    schema: { tags: ['tasks'], summary: 'Renew my lease', params: TaskParams, response: { 200: Type.Object({ leaseExpiresAt: Type.String() }), ...errors } },
  }, async (request) => dispenser.heartbeat(deps, actorOf(request), request.params.taskId));

  app.put('/api/tasks/:taskId/draft', {
    bodyLimit: 9 * 1024 * 1024,
    schema: { tags: ['tasks'], summary: 'Autosave work in progress', params: TaskParams, body: Type.Object({ annotation: Type.Unknown() }), response: { 200: Type.Object({ savedAt: Type.String() }), ...errors } },
  }, async (request) => submissions.saveDraft(deps, actorOf(request), request.params.taskId, request.body.annotation));

  app.post('/api/tasks/:taskId/submit', {
    bodyLimit: 9 * 1024 * 1024,
    schema: {
      tags: ['tasks'], summary: 'Submit the annotation; retrying with the same submissionId is safe', params: TaskParams,
      body: Type.Object({ submissionId: Type.String({ description: 'a UUID the client makes once per submit and reuses on retries' }), annotation: Type.Unknown() }),
      response: { 200: Type.Object({ annotationId: Uuid, version: Type.Integer(), state: Type.String(), replayed: Type.Boolean(), stage: Type.Optional(Type.String()) }), ...errors },
    },
  }, async (request) => submissions.submit(deps, actorOf(request), request.params.taskId, request.body.submissionId, request.body.annotation));

  app.post('/api/tasks/:taskId/skip', {
    schema: {
      tags: ['tasks'], summary: 'Give the task back (any stage); it goes to someone else and is not offered to me again', params: TaskParams,
      body: Type.Optional(Type.Object({
        reason: Type.Optional(Type.String({ maxLength: 1000, description: 'why, e.g. a code of the skip reason picker' })),
        note: Type.Optional(Type.String({ maxLength: 1000 })),
      })),
      response: { 204: Type.Null(), ...errors },
    },
  }, async (request, reply) => {
    await dispenser.skip(deps, actorOf(request), request.params.taskId, request.body?.reason ?? null, request.body?.note?.trim() || null);
    return reply.status(204).send(null);
  });

  app.get('/api/items/:itemId/annotations', {
    schema: {
      tags: ['tasks'], summary: 'Every annotation version of an item', params: Type.Object({ itemId: Uuid }),
      response: { 200: Type.Array(Type.Object({
        id: Uuid, version: Type.Integer(), parentId: Type.Union([Uuid, Type.Null()]), authorId: Type.Union([Uuid, Type.Null()]), authorName: Type.Union([Type.String(), Type.Null()]), authorKind: Type.String(),
        state: Type.String(), schemaVersion: Type.Integer(), payload: Type.Unknown(), createdAt: Type.String(),
      })), ...errors },
    },
  }, async (request) => submissions.itemAnnotations(deps, actorOf(request), request.params.itemId));
};
