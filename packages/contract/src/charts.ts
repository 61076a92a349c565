// The manager's charts: series over a window of days (throughput by stage, backlog by stage, people
// beside the team's median, classes, money), each drawn by the web app with a table and a CSV of the
// same numbers. Built by services/charts; managers only.
import { Type, type Static } from '@sinclair/typebox';
import { errors, Nullable, ProjectParams, Uuid } from './common.ts';
import { route } from './route.ts';

const Counts = Type.Array(Type.Integer());
const Rates = Type.Array(Nullable(Type.Number()));

export const ChartsQuery = Type.Object({
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, description: 'how many days back the series reach (default 1: the last 24 hours)' })),
});

export const Charts = Type.Object({
  at: Type.String(), timeZone: Type.String(), days: Type.Integer(),
  /** Work done per hour in each stage (the stage it left), accepted and rejected per hour. */
  throughput: Type.Object({
    hours: Type.Array(Type.String()),
    stages: Type.Array(Type.Object({ stage: Type.String(), done: Counts })),
    accepted: Counts, rejected: Counts,
  }),
  /** Tasks queued in each stage over time (samples every 10 minutes, and now), the line the alert fires above, the forecast. */
  backlog: Type.Object({
    stages: Type.Array(Type.Object({ stage: Type.String(), points: Type.Array(Type.Object({ at: Type.String(), queued: Type.Integer() })), level: Nullable(Type.Integer()) })),
    deadline: Nullable(Type.String()),
    forecast: Type.Object({ remaining: Type.Integer(), acceptedPerHour: Type.Number(), completesAt: Nullable(Type.String()), pastDeadline: Nullable(Type.Boolean()) }),
  }),
  /** Each person's figures over the window, the team's median beside them, and per day. */
  people: Type.Object({
    rows: Type.Array(Type.Object({
      userId: Uuid, name: Type.String(), items: Type.Integer(), objects: Type.Integer(), workedHours: Type.Number(),
      itemsPerHour: Nullable(Type.Number()), objectsPerHour: Nullable(Type.Number()),
      decided: Type.Integer(), rejected: Type.Integer(), rejectionRate: Nullable(Type.Number()),
      qaInspected: Type.Integer(), qaAccuracy: Nullable(Type.Number()),
    })),
    median: Type.Object({ itemsPerHour: Nullable(Type.Number()), objectsPerHour: Nullable(Type.Number()), rejectionRate: Nullable(Type.Number()), qaAccuracy: Nullable(Type.Number()) }),
    days: Type.Array(Type.String()),
    series: Type.Array(Type.Object({ userId: Uuid, rejectionRate: Rates, qaAccuracy: Rates })),
    medianSeries: Type.Object({ rejectionRate: Rates, qaAccuracy: Rates }),
  }),
  /** Rejection by class, and which class was given for which (consensus votes against the merged class). */
  classes: Type.Object({
    rejection: Type.Array(Type.Object({ name: Type.String(), objects: Type.Integer(), rejected: Type.Integer(), rejectionRate: Nullable(Type.Number()) })),
    confusion: Nullable(Type.Object({ source: Type.String(), classes: Type.Array(Type.String()), counts: Type.Array(Counts) })),
  }),
  /** Cost per accepted item by method, per day; revenue, labour, machine cost and margin per pay period. */
  money: Type.Object({
    currency: Type.String(),
    days: Type.Array(Type.String()),
    costPerItem: Type.Array(Type.Object({ method: Type.String(), items: Counts, perItemMinor: Type.Array(Nullable(Type.Integer())) })),
    periods: Type.Array(Type.Object({ period: Type.String(), revenueMinor: Type.Integer(), labourMinor: Type.Integer(), machineMinor: Type.Integer(), marginMinor: Type.Integer() })),
  }),
});
export type Charts = Static<typeof Charts>;

export const chartRoutes = {
  charts: route('GET', '/api/projects/:projectId/charts', {
    tags: ['dashboard'], summary: 'The manager\'s charts: throughput, backlog, people, classes and money as series', params: ProjectParams,
    querystring: ChartsQuery, response: { 200: Charts, ...errors },
  }),
};
