import type { Db } from '../connection.ts';

export async function insertTeam(db: Db, id: string, name: string) {
  return db.insertInto('teams').values({ id, name }).returningAll().executeTakeFirstOrThrow();
}

export async function listTeams(db: Db) {
  return db.selectFrom('teams').selectAll().orderBy('name').execute();
}

export async function findTeam(db: Db, id: string) {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function addTeamMember(db: Db, teamId: string, userId: string, role: 'lead' | 'member'): Promise<void> {
  await db.insertInto('team_members').values({ team_id: teamId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet({ role })).execute();
}

export async function listTeamMembers(db: Db, teamId: string) {
  return db.selectFrom('team_members').innerJoin('users', 'users.id', 'team_members.user_id')
    .select(['users.id', 'users.email', 'users.name', 'team_members.role'])
    .where('team_members.team_id', '=', teamId).orderBy('users.email').execute();
}
