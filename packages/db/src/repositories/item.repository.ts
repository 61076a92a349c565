import type { Db, Queryable } from '../connection.ts';
import type { AnnotationState, ItemRow, PredictionRow } from '../schema.ts';
import { itemColumns } from './columns.ts';

export async function findItem(db: Db, id: string): Promise<ItemRow | undefined> {
  return db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function predictionsOfItem(db: Db, itemId: string): Promise<PredictionRow[]> {
  return db.selectFrom('predictions').selectAll().where('item_id', '=', itemId).orderBy('id').execute();
}

/** Items of each of the given projects, in one query. */
export async function countItems(db: Db, projectIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(projectIds.map((id) => [id, 0]));
  if (projectIds.length === 0) return out;
  const rows = await db.selectFrom('items').select(['project_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('project_id', 'in', projectIds).groupBy('project_id').execute();
  for (const r of rows) out.set(r.project_id, Number(r.n));
  return out;
}

export interface ExportRow {
  id: string; kind: string; asset: string | null; content: string | null; frames: unknown; metadata: unknown;
  annotation_id: string | null; version: number | null; state: string | null; payload: unknown; author_id: string | null;
  import_id: string | null; media_ref: string | null; width: number | null; height: number | null;
  created_at: Date | null; imported_from: unknown; author_email: string | null;
}

/**
 * One page of items with their latest annotation in the wanted states, in id order; export streams
 * page by page (keyset), so memory stays flat however large the project is.
 */
export async function exportPage(db: Db, projectId: string, states: string[], after: string | null, limit: number): Promise<ExportRow[]> {
  let q = db.selectFrom('items')
    .leftJoinLateral(
      (eb) => eb.selectFrom('annotations').leftJoin('users', 'users.id', 'annotations.author_id')
        .select(['annotations.id', 'version', 'state', 'payload', 'author_id', 'annotations.created_at', 'imported_from', 'users.email as author_email'])
        .whereRef('annotations.item_id', '=', 'items.id').where('state', 'in', states as AnnotationState[])
        .orderBy('version', 'desc').limit(1).as('a'),
      (join) => join.onTrue(),
    )
    .select(['items.id', 'items.kind', 'items.asset', 'items.content', 'items.frames', 'items.metadata',
      'items.import_id', 'items.media_ref', 'items.width', 'items.height',
      'a.id as annotation_id', 'a.version', 'a.state', 'a.payload', 'a.author_id', 'a.created_at', 'a.imported_from', 'a.author_email'])
    .where('items.project_id', '=', projectId);
  if (after) q = q.where('items.id', '>', after);
  return q.orderBy('items.id').limit(limit).execute() as Promise<ExportRow[]>;
}

export interface WorkspaceBundle {
  item: ItemRow;
  predictions: { id: string; model_version: string | null; score: number | null; payload: unknown }[];
  draft: unknown | null;
  latest: { id: string; version: number; state: string; payload: unknown } | null;
}

// What a workspace opens a task with, in one round trip: the item, its predictions, the person's
// draft and the latest annotation.
const BUNDLE = {
  name: 'cadre_workspace_bundle_v2',
  text: `
    SELECT ${itemColumns('i')},
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'model_version', p.model_version, 'score', p.score, 'payload', p.payload) ORDER BY p.id), '[]'::jsonb)
         FROM predictions p WHERE p.item_id = i.id) AS bundle_predictions,
      (SELECT d.payload FROM drafts d WHERE d.task_id = $2 AND d.user_id = $3) AS bundle_draft,
      (SELECT jsonb_build_object('id', a.id, 'version', a.version, 'state', a.state, 'payload', a.payload)
         FROM annotations a WHERE a.item_id = i.id ORDER BY a.version DESC LIMIT 1) AS bundle_latest
    FROM items i WHERE i.id = $1`,
};

export async function workspaceBundle(pool: Queryable, itemId: string, taskId: string, userId: string): Promise<WorkspaceBundle | undefined> {
  const r = await pool.query({ ...BUNDLE, values: [itemId, taskId, userId] });
  const row = r.rows[0] as (ItemRow & { bundle_predictions: WorkspaceBundle['predictions']; bundle_draft: unknown; bundle_latest: WorkspaceBundle['latest'] }) | undefined;
  if (!row) return undefined;
  const { bundle_predictions, bundle_draft, bundle_latest, ...item } = row;
  return { item, predictions: bundle_predictions, draft: bundle_draft ?? null, latest: bundle_latest ?? null };
}
