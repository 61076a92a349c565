// The manager's tasks view: a project's tasks filtered, sorted and paged by cursor, and bulk actions
// on chosen tasks or on everything a filter matches.
import { Type, type Static } from '@sinclair/typebox';
import { errors, Nullable, ProjectParams, Uuid } from './common.ts';
import { route } from './route.ts';
import { TaskStatus } from './tasks.ts';

/** Every stage a task can stand at (the workflow's stages, gold tasks, and accepted work). */
export const TaskStage = Type.Union(['prelabel', 'annotate', 'check', 'review', 'qa', 'gold', 'accepted'].map((s) => Type.Literal(s)));
const Score = Type.Number({ minimum: -1e9, maximum: 1e9 });
const Share = Type.Number({ minimum: 0, maximum: 1 });
const When = Type.String({ format: 'date-time' });

/** What a filter may say; each field narrows the list, absent fields do not. */
export const TasksFilter = Type.Object({
  stage: Type.Optional(TaskStage),
  status: Type.Optional(TaskStatus),
  person: Type.Optional(Uuid),
  class: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "a class of the item's current annotation" })),
  minRejections: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  agreementMin: Type.Optional(Share), agreementMax: Type.Optional(Share),
  scoreMin: Type.Optional(Score), scoreMax: Type.Optional(Score),
  createdFrom: Type.Optional(When), createdTo: Type.Optional(When),
  changedFrom: Type.Optional(When), changedTo: Type.Optional(When),
  q: Type.Optional(Type.String({ maxLength: 200, description: "words (prefixes) of the item's file name, media reference or metadata" })),
}, { additionalProperties: false });
export type TasksFilter = Static<typeof TasksFilter>;

export const TasksSort = Type.Union([Type.Literal('created'), Type.Literal('priority'), Type.Literal('rejections'), Type.Literal('changed'), Type.Literal('score')]);
export type TasksSort = Static<typeof TasksSort>;

export const TasksViewRow = Type.Object({
  id: Uuid, itemId: Uuid,
  item: Type.Object({ kind: Type.String(), name: Type.String(), text: Nullable(Type.String({ description: "a text item's first characters" })) }),
  stage: Type.String(), status: Type.String(),
  person: Nullable(Type.Object({ id: Uuid, name: Type.String(), holds: Type.Boolean() })),
  priority: Type.Integer(), attempts: Type.Integer(), rejections: Type.Integer(),
  classes: Type.Array(Type.String()), score: Nullable(Type.Number()), agreement: Nullable(Type.Number()),
  createdAt: Type.String(), changedAt: Type.String(),
});
export type TasksViewRow = Static<typeof TasksViewRow>;

export const TasksTotal = Type.Object({ count: Type.Integer(), exact: Type.Boolean({ description: 'false: an estimate (past 10,000)' }) });
export type TasksTotal = Static<typeof TasksTotal>;

export const BulkAction = Type.Union([
  Type.Object({ kind: Type.Literal('reassign'), userId: Uuid }),
  Type.Object({ kind: Type.Literal('priority'), mode: Type.Union([Type.Literal('set'), Type.Literal('raise')]), value: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }) }),
  Type.Object({ kind: Type.Literal('sendBack'), stage: TaskStage }),
  Type.Object({ kind: Type.Literal('skip') }),
  Type.Object({ kind: Type.Literal('remove') }),
]);
export type BulkAction = Static<typeof BulkAction>;

export const BulkResult = Type.Object({
  matched: Type.Integer(), changed: Type.Integer(), unchanged: Type.Integer(),
  refused: Type.Array(Type.Object({ taskId: Uuid, reason: Type.String() }), { description: 'the first 200 refusals, each with why' }),
  refusedCount: Type.Integer(),
});
export type BulkResult = Static<typeof BulkResult>;

export const tasksViewRoutes = {
  tasksView: route('GET', '/api/projects/:projectId/tasks/view', {
    tags: ['tasks'], summary: "The manager's tasks view: filtered, sorted, a page at a time by cursor (manager, reviewer)", params: ProjectParams,
    querystring: Type.Composite([TasksFilter, Type.Object({
      sort: Type.Optional(TasksSort), dir: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
      cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 600, description: 'the `next` of the previous page' })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    })], { additionalProperties: false }),
    response: { 200: Type.Object({ tasks: Type.Array(TasksViewRow), next: Nullable(Type.String()), total: Nullable(TasksTotal) }), ...errors },
  }),
  bulkTasks: route('POST', '/api/projects/:projectId/tasks/bulk', {
    tags: ['tasks'], summary: 'One action on chosen tasks, or on every task a filter matches (confirmed with the count shown); managers only', params: ProjectParams,
    body: Type.Object({
      action: BulkAction,
      taskIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 1000 })),
      filter: Type.Optional(TasksFilter),
      confirmCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'with a filter: the count the person saw and confirmed; at most this many are acted on' })),
    }, { additionalProperties: false }),
    response: { 200: BulkResult, ...errors },
  }),
};
