// The audit log of privileged actions, for administrators.
import { Type, type Static } from '@sinclair/typebox';
import { errors, Nullable, Uuid } from './common.ts';
import { route } from './route.ts';

export const AuditEntry = Type.Object({
  id: Type.String({ description: 'increasing; the cursor of the next page' }),
  at: Type.String(), actorId: Nullable(Uuid), actorEmail: Nullable(Type.String()),
  action: Type.String({ description: 'e.g. role.set, pay.rate_card, pay.correction, export.labels, delete.item, model.register' }),
  projectId: Nullable(Uuid), method: Type.String(), path: Type.String(), status: Type.Integer(),
  detail: Type.Unknown({ description: 'the route parameters, query and the body fields that say what changed (never passwords or tokens)' }),
  requestId: Nullable(Type.String()),
});
export type AuditEntry = Static<typeof AuditEntry>;

const AuditQuery = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 100, description: 'an action, or its group (role, pay, export, delete, model, …)' })),
  projectId: Type.Optional(Uuid),
  before: Type.Optional(Type.String({ pattern: '^[0-9]{1,19}$', description: 'entries older than this id' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});

export const auditRoutes = {
  auditLog: route('GET', '/api/audit', {
    tags: ['audit'], summary: 'The audit log of privileged actions, newest first (administrator)', querystring: AuditQuery,
    response: { 200: Type.Object({ entries: Type.Array(AuditEntry), next: Nullable(Type.String()) }), ...errors },
  }),
  auditCsv: route('GET', '/api/audit/csv', {
    tags: ['audit'], summary: 'The audit log as CSV, newest first, up to 100,000 entries (administrator; the export is itself logged)', querystring: AuditQuery,
  }),
};
