// What became of machines' proposals (proposal_outcomes, written when an item is accepted) and
// what the report of models reads beside them: the accepted items' people time, pay and machine
// time. The rules (what counts as edited, how a cost is rounded, which method an item is) are the
// server's machine-report service's; here are the rows.
import { sql } from 'kysely';
import type { Db } from '../connection.ts';
import type { ProposalOutcome } from '../schema.ts';

/** An item's predictions with the model that made each (none for pre-labels imported from a file). */
export async function predictionsWithModel(db: Db, itemId: string) {
  return db.selectFrom('predictions').leftJoin('models', 'models.id', 'predictions.model_id')
    .select([
      'predictions.id', 'predictions.model_id', 'predictions.model_version', 'predictions.score', 'predictions.payload',
      'predictions.machine_ms', 'predictions.cost_minor', 'models.name as model_name', 'models.version as model_row_version', 'models.hour_rate_minor',
    ])
    .where('predictions.item_id', '=', itemId).orderBy('predictions.id').execute();
}

/** What each model's predictions on the item used: machine time, API cost, the model's hour rate. */
export async function machineUseOfItem(db: Db, itemId: string) {
  return db.selectFrom('predictions').innerJoin('models', 'models.id', 'predictions.model_id')
    .select(['predictions.id', 'predictions.model_id', 'predictions.machine_ms', 'predictions.cost_minor', 'models.name', 'models.version', 'models.hour_rate_minor'])
    .where('predictions.item_id', '=', itemId).orderBy('predictions.id').execute();
}

export interface NewOutcome {
  predictionId: string; modelId: string | null; modelVersion: string | null;
  objectId: string; class: string; outcome: ProposalOutcome; score: number | null;
}

/**
 * The item's outcomes as of its accepted annotation `annotationId`: rows an earlier acceptance of
 * the item wrote for another annotation are removed (an item counts once, as finally accepted), and
 * a retried acceptance of the same annotation writes nothing new (its key is the same).
 */
export async function replaceOutcomes(db: Db, o: { projectId: string; itemId: string; annotationId: string; rows: readonly NewOutcome[] }): Promise<number> {
  await db.deleteFrom('proposal_outcomes').where('item_id', '=', o.itemId).where('annotation_id', '<>', o.annotationId).execute();
  if (o.rows.length === 0) return 0;
  const written = await db.insertInto('proposal_outcomes').values(o.rows.map((r) => ({
    project_id: o.projectId, item_id: o.itemId, annotation_id: o.annotationId, model_id: r.modelId, model_version: r.modelVersion,
    prediction_id: r.predictionId, object_id: r.objectId, class: r.class, outcome: r.outcome, score: r.score,
  }))).onConflict((oc) => oc.columns(['annotation_id', 'object_id']).doNothing()).returning('object_id').execute();
  return written.length;
}

/** Outcome counts by project, model version, class and outcome (all projects when `projectId` is null). */
export async function outcomeCounts(db: Db, projectId: string | null) {
  let q = db.selectFrom('proposal_outcomes')
    .select(['project_id', 'model_id', 'model_version', 'class', 'outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['project_id', 'model_id', 'model_version', 'class', 'outcome']);
  if (projectId !== null) q = q.where('project_id', '=', projectId);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Which items each model version has outcomes on. */
export async function outcomeItems(db: Db, projectId: string | null) {
  let q = db.selectFrom('proposal_outcomes').select(['project_id', 'model_id', 'model_version', 'item_id']).distinct();
  if (projectId !== null) q = q.where('project_id', '=', projectId);
  return q.execute();
}

export interface AcceptedItemFacts {
  project_id: string; item_id: string;
  /** People's seconds on the item: each accepted labelling attempt from its lease to its submit, summed. */
  seconds: number;
  /** The origins of the objects of the item's latest accepted annotation (what decides its method). */
  origins: unknown[];
  /** Labour posted to the ledger for the item (labelling, shares, inspections). */
  labour: number;
  /** The item's predictions' machine time, API cost and their model's hour rate. */
  machine: { modelId: string | null; ms: number | null; costMinor: number | null; hourRateMinor: number | null }[];
}

/**
 * Every item a person's work got accepted on (imports as labels have no labelling attempt and are
 * not here), with its people time, pay and machine use. The lease before a submit is found through
 * the events' (entity, entity_id) index, as the work spans do (limits.repository.ts).
 */
export async function acceptedItemFacts(db: Db, projectId: string | null): Promise<AcceptedItemFacts[]> {
  const scope = projectId === null ? sql`TRUE` : sql`w.project_id = ${projectId}`;
  const { rows } = await sql<AcceptedItemFacts>`
    WITH spans AS (
      SELECT w.project_id, w.item_id, extract(epoch FROM w.created_at - coalesce(l.at, w.created_at))::float8 AS s
      FROM work_attempts w
      LEFT JOIN LATERAL (
        SELECT e.at FROM events e
        WHERE e.entity = 'task' AND e.entity_id = w.task_id::text AND e.action = 'leased' AND e.actor_id = w.user_id AND e.at <= w.created_at
        ORDER BY e.at DESC LIMIT 1
      ) l ON TRUE
      WHERE ${scope} AND w.stage = 'annotate' AND w.outcome = 'accepted'
    ), accepted AS (
      SELECT project_id, item_id, sum(s)::float8 AS seconds FROM spans GROUP BY project_id, item_id
    )
    SELECT i.project_id, i.item_id, i.seconds,
      coalesce((SELECT jsonb_path_query_array(a.payload, '$.objects[*].origin') FROM annotations a
                WHERE a.item_id = i.item_id AND a.state = 'accepted' ORDER BY a.version DESC LIMIT 1), '[]'::jsonb) AS origins,
      (SELECT coalesce(sum(g.amount_minor), 0)::float8 FROM ledger_entries e JOIN ledger_legs g ON g.entry_id = e.id AND g.account = 'labour_expense'
        WHERE e.item_id = i.item_id AND e.project_id = i.project_id) AS labour,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('modelId', p.model_id, 'ms', p.machine_ms, 'costMinor', p.cost_minor, 'hourRateMinor', m.hour_rate_minor) ORDER BY p.id), '[]'::jsonb)
        FROM predictions p LEFT JOIN models m ON m.id = p.model_id WHERE p.item_id = i.item_id) AS machine
    FROM accepted i
    ORDER BY i.project_id, i.item_id`.execute(db);
  return rows.map((r) => ({ ...r, seconds: Number(r.seconds), labour: Number(r.labour) }));
}

export async function modelsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('models').select(['id', 'name', 'version', 'hour_rate_minor']).where('id', 'in', [...ids]).execute();
}

/** Project names and the currency of their first rate card (null without one). */
export async function projectsForReport(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('projects')
    .select(['projects.id', 'projects.name', (eb) => eb.selectFrom('rate_cards').select('rate_cards.currency').whereRef('rate_cards.project_id', '=', 'projects.id')
      .orderBy('rate_cards.created_at').limit(1).as('currency')])
    .where('projects.id', 'in', [...ids]).execute();
}
