import { sql } from 'kysely';
import type { Db, Queryable } from '../connection.ts';
import type { ProjectRow, Role } from '../schema.ts';

export interface NewProject { id: string; name: string; description: string; ontology: unknown; settings: Record<string, unknown>; createdBy: string | null }

export async function insertProject(db: Db, p: NewProject): Promise<ProjectRow> {
  return db.insertInto('projects')
    .values({ id: p.id, name: p.name, description: p.description, ontology: JSON.stringify(p.ontology), settings: JSON.stringify(p.settings), created_by: p.createdBy })
    .returningAll().executeTakeFirstOrThrow();
}

export async function findProject(db: Db, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** The same through a connection already held (a transaction's), without Kysely: it is on the submit path. */
export async function findProjectOn(client: Queryable, id: string): Promise<ProjectRow | undefined> {
  return (await client.query<ProjectRow>('SELECT * FROM projects WHERE id = $1 AND deleted_at IS NULL', [id])).rows[0];
}

export async function findProjectByName(db: Db, name: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('name', '=', name).where('deleted_at', 'is', null).orderBy('created_at').executeTakeFirst();
}

/**
 * Projects a user may see: all for `all`, else those they or one of their teams belong to. Archived
 * ones only for `all` and for the people who manage them (they may restore them).
 */
export async function listProjects(db: Db, userId: string, all: boolean): Promise<ProjectRow[]> {
  let q = db.selectFrom('projects').selectAll().where('deleted_at', 'is', null);
  if (!all) {
    q = q.where((eb) => eb.or([
      eb('archived_at', 'is', null),
      eb('id', 'in', eb.selectFrom('project_members').select('project_id').where('user_id', '=', userId).where('role', '=', 'manager')),
    ]));
    q = q.where((eb) => eb.or([
      eb('id', 'in', eb.selectFrom('project_members').select('project_id').where('user_id', '=', userId)),
      eb('id', 'in', eb.selectFrom('project_teams').innerJoin('team_members', 'team_members.team_id', 'project_teams.team_id')
        .select('project_teams.project_id').where('team_members.user_id', '=', userId)),
    ]));
  }
  return q.orderBy('created_at').execute();
}

export async function updateProject(db: Db, id: string, patch: { name?: string; description?: string; ontology?: unknown; settings?: Record<string, unknown> }): Promise<ProjectRow | undefined> {
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.ontology !== undefined) set.ontology = JSON.stringify(patch.ontology);
  if (patch.settings !== undefined) set.settings = JSON.stringify(patch.settings);
  return db.updateTable('projects').set(set).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Every role the user holds in the project, directly or through a team. */
export async function rolesOf(db: Db, userId: string, projectId: string): Promise<Role[]> {
  const result = await sql<{ role: Role }>`
    SELECT role FROM project_members WHERE project_id = ${projectId} AND user_id = ${userId}
      AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = ${projectId} AND p.deleted_at IS NOT NULL)
    UNION
    SELECT pt.role FROM project_teams pt JOIN team_members tm ON tm.team_id = pt.team_id
    WHERE pt.project_id = ${projectId} AND tm.user_id = ${userId}
      AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = ${projectId} AND p.deleted_at IS NOT NULL)`.execute(db);
  return result.rows.map((r) => r.role);
}

export async function upsertMember(db: Db, projectId: string, userId: string, role: Role): Promise<void> {
  await db.insertInto('project_members').values({ project_id: projectId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role })).execute();
}

export async function removeMember(db: Db, projectId: string, userId: string): Promise<boolean> {
  const r = await db.deleteFrom('project_members').where('project_id', '=', projectId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function upsertTeamRole(db: Db, projectId: string, teamId: string, role: Role): Promise<void> {
  await db.insertInto('project_teams').values({ project_id: projectId, team_id: teamId, role })
    .onConflict((oc) => oc.columns(['project_id', 'team_id']).doUpdateSet({ role })).execute();
}

export async function listMembers(db: Db, projectId: string) {
  return db.selectFrom('project_members').innerJoin('users', 'users.id', 'project_members.user_id')
    .select(['users.id', 'users.email', 'users.name', 'project_members.role'])
    .where('project_members.project_id', '=', projectId).orderBy('users.email').execute();
}

export async function listProjectTeams(db: Db, projectId: string) {
  return db.selectFrom('project_teams').innerJoin('teams', 'teams.id', 'project_teams.team_id')
    .select(['teams.id', 'teams.name', 'project_teams.role'])
    .where('project_teams.project_id', '=', projectId).orderBy('teams.name').execute();
}

export async function holdsRoleAnywhere(db: Db, userId: string, role: Role): Promise<boolean> {
  const result = await sql<{ one: number }>`
    SELECT 1 AS one FROM project_members WHERE user_id = ${userId} AND role = ${role}
    UNION ALL
    SELECT 1 FROM project_teams pt JOIN team_members tm ON tm.team_id = pt.team_id
    WHERE tm.user_id = ${userId} AND pt.role = ${role}
    LIMIT 1`.execute(db);
  return result.rows.length > 0;
}
