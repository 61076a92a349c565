import type { Db } from '../connection.ts';
import type { AnnotationState, ItemRow, PredictionRow } from '../schema.ts';

export async function findItem(db: Db, id: string): Promise<ItemRow | undefined> {
  return db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function predictionsOfItem(db: Db, itemId: string): Promise<PredictionRow[]> {
  return db.selectFrom('predictions').selectAll().where('item_id', '=', itemId).orderBy('id').execute();
}

export async function countItems(db: Db, projectId: string): Promise<number> {
  const r = await db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface ExportRow {
  id: string; kind: string; asset: string | null; content: string | null; frames: unknown; metadata: unknown;
  annotation_id: string | null; version: number | null; state: string | null; payload: unknown; author_id: string | null;
}

/**
 * One page of items with their latest annotation in the wanted states, in id order; export streams
 * page by page (keyset), so memory stays flat however large the project is.
 */
export async function exportPage(db: Db, projectId: string, states: string[], after: string | null, limit: number): Promise<ExportRow[]> {
  let q = db.selectFrom('items')
    .leftJoinLateral(
      (eb) => eb.selectFrom('annotations').select(['id', 'version', 'state', 'payload', 'author_id'])
        .whereRef('annotations.item_id', '=', 'items.id').where('state', 'in', states as AnnotationState[])
        .orderBy('version', 'desc').limit(1).as('a'),
      (join) => join.onTrue(),
    )
    .select(['items.id', 'items.kind', 'items.asset', 'items.content', 'items.frames', 'items.metadata',
      'a.id as annotation_id', 'a.version', 'a.state', 'a.payload', 'a.author_id'])
    .where('items.project_id', '=', projectId);
  if (after) q = q.where('items.id', '>', after);
  return q.orderBy('items.id').limit(limit).execute() as Promise<ExportRow[]>;
}
