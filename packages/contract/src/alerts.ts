// The alert log: red lines crossed and cleared in a project, for its managers.
import { Type, type Static } from '@sinclair/typebox';
import { errors, Nullable, ProjectParams, Uuid } from './common.ts';
import { route } from './route.ts';

export const AlertKind = Type.Union([
  Type.Literal('backlog'), Type.Literal('forecast'), Type.Literal('rejection_rate'), Type.Literal('qa_batch'), Type.Literal('daily_cap'),
]);
export type AlertKind = Static<typeof AlertKind>;

export const Alert = Type.Object({
  id: Uuid,
  kind: AlertKind,
  subject: Type.Object({
    kind: Type.Union([Type.Literal('stage'), Type.Literal('person'), Type.Literal('batch'), Type.Literal('project')]),
    id: Type.String({ description: 'the stage name, user id or batch id; empty for the project as a whole' }),
    name: Type.String(),
  }),
  stage: Type.String({ description: 'the stage it concerns; empty for the project as a whole (the forecast)' }),
  level: Nullable(Type.Number({ description: 'the red line: tasks, a rate from 0 to 1, people, or 0 (the deadline)' })),
  value: Nullable(Type.Number({ description: 'the figure when raised: tasks queued, the rate, the batch accuracy, people at cap, or hours past the deadline' })),
  message: Type.String(),
  raisedAt: Type.String(),
  clearedAt: Nullable(Type.String({ description: 'null while open' })),
  clearedValue: Nullable(Type.Number()),
  delivery: Type.Object({
    raised: Nullable(Type.String({ description: 'what the webhook answered, e.g. "delivered: 200 ok (1 try)" or "failed: 404 no_service (1 try, not retried)"; null without a webhook' })),
    cleared: Nullable(Type.String()),
  }),
});
export type Alert = Static<typeof Alert>;

const AlertQuery = Type.Object({
  open: Type.Optional(Type.Boolean({ description: 'only the alerts still open' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
});

export const alertRoutes = {
  projectAlerts: route('GET', '/api/projects/:projectId/alerts', {
    tags: ['alerts'], summary: 'The project\'s alerts (red lines crossed), newest first (managers)', params: ProjectParams, querystring: AlertQuery,
    response: { 200: Type.Object({ alerts: Type.Array(Alert) }), ...errors },
  }),
  projectAlertsCsv: route('GET', '/api/projects/:projectId/alerts/csv', {
    tags: ['alerts'], summary: 'The project\'s alert log as CSV, newest first, up to 100,000 alerts (managers)', params: ProjectParams,
  }),
};

/**
 * An alert on the admin dashboard: the backlog's live alerts (`above`, `drained`: stage, kind,
 * queued, level, message as before) and the red lines' open alerts from the log, with the log's id,
 * subject, value and when it was raised (null for a live figure the log does not hold open).
 */
export const DashboardAlert = Type.Object({
  stage: Type.String({ description: 'the stage it concerns; empty for the whole project (forecast)' }),
  kind: Type.Union([Type.Literal('above'), Type.Literal('drained'), Type.Literal('forecast'), Type.Literal('rejection_rate'), Type.Literal('qa_batch'), Type.Literal('daily_cap')]),
  queued: Type.Integer({ description: 'tasks queued at the stage now (forecast: tasks left in the project)' }),
  level: Type.Number(), message: Type.String(),
  alertId: Nullable(Uuid), subject: Nullable(Alert.properties.subject), value: Nullable(Type.Number()), raisedAt: Nullable(Type.String()),
});
export type DashboardAlert = Static<typeof DashboardAlert>;
