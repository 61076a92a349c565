// Leasing, drafts, submitting and skipping tasks.
import { Type, type Static } from '@sinclair/typebox';
import { errors, ItemParams, ProjectParams, TaskParams, TaskView, Uuid } from './common.ts';
import { route } from './route.ts';

const StageQuery = Type.Object({
  stage: Type.Union([Type.Literal('annotate'), Type.Literal('review'), Type.Literal('qa')], { default: 'annotate', description: 'which stage\'s queue' }),
});
export const TaskStatus = Type.Union([Type.Literal('open'), Type.Literal('leased'), Type.Literal('done'), Type.Literal('waiting')]);
export type TaskStatus = Static<typeof TaskStatus>;
export const TaskSummary = Type.Object({
  id: Uuid, itemId: Uuid, stage: Type.String(), status: Type.String(), priority: Type.Integer(), attempts: Type.Integer(),
  assigneeId: Type.Union([Uuid, Type.Null()]), leaseExpiresAt: Type.Union([Type.String(), Type.Null()]),
});
export type TaskSummary = Static<typeof TaskSummary>;
export const HeldTask = Type.Object({ id: Uuid, itemId: Uuid, stage: Type.String(), leaseExpiresAt: Type.Union([Type.String(), Type.Null()]) });
export type HeldTask = Static<typeof HeldTask>;
export const AnnotationVersion = Type.Object({
  id: Uuid, version: Type.Integer(), parentId: Type.Union([Uuid, Type.Null()]), authorId: Type.Union([Uuid, Type.Null()]), authorName: Type.Union([Type.String(), Type.Null()]), authorKind: Type.String(),
  state: Type.String(), schemaVersion: Type.Integer(), payload: Type.Unknown(), createdAt: Type.String(),
});
export type AnnotationVersion = Static<typeof AnnotationVersion>;

export const taskRoutes = {
  claimTask: route('POST', '/api/projects/:projectId/tasks/next', {
    tags: ['tasks'], summary: 'Lease the next task of a stage (call again to prefetch one more while working)', params: ProjectParams, querystring: StageQuery,
    response: { 200: Type.Object({ task: Type.Union([TaskView, Type.Null()]) }), ...errors },
  }),
  myTasks: route('GET', '/api/projects/:projectId/tasks/mine', {
    tags: ['tasks'], summary: 'Tasks I hold now in a stage', params: ProjectParams, querystring: StageQuery, response: { 200: Type.Array(TaskView), ...errors },
  }),
  heldTasks: route('GET', '/api/projects/:projectId/tasks/held', {
    tags: ['tasks'], summary: 'Every task I hold in the project, whatever its stage', params: ProjectParams,
    response: { 200: Type.Array(HeldTask), ...errors },
  }),
  openTask: route('POST', '/api/tasks/:taskId/open', {
    tags: ['tasks'], summary: 'Open exactly this task: one I hold, rework reserved for me, or one whose lease ran out on me while nobody took it',
    params: TaskParams, response: { 200: TaskView, ...errors },
  }),
  listTasks: route('GET', '/api/projects/:projectId/tasks', {
    tags: ['tasks'], summary: 'Tasks of a project, a page at a time (manager, reviewer)', params: ProjectParams,
    querystring: Type.Object({
      status: Type.Optional(TaskStatus),
      after: Type.Optional(Uuid), limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
      order: Type.Union([Type.Literal('oldest'), Type.Literal('newest')], { default: 'oldest' }),
    }),
    response: { 200: Type.Object({ tasks: Type.Array(TaskSummary), next: Type.Union([Uuid, Type.Null()]) }), ...errors },
  }),
  getTask: route('GET', '/api/tasks/:taskId', { tags: ['tasks'], summary: 'A task with its item, predictions and my draft', params: TaskParams, response: { 200: TaskView, ...errors } }),
  heartbeat: route('POST', '/api/tasks/:taskId/heartbeat', { tags: ['tasks'], summary: 'Renew my lease', params: TaskParams, response: { 200: Type.Object({ leaseExpiresAt: Type.String() }), ...errors } }),
  saveDraft: route('PUT', '/api/tasks/:taskId/draft', {
    tags: ['tasks'], summary: 'Autosave work in progress', params: TaskParams, body: Type.Object({ annotation: Type.Unknown() }), response: { 200: Type.Object({ savedAt: Type.String() }), ...errors },
  }),
  submitTask: route('POST', '/api/tasks/:taskId/submit', {
    tags: ['tasks'], summary: 'Submit the annotation; retrying with the same submissionId is safe', params: TaskParams,
    body: Type.Object({ submissionId: Type.String({ description: 'a UUID the client makes once per submit and reuses on retries' }), annotation: Type.Unknown() }),
    response: { 200: Type.Object({ annotationId: Uuid, version: Type.Integer(), state: Type.String(), replayed: Type.Boolean(), stage: Type.Optional(Type.String()) }), ...errors },
  }),
  skipTask: route('POST', '/api/tasks/:taskId/skip', {
    tags: ['tasks'], summary: 'Give the task back (any stage); it goes to someone else and is not offered to me again', params: TaskParams,
    body: Type.Optional(Type.Object({
      reason: Type.Optional(Type.String({ maxLength: 1000, description: 'why, e.g. a code of the skip reason picker' })),
      note: Type.Optional(Type.String({ maxLength: 1000 })),
    })),
    response: { 204: Type.Null(), ...errors },
  }),
  itemAnnotations: route('GET', '/api/items/:itemId/annotations', {
    tags: ['tasks'], summary: 'Every annotation version of an item', params: ItemParams,
    response: { 200: Type.Array(AnnotationVersion), ...errors },
  }),
};

/** Routes whose body is an annotation get a larger body limit than the default 1 MiB. */
export const ANNOTATION_BODY_LIMIT = 9 * 1024 * 1024;
