// Review and QA verdicts, rework, QA batches, backlog, quality, consensus and gold.
import { Type, type Static } from '@sinclair/typebox';
import { errors, Nullable, ProjectParams, Reason, Uuid } from './common.ts';
import { route } from './route.ts';

export const Batch = Type.Object({
  id: Uuid, annotatorId: Uuid, annotatorName: Type.String(), key: Type.String(), status: Type.String(),
  size: Type.Integer(), sampled: Type.Integer(), inspected: Type.Integer(), correct: Type.Integer(), accuracy: Nullable(Type.Number()),
  closedAt: Type.Union([Type.String(), Type.Null()]), decidedAt: Type.Union([Type.String(), Type.Null()]),
});
export type Batch = Static<typeof Batch>;

export const ReviewBody = Type.Object({
  decisionId: Type.String({ description: 'a UUID the client makes once per decision and reuses on retries' }),
  verdict: Type.Union([Type.Literal('accept'), Type.Literal('reject')]),
  reasons: Type.Optional(Type.Array(Type.Object({ code: Type.String(), objectId: Type.Optional(Type.Union([Type.Null(), Type.String()], { description: 'the object the reason is pinned to; null for the whole item' })), note: Type.Optional(Type.String()) }), { maxItems: 500 })),
  annotation: Type.Optional(Type.Unknown({ description: 'fix-and-accept: the reviewer\'s corrected annotation' })),
});
export type ReviewBody = Static<typeof ReviewBody>;

export const Returned = Type.Object({
  taskId: Uuid, itemId: Uuid, rejections: Type.Integer(), status: Type.String(), reasons: Type.Array(Reason),
  rejectedAt: Type.String(), reviewerName: Type.Union([Type.String(), Type.Null()]),
});
export type Returned = Static<typeof Returned>;

export const StageBacklog = Type.Object({ stage: Type.String(), open: Type.Integer(), leased: Type.Integer(), waiting: Type.Integer(), done: Type.Integer() });
export type StageBacklog = Static<typeof StageBacklog>;

export const Quality = Type.Object({
  annotators: Type.Array(Type.Object({
    userId: Uuid, name: Type.String(), submitted: Type.Integer(), accepted: Type.Integer(), rejected: Type.Integer(), rejectionRate: Nullable(Type.Number()),
    qaInspected: Type.Integer(), qaAccuracy: Nullable(Type.Number()), goldScored: Type.Integer(), goldAccuracy: Nullable(Type.Number()), agreement: Nullable(Type.Number()),
  })),
  classes: Type.Array(Type.Object({ name: Type.String(), objects: Type.Integer(), rejected: Type.Integer(), rejectionRate: Nullable(Type.Number()) })),
  reasons: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), count: Type.Integer() })),
  /**
   * Text classification: each person's and each model's (an LLM's, the learner's) classes against the
   * labels people accepted, on the items both have: accuracy, Cohen's kappa, and per accepted class.
   */
  textAgreement: Type.Array(Type.Object({
    kind: Type.Union([Type.Literal('person'), Type.Literal('model')]), id: Uuid, name: Type.String(),
    items: Type.Integer(), accuracy: Type.Number(), kappa: Type.Number(),
    classes: Type.Array(Type.Object({ class: Type.String(), items: Type.Integer(), accuracy: Type.Number() })),
  })),
});
export type Quality = Static<typeof Quality>;

export const workflowRoutes = {
  reviewTask: route('POST', '/api/tasks/:taskId/review', {
    tags: ['workflow'], summary: 'A review or QA verdict; retrying with the same decisionId is safe', params: Type.Object({ taskId: Uuid }),
    body: ReviewBody,
    response: { 200: Type.Object({ verdict: Type.String(), stage: Type.String(), replayed: Type.Boolean() }), ...errors },
  }),
  returned: route('GET', '/api/projects/:projectId/returned', {
    tags: ['workflow'], summary: 'My tasks returned for rework, newest first', params: ProjectParams,
    response: { 200: Type.Array(Returned), ...errors },
  }),
  listBatches: route('GET', '/api/projects/:projectId/batches', { tags: ['workflow'], summary: 'QA batches, newest first', params: ProjectParams, response: { 200: Type.Array(Batch), ...errors } }),
  closeBatch: route('POST', '/api/batches/:batchId/close', {
    tags: ['workflow'], summary: 'Close a QA batch now and open its sample for inspection (manager)', params: Type.Object({ batchId: Uuid }), response: { 200: Batch, ...errors },
  }),
  stageBacklog: route('GET', '/api/projects/:projectId/stages', {
    tags: ['workflow'], summary: 'Backlog: tasks per stage and status', params: ProjectParams,
    response: { 200: Type.Array(StageBacklog), ...errors },
  }),
  quality: route('GET', '/api/projects/:projectId/quality', {
    tags: ['workflow'], summary: 'Accuracy, rejection rate and agreement per annotator; rejection rate per class; reasons counted', params: ProjectParams,
    response: { 200: Quality, ...errors },
  }),
  dawidSkene: route('POST', '/api/projects/:projectId/consensus/dawid-skene', {
    tags: ['workflow'], summary: 'Dawid–Skene EM over the consensus items\' classes; with apply, re-merge items not yet accepted (manager)', params: ProjectParams,
    body: Type.Optional(Type.Object({ apply: Type.Optional(Type.Boolean()) })),
    response: { 200: Type.Object({ items: Type.Integer(), changed: Type.Integer(), annotators: Type.Array(Type.Object({ userId: Uuid, accuracy: Type.Number() })) }), ...errors },
  }),
  makeGold: route('POST', '/api/projects/:projectId/gold', {
    tags: ['workflow'], summary: 'Make an item gold, with the given answer or its latest accepted annotation (manager)', params: ProjectParams,
    body: Type.Object({ itemId: Uuid, annotation: Type.Optional(Type.Unknown()) }),
    response: { 200: Type.Object({ itemId: Uuid, objects: Type.Integer() }), ...errors },
  }),
  listGold: route('GET', '/api/projects/:projectId/gold', {
    tags: ['workflow'], summary: 'Gold items, how often each was done and the mean score (manager)', params: ProjectParams,
    response: { 200: Type.Array(Type.Object({ itemId: Uuid, done: Type.Integer(), meanScore: Nullable(Type.Number()) })), ...errors },
  }),
};
