// Models (one row a version), their worker users, and which models a project uses with its class map.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../connection.ts';
import type { ModelRow, ProjectModelsTable } from '../schema.ts';

export interface NewModel {
  id: string; name: string; version: string; spec: Record<string, unknown>; classes: string[];
  workerId: string; hourRateMinor: number; createdBy: string | null;
}

/** A model's worker: a user marked `machine`, with a password hash no password matches. */
export async function insertWorkerUser(db: Db, u: { id: string; email: string; name: string }): Promise<void> {
  await db.insertInto('users').values({ id: u.id, email: u.email, name: u.name, password_hash: 'machine$no-password', is_admin: false, machine: true }).execute();
}

export async function insertModel(db: Db, m: NewModel): Promise<ModelRow> {
  return db.insertInto('models').values({
    id: m.id, name: m.name, version: m.version, spec: JSON.stringify(m.spec), classes: sql`${JSON.stringify(m.classes)}::jsonb`,
    worker_id: m.workerId, hour_rate_minor: m.hourRateMinor, created_by: m.createdBy,
  }).returningAll().executeTakeFirstOrThrow();
}

export async function findModel(db: Db, id: string): Promise<ModelRow | undefined> {
  return db.selectFrom('models').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The model of this name and version, or its newest version when `version` is not given. */
export async function findModelByName(db: Db, name: string, version?: string): Promise<ModelRow | undefined> {
  let q = db.selectFrom('models').selectAll().where('name', '=', name);
  if (version !== undefined) q = q.where('version', '=', version);
  return q.orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

export async function listModels(db: Db): Promise<ModelRow[]> {
  return db.selectFrom('models').selectAll().orderBy('created_at', 'desc').execute();
}

export async function updateModel(db: Db, id: string, m: { hourRateMinor?: number; archived?: boolean }): Promise<ModelRow | undefined> {
  return db.updateTable('models').set({
    ...(m.hourRateMinor !== undefined ? { hour_rate_minor: m.hourRateMinor } : {}),
    ...(m.archived !== undefined ? { archived_at: m.archived ? sql`coalesce(archived_at, now())` : null } : {}),
  }).where('id', '=', id).returningAll().executeTakeFirst();
}

export type ProjectModelRow = Pick<Selectable<ProjectModelsTable>, 'project_id' | 'model_id' | 'class_map' | 'min_score'>;

export async function upsertProjectModel(db: Db, p: { projectId: string; modelId: string; classMap: Record<string, string | null>; minScore: number | null }): Promise<ProjectModelRow> {
  return db.insertInto('project_models')
    .values({ project_id: p.projectId, model_id: p.modelId, class_map: sql`${JSON.stringify(p.classMap)}::jsonb`, min_score: p.minScore })
    .onConflict((oc) => oc.columns(['project_id', 'model_id']).doUpdateSet({ class_map: sql`${JSON.stringify(p.classMap)}::jsonb`, min_score: p.minScore }))
    .returning(['project_id', 'model_id', 'class_map', 'min_score']).executeTakeFirstOrThrow();
}

export async function findProjectModel(db: Db, projectId: string, modelId: string): Promise<ProjectModelRow | undefined> {
  return db.selectFrom('project_models').select(['project_id', 'model_id', 'class_map', 'min_score'])
    .where('project_id', '=', projectId).where('model_id', '=', modelId).executeTakeFirst();
}

export async function listProjectModels(db: Db, projectId: string): Promise<ProjectModelRow[]> {
  return db.selectFrom('project_models').select(['project_id', 'model_id', 'class_map', 'min_score'])
    .where('project_id', '=', projectId).orderBy('created_at').execute();
}

export async function deleteProjectModel(db: Db, projectId: string, modelId: string): Promise<boolean> {
  const r = await db.deleteFrom('project_models').where('project_id', '=', projectId).where('model_id', '=', modelId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Whether this person manages any project (models are listed to administrators and managers). */
export async function managesAnyProject(db: Db, userId: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`
    SELECT EXISTS (SELECT 1 FROM project_members WHERE user_id = ${userId} AND role = 'manager')
      OR EXISTS (SELECT 1 FROM project_teams pt JOIN team_members tm ON tm.team_id = pt.team_id WHERE tm.user_id = ${userId} AND pt.role = 'manager') AS ok`.execute(db);
  return rows[0]?.ok ?? false;
}
