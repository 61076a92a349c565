import { sql } from 'kysely';
import type { Db } from '../connection.ts';

// Archiving and deleting projects, removing items and tasks (migration 0007). A removed row's
// snapshot is written in the same statement that deletes it, so nothing leaves without its copy.

export async function setArchived(db: Db, projectId: string, archived: boolean): Promise<boolean> {
  const r = await db.updateTable('projects').set({ archived_at: archived ? sql`now()` : null })
    .where('id', '=', projectId).where('deleted_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function markDeleted(db: Db, projectId: string, by: string): Promise<boolean> {
  const r = await db.updateTable('projects').set({ deleted_at: sql`now()`, deleted_by: by })
    .where('id', '=', projectId).where('deleted_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

const rows = (table: string, where: string) => sql.raw(`(SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) FROM ${table} x WHERE ${where})`);

/** Copies the item with its tasks, drafts, annotations, predictions, reviews and attempts into `removals`, then deletes it. */
export async function removeItem(db: Db, r: { id: string; projectId: string; itemId: string; removedBy: string }): Promise<boolean> {
  const result = await sql<{ id: string }>`
    WITH saved AS (
      INSERT INTO removals (id, project_id, entity, entity_id, removed_by, snapshot)
      SELECT ${r.id}, i.project_id, 'item', i.id, ${r.removedBy}, jsonb_build_object(
        'item', to_jsonb(i),
        'tasks', ${rows('tasks', 'x.item_id = i.id')},
        'drafts', ${rows('drafts', 'x.task_id IN (SELECT t.id FROM tasks t WHERE t.item_id = i.id)')},
        'annotations', ${rows('annotations', 'x.item_id = i.id')},
        'predictions', ${rows('predictions', 'x.item_id = i.id')},
        'reviews', ${rows('reviews', 'x.item_id = i.id')},
        'workAttempts', ${rows('work_attempts', 'x.item_id = i.id')})
      FROM items i WHERE i.id = ${r.itemId} AND i.project_id = ${r.projectId}
      RETURNING entity_id
    )
    DELETE FROM items WHERE id IN (SELECT entity_id FROM saved) RETURNING id`.execute(db);
  return result.rows.length > 0;
}

/** Copies the task with its drafts, reviews and attempts into `removals`, then deletes it; its item and annotations stay. */
export async function removeTask(db: Db, r: { id: string; projectId: string; taskId: string; removedBy: string }): Promise<boolean> {
  const result = await sql<{ id: string }>`
    WITH saved AS (
      INSERT INTO removals (id, project_id, entity, entity_id, removed_by, snapshot)
      SELECT ${r.id}, t.project_id, 'task', t.id, ${r.removedBy}, jsonb_build_object(
        'task', to_jsonb(t),
        'drafts', ${rows('drafts', 'x.task_id = t.id')},
        'reviews', ${rows('reviews', 'x.task_id = t.id')},
        'workAttempts', ${rows('work_attempts', 'x.task_id = t.id')})
      FROM tasks t WHERE t.id = ${r.taskId} AND t.project_id = ${r.projectId}
      RETURNING entity_id
    )
    DELETE FROM tasks WHERE id IN (SELECT entity_id FROM saved) RETURNING id`.execute(db);
  return result.rows.length > 0;
}

export interface RemovalFacts {
  projectId: string;
  /** Accepted annotation versions of the item (for a task: made in it). */
  accepted: number;
  /** People holding the task(s) right now. */
  held: number;
  /** Ledger entries that name the item or task, and their labour cost per currency (minor units). */
  ledgerEntries: number;
  labour: { currency: string; amountMinor: number }[];
}

/** What removing an item or task touches; undefined when it does not exist. */
export async function removalFacts(db: Db, entity: 'item' | 'task', id: string): Promise<RemovalFacts | undefined> {
  const owner = entity === 'item'
    ? await db.selectFrom('items').select('project_id').where('id', '=', id).executeTakeFirst()
    : await db.selectFrom('tasks').select('project_id').where('id', '=', id).executeTakeFirst();
  if (!owner) return undefined;
  const column = entity === 'item' ? 'item_id' : 'task_id';
  const accepted = await db.selectFrom('annotations').select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column, '=', id).where('state', '=', 'accepted').executeTakeFirstOrThrow();
  const held = await db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n'))
    .where(entity === 'item' ? 'item_id' : 'id', '=', id).where('status', '=', 'leased').executeTakeFirstOrThrow();
  const entries = await db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column, '=', id).executeTakeFirstOrThrow();
  const labour = await db.selectFrom('ledger_legs').innerJoin('ledger_entries', 'ledger_entries.id', 'ledger_legs.entry_id')
    .select(['ledger_entries.currency', sql<number>`sum(ledger_legs.amount_minor)::bigint`.as('total')])
    .where(`ledger_entries.${column}`, '=', id).where('ledger_legs.account', '=', 'labour_expense')
    .groupBy('ledger_entries.currency').execute();
  return {
    projectId: owner.project_id, accepted: Number(accepted.n), held: Number(held.n), ledgerEntries: Number(entries.n),
    labour: labour.map((l) => ({ currency: l.currency.trim(), amountMinor: Number(l.total) })),
  };
}
