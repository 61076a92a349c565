import { createHash, randomBytes } from 'node:crypto';
import { uuidv7 } from '@cadre/core';
import { credentials, users, type Db, type UserRow } from '@cadre/db';
import { AppError, invalid } from '../errors.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { announce, ChangeAwareCache } from './changes.ts';

export const SESSION_TTL_SECONDS = 14 * 24 * 3600;
const TOKEN_PREFIX = 'cadre_';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const secret = () => randomBytes(32).toString('base64url');

export interface PublicUser { id: string; email: string; name: string; isAdmin: boolean }
export const publicUser = (u: UserRow): PublicUser => ({ id: u.id, email: u.email, name: u.name, isAdmin: u.is_admin });

export function toActor(u: UserRow): Actor {
  return { userId: u.id, isAdmin: u.is_admin };
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export async function createUser(deps: ServiceDeps, input: { email: string; name?: string; password: string; isAdmin?: boolean }): Promise<PublicUser> {
  const email = input.email.trim();
  if (!EMAIL.test(email)) throw invalid(`email: "${input.email}" is not an email address`);
  checkPassword(input.password, 'password');
  if (await users.findUserByEmail(deps.db, email)) throw new AppError('conflict', `a user with email ${email} already exists`);
  const row = await users.insertUser(deps.db, {
    id: uuidv7(), email, name: input.name?.trim() || email.split('@')[0]!, passwordHash: await hashPassword(input.password), isAdmin: input.isAdmin ?? false,
  });
  return publicUser(row);
}

/** The one rule for a password, at creation and at every change; `field` names it in the error. */
export function checkPassword(password: string, field: string): void {
  if (password.length < 8) throw invalid(`${field}: must be at least 8 characters`);
  // scrypt of a megabyte-long password would tie up a worker thread for nothing.
  if (password.length > 1024) throw invalid(`${field}: must be at most 1024 characters`);
}

/** Returns a new session secret for the cookie; the database keeps only its hash. */
export async function login(deps: ServiceDeps, email: string, password: string): Promise<{ token: string; user: PublicUser }> {
  const user = await users.findUserByEmail(deps.db, email.trim());
  // Verify even for an unknown email, so timing does not tell which emails exist.
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  // A model's worker user (machine) never signs in, whatever its stored hash.
  if (!user || !ok || user.disabled_at || user.machine) throw new AppError('unauthenticated', 'wrong email or password');
  const token = secret();
  await credentials.insertSession(deps.db, sha256(token), user.id, SESSION_TTL_SECONDS);
  return { token, user: publicUser(user) };
}

// Every request resolves its credential; a short cache saves that query, and logout or revocation
// is announced to every process so a signed-out credential stops working at once.
const credentialCache = new ChangeAwareCache<UserRow>('credential', 60_000);

async function cachedUser(hash: string, load: () => Promise<UserRow | undefined>): Promise<UserRow | undefined> {
  const hit = credentialCache.get(hash);
  if (hit) return hit;
  const user = await load();
  if (user) credentialCache.set(hash, user);
  return user;
}

export async function logout(deps: ServiceDeps, sessionToken: string): Promise<void> {
  const hash = sha256(sessionToken);
  await credentials.deleteSession(deps.db, hash);
  await announce(deps.db, `credential:${hash}`);
}

/**
 * Ends a user's sessions, all of them or all but the one making a change, and makes every process
 * forget them at once (the credential cache would otherwise honour them for up to a minute).
 */
export async function endSessions(db: Db, userId: string, keepSessionToken?: string): Promise<number> {
  const hashes = await credentials.deleteSessionsOf(db, userId, keepSessionToken ? sha256(keepSessionToken) : undefined);
  for (const hash of hashes) await announce(db, `credential:${hash}`);
  return hashes.length;
}

export async function userForSession(deps: ServiceDeps, sessionToken: string): Promise<UserRow | undefined> {
  const hash = sha256(sessionToken);
  return cachedUser(hash, () => credentials.userBySession(deps.db, hash));
}

export async function userForApiToken(deps: ServiceDeps, bearer: string): Promise<UserRow | undefined> {
  if (!bearer.startsWith(TOKEN_PREFIX)) return undefined;
  const hash = sha256(bearer);
  return cachedUser(hash, () => credentials.userByToken(deps.db, hash));
}

/** A personal API token for scripts; the secret is shown once and never stored. */
export async function createApiToken(deps: ServiceDeps, actor: Actor, name: string): Promise<{ id: string; name: string; token: string }> {
  if (!name.trim()) throw invalid('name: must not be empty');
  const token = TOKEN_PREFIX + secret();
  const id = uuidv7();
  await credentials.insertToken(deps.db, { id, userId: actor.userId, name: name.trim(), tokenHash: sha256(token) });
  return { id, name: name.trim(), token };
}

export async function listApiTokens(deps: ServiceDeps, actor: Actor) {
  return credentials.listTokens(deps.db, actor.userId);
}

export async function revokeApiToken(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  const hash = await credentials.revokeToken(deps.db, id, actor.userId);
  if (!hash) throw new AppError('not_found', 'token not found');
  await announce(deps.db, `credential:${hash}`);
}
