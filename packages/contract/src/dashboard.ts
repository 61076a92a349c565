// Dashboards: the annotator's (me), the manager's (admin) and the client's.
import { Type, type Static } from '@sinclair/typebox';
import { errors, Nullable, ProjectParams, Uuid } from './common.ts';
import { route } from './route.ts';
import { DashboardAlert } from './alerts.ts';

const Cap = Type.Object({ cap: Type.Integer(), taken: Type.Integer(), left: Nullable(Type.Integer()), reached: Type.Boolean(), resetsAt: Type.String() });
const Break = Type.Object({ continuousMinutes: Type.Number(), breakAfterMinutes: Type.Integer(), due: Type.Boolean(), since: Nullable(Type.String()) });
const Hour = Type.Object({ hour: Type.String(), submitted: Type.Integer(), accepted: Type.Integer() });
const ReasonCount = Type.Object({ code: Type.Optional(Type.String()), label: Type.String(), count: Type.Integer() });
const Forecast = Type.Object({ remaining: Type.Integer(), acceptedPerHour: Type.Number(), completesAt: Nullable(Type.String()) });
const Quality = Type.Object({ rejectionRate: Nullable(Type.Number()), qaAccuracy: Nullable(Type.Number()), reasons: Type.Array(ReasonCount) });

export const MeDashboard = Type.Object({
  view: Type.Literal('me'), at: Type.String(), timeZone: Type.String(),
  today: Type.Object({ taken: Type.Integer(), submitted: Type.Integer(), objects: Type.Integer(), workedMinutes: Type.Number(), itemsPerHour: Nullable(Type.Number()) }),
  cap: Cap, break: Break,
  earnings: Nullable(Type.Object({ currency: Type.String(), pendingMinor: Type.Integer(), settledMinor: Type.Integer(), todaySettledMinor: Type.Integer() })),
  quality: Type.Object({ accepted: Type.Integer(), rejected: Type.Integer(), pending: Type.Integer(), rejectionRate: Nullable(Type.Number()), reasons: Type.Array(ReasonCount) }),
});
export type MeDashboard = Static<typeof MeDashboard>;

export const AdminDashboard = Type.Object({
  view: Type.Literal('admin'), at: Type.String(), timeZone: Type.String(),
  throughput: Type.Object({ hours: Type.Array(Hour), submitted: Type.Integer(), accepted: Type.Integer() }),
  stages: Type.Array(Type.Object({ stage: Type.String(), open: Type.Integer(), leased: Type.Integer(), waiting: Type.Integer(), done: Type.Integer() })),
  alerts: Type.Array(DashboardAlert),
  forecast: Forecast,
  people: Type.Array(Type.Object({
    userId: Uuid, name: Type.String(), items: Type.Integer(), objects: Type.Integer(), reviews: Type.Integer(), workedMinutes: Type.Number(),
    itemsPerMinute: Nullable(Type.Number()), objectsPerMinute: Nullable(Type.Number()), cap: Cap, break: Break,
  })),
  quality: Quality,
  money: Nullable(Type.Object({
    currency: Type.String(), revenueMinor: Type.Integer(), labourMinor: Type.Integer(), machineMinor: Type.Integer(), marginMinor: Type.Integer(),
    costPerItem: Type.Array(Type.Object({ method: Type.String(), items: Type.Integer(), perItemMinor: Type.Integer(), machineMinor: Type.Integer(), totalPerItemMinor: Type.Integer() })),
    unpaidAcceptedItems: Type.Integer(),
  })),
});
export type AdminDashboard = Static<typeof AdminDashboard>;

export const ClientDashboard = Type.Object({
  view: Type.Literal('client'), at: Type.String(),
  project: Type.Object({ id: Uuid, name: Type.String() }),
  progress: Type.Object({ total: Type.Integer(), accepted: Type.Integer(), remaining: Type.Integer(), percent: Type.Number() }),
  acceptedPerHour: Type.Array(Type.Object({ hour: Type.String(), accepted: Type.Integer() })),
  stages: Type.Array(Type.Object({ stage: Type.String(), queued: Type.Integer() })),
  forecast: Forecast,
  quality: Quality,
  invoices: Nullable(Type.Array(Type.Object({ id: Uuid, period: Type.String(), currency: Type.String(), totalMinor: Type.Integer(), units: Type.Integer(), closedAt: Nullable(Type.String()) }))),
  people: Nullable(Type.Array(Type.Object({ name: Type.String(), accepted: Type.Integer() }))),
});
export type ClientDashboard = Static<typeof ClientDashboard>;

export const DashboardView = Type.Union([Type.Literal('me'), Type.Literal('admin'), Type.Literal('client')]);
export type DashboardView = Static<typeof DashboardView>;
export type Dashboard = MeDashboard | AdminDashboard | ClientDashboard;
// The services build each view field by field (a client's never holds rates, labour or names), so the
// wire schema is left open: the typed shape above is what the web reads, and nothing is filtered out.
const Snapshot = Type.Unsafe<Dashboard>(Type.Unknown({ description: 'MeDashboard, AdminDashboard or ClientDashboard (see the view field)' }));
const Params = Type.Object({ projectId: Uuid, view: DashboardView });

export const dashboardRoutes = {
  dashboardViews: route('GET', '/api/projects/:projectId/dashboard', {
    tags: ['dashboard'], summary: 'The dashboard views this person may open, best first', params: ProjectParams,
    response: { 200: Type.Object({ views: Type.Array(DashboardView) }), ...errors },
  }),
  dashboard: route('GET', '/api/projects/:projectId/dashboard/:view', {
    tags: ['dashboard'], summary: 'A dashboard snapshot: me (annotator), admin (manager), client', params: Params, response: { 200: Snapshot, ...errors },
  }),
  dashboardStream: route('GET', '/api/projects/:projectId/dashboard/:view/stream', {
    tags: ['dashboard'], summary: 'The same as server-sent events (text/event-stream): a snapshot on connect and on each change', params: Params,
  }),
};
