// Sessions and API tokens: both are stored only as hashes of the secret the client holds.
import { sql } from 'kysely';
import type { Db } from '../connection.ts';
import type { UserRow } from '../schema.ts';

export async function insertSession(db: Db, tokenHash: string, userId: string, ttlSeconds: number): Promise<void> {
  await db.insertInto('sessions')
    .values({ token_hash: tokenHash, user_id: userId, expires_at: sql`now() + make_interval(secs => ${ttlSeconds})` })
    .execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Ends a user's sessions, all or all but one; returns the ended sessions' hashes. */
export async function deleteSessionsOf(db: Db, userId: string, keepHash?: string): Promise<string[]> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepHash) q = q.where('token_hash', '<>', keepHash);
  return (await q.returning('token_hash').execute()).map((r) => r.token_hash);
}

export async function userBySession(db: Db, tokenHash: string): Promise<UserRow | undefined> {
  return db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.token_hash', '=', tokenHash).where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function insertToken(db: Db, t: { id: string; userId: string; name: string; tokenHash: string }): Promise<void> {
  await db.insertInto('api_tokens').values({ id: t.id, user_id: t.userId, name: t.name, token_hash: t.tokenHash }).execute();
}

export async function userByToken(db: Db, tokenHash: string): Promise<UserRow | undefined> {
  return db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .where('api_tokens.token_hash', '=', tokenHash).where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function listTokens(db: Db, userId: string) {
  return db.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId).orderBy('created_at').execute();
}

/** Returns the revoked token's hash, or null when there was no such live token. */
export async function revokeToken(db: Db, id: string, userId: string): Promise<string | null> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: sql`now()` })
    .where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null)
    .returning('token_hash').executeTakeFirst();
  return r?.token_hash ?? null;
}
