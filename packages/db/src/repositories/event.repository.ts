import type { Db } from '../connection.ts';
import type { EventRow } from '../schema.ts';

export interface NewEventInput {
  actorId: string | null;
  actorKind: 'user' | 'system' | 'machine';
  projectId: string | null;
  entity: string;
  entityId: string;
  action: string;
  data?: Record<string, unknown>;
}

export async function appendEvent(db: Db, e: NewEventInput): Promise<void> {
  await db.insertInto('events').values({
    actor_id: e.actorId, actor_kind: e.actorKind, project_id: e.projectId,
    entity: e.entity, entity_id: e.entityId, action: e.action, data: JSON.stringify(e.data ?? {}),
  }).execute();
}

export async function eventsFor(db: Db, entity: string, entityId: string): Promise<EventRow[]> {
  return db.selectFrom('events').selectAll().where('entity', '=', entity).where('entity_id', '=', entityId).orderBy('id').execute();
}

export async function projectEvents(db: Db, projectId: string, afterId: number, limit: number): Promise<EventRow[]> {
  return db.selectFrom('events').selectAll().where('project_id', '=', projectId).where('id', '>', afterId)
    .orderBy('id').limit(limit).execute();
}
