import { sql } from 'kysely';
import type { Db } from '../connection.ts';
import type { UserRow } from '../schema.ts';

export interface NewUser { id: string; email: string; name: string; passwordHash: string; isAdmin: boolean }

export async function insertUser(db: Db, u: NewUser): Promise<UserRow> {
  return db.insertInto('users')
    .values({ id: u.id, email: u.email, name: u.name, password_hash: u.passwordHash, is_admin: u.isAdmin })
    .returningAll().executeTakeFirstOrThrow();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The administrator made first (the CLI acts as them). */
export async function firstAdmin(db: Db): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('is_admin', '=', true).orderBy('created_at').limit(1).executeTakeFirst();
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('created_at').execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setPassword(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}
