// Shapes shared by several subjects: ids, the error body, people, projects and their settings, the task view.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { Ontology, ProjectSettings } from '@cadre/core';

export const Uuid = Type.String({ format: 'uuid', description: 'a UUID' });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const ProjectParams = Type.Object({ projectId: Uuid });
export const TaskParams = Type.Object({ taskId: Uuid });
export const ItemParams = Type.Object({ itemId: Uuid });

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  }),
}, { $id: 'Error', description: 'Every error has this shape.' });
export type ErrorBody = Static<typeof ErrorBody>;

/** Error responses every authenticated route can give. */
export const errors = {
  400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody,
};

export const Role = Type.Union([Type.Literal('manager'), Type.Literal('reviewer'), Type.Literal('annotator'), Type.Literal('client')]);
export type Role = Static<typeof Role>;

export const User = Type.Object({ id: Uuid, email: Type.String(), name: Type.String(), isAdmin: Type.Boolean() });
export type User = Static<typeof User>;

/** The machine checks' settings, every key filled in (docs/workflow.md). */
export const CheckSettings = Type.Object({
  requireAttributes: Type.Boolean(), insideImage: Type.Boolean(), minBoxSize: Type.Number(), minCuboidPoints: Type.Number(),
  cuboidFaceTolerance: Type.Union([Type.Null(), Type.Number()]), duplicateIou: Type.Number(),
});

export const RejectReason = Type.Object({ code: Type.String(), label: Type.String() });
export type RejectReason = Static<typeof RejectReason>;

/** The deadline and the red lines (@cadre/core settings/red-lines.ts): each off by default. */
export const RedLineSettings = Type.Object({
  deadline: Nullable(Type.String({ description: 'when the project must be done (ISO date-time), or null' })),
  backlogAlertByStage: Type.Record(Type.String(), Type.Integer(), { description: 'backlog alert level per stage (tasks; 0 off); a stage not named takes backlogAlertAbove' }),
  alertForecastPastDeadline: Type.Boolean({ description: 'alert when the forecast completion falls after the deadline' }),
  alertRejectionRateAbove: Nullable(Type.Number({ description: 'alert when a person\'s rejection rate is above this (0 to 1); null off' })),
  alertRejectionMinDecided: Type.Integer({ description: 'decided items a person needs before their rejection rate can alert' }),
  alertQaBatchFailed: Type.Boolean({ description: 'alert when a QA batch fails (for a day after its verdict)' }),
  alertDailyCapPeople: Type.Integer({ description: 'alert when at least this many people reached the daily cap today (0: off)' }),
  alertWebhookUrl: Nullable(Type.String({ description: 'a Slack-compatible incoming webhook (http or https) that raised and cleared alerts are posted to, or null' })),
});

/** A project's settings on the wire: @cadre/core's ProjectSettings (checked below), every key filled in. */
export const Settings = Type.Object({
  leaseSeconds: Type.Integer(), maxHeldTasks: Type.Integer(), stage: Type.String(),
  granularity: Type.Union([Type.Literal('token'), Type.Literal('char')], { description: 'text spans snap to whole tokens (token) or keep character precision (char)' }),
  allowOverlap: Type.Boolean({ description: 'text spans may overlap' }),
  multiLabel: Type.Boolean({ description: 'text classification: several classes per item' }),
  stages: Type.Array(Type.String(), { description: 'the workflow, in order, from annotate, check, review, qa (docs/workflow.md)' }),
  maxRejections: Type.Integer({ description: 'rejections of one person\'s work before the task goes to someone else' }),
  rejectReasons: Type.Array(RejectReason),
  reviewRate: Type.Number(), noviceTasks: Type.Integer(),
  qaSampleRate: Type.Number(), qaThreshold: Type.Number(), qaBatchBy: Type.String(), qaBatchSize: Type.Integer(), qaSecondSample: Type.Integer(),
  checks: CheckSettings,
  goldRate: Type.Number(), goldIou: Type.Number(), qualificationSize: Type.Integer(), qualificationAccuracy: Type.Number(),
  overlap: Type.Integer({ description: 'annotators per item (consensus)' }), agreementThreshold: Type.Number(),
  dailyCap: Type.Integer({ description: 'items one person may take on per day (0: no cap); rework of their own returned work is still leased' }),
  breakAfterMinutes: Type.Integer({ description: 'remind a person to rest after this many minutes of continuous work (0: off)' }),
  timeZone: Type.String({ description: 'the IANA time zone that says when "today" begins (default UTC)' }),
  backlogAlertAbove: Type.Integer({ description: 'dashboard alert when a stage holds more tasks than this (0: off)' }),
  clientSeesNames: Type.Boolean({ description: 'the client dashboard names the people who did the work' }),
  ...RedLineSettings.properties,
  activeLearning: Type.Union([Type.Literal('off'), Type.Literal('margin'), Type.Literal('entropy'), Type.Literal('random')], { description: 'text classification: order the annotate queue by the learned model\'s uncertainty after each round (off: no learning)' }),
  learningRandomShare: Type.Number({ description: 'share of the queue drawn at random and held out of training, to measure the model honestly' }),
  learningRetrainAfter: Type.Integer({ description: 'new accepted labels that start the next learning round' }),
  autoAcceptTarget: Type.Union([Type.Number(), Type.Null()], { description: 'accuracy the automatically accepted items must reach (lower confidence bound); null: no auto-accept' }),
  autoAcceptQaShare: Type.Number({ description: 'share of automatically accepted items sent to review' }),
});
export type Settings = Static<typeof Settings>;

// Compile-time: the wire schema has exactly core's keys, and every ProjectSettings fits it.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const settingsKeysMatch: SameKeys<Settings, ProjectSettings> = true;
const settingsFit = (s: ProjectSettings): Settings => s;
void settingsKeysMatch; void settingsFit;

export const Project = Type.Object({
  id: Uuid, name: Type.String(), description: Type.String(),
  // Stored ontologies were parsed by core on the way in; the wire schema stays open so nothing is filtered out.
  ontology: Type.Unsafe<Ontology>(Type.Unknown()),
  settings: Settings, createdAt: Type.String(),
  archivedAt: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'set while archived: no new tasks are handed out' })),
});
export type Project = Static<typeof Project>;

/** Why work came back: a reviewer's reason pinned to an object or the whole item, or a machine check's failure. */
export const Reason = Type.Object({
  code: Type.String(), label: Type.String(), objectId: Type.Union([Type.String(), Type.Null()]), note: Type.String(),
  source: Type.Union([Type.Literal('human'), Type.Literal('machine')]),
  check: Type.Optional(Type.String()), measured: Type.Optional(Type.Number()), limit: Type.Optional(Type.Number()), unit: Type.Optional(Type.String()),
});
export type Reason = Static<typeof Reason>;

export const BaseAnnotation = Type.Object({
  id: Uuid, version: Type.Integer(), authorId: Type.Union([Uuid, Type.Null()]), authorName: Type.Union([Type.String(), Type.Null()]), payload: Type.Unknown(),
});
export type BaseAnnotation = Static<typeof BaseAnnotation>;

export const TaskView = Type.Object({
  task: Type.Object({
    id: Uuid, projectId: Uuid, itemId: Uuid, stage: Type.String(), status: Type.String(), priority: Type.Integer(),
    attempts: Type.Integer(), rejections: Type.Integer(), leaseExpiresAt: Type.Union([Type.String(), Type.Null()]),
  }),
  item: Type.Object({
    id: Uuid, kind: Type.String(), asset: Type.Union([Type.String(), Type.Null()]), text: Type.Union([Type.String(), Type.Null()]),
    frames: Type.Unknown(), metadata: Type.Unknown(),
  }),
  predictions: Type.Array(Type.Object({
    id: Uuid, modelVersion: Type.Union([Type.String(), Type.Null()]), score: Type.Union([Type.Number(), Type.Null()]), payload: Type.Unknown(),
    objects: Type.Array(Type.Unknown()),
  })),
  draft: Type.Unknown(),
  draftBy: Type.Union([Type.Object({ userId: Uuid, name: Type.String(), savedAt: Type.String() }, { description: 'the draft is someone else\'s: their lease ran out and you took the task over' }), Type.Null()]),
  latest: Type.Union([Type.Object({ id: Uuid, version: Type.Integer(), state: Type.String(), payload: Type.Unknown() }), Type.Null()]),
  base: Type.Union([BaseAnnotation, Type.Null()]),
  reasons: Type.Array(Reason),
  rejectReasons: Type.Array(RejectReason),
  checks: CheckSettings,
});
export type TaskView = Static<typeof TaskView>;
