import { loadConfig, startCadre, type Actor, type Runtime } from '@cadre/server';
import { users } from '@cadre/db';

/**
 * A CLI command's view of Cadre: the same database the server uses (the embedded one is shared
 * with a running server), without listening on a port. Commands act as an administrator.
 */
export async function withCadre<T>(fn: (rt: Runtime, actor: Actor) => Promise<T>, asEmail?: string): Promise<T> {
  const rt = await startCadre(loadConfig(), false);
  try {
    const admin = asEmail
      ? await users.findUserByEmail(rt.deps.db, asEmail)
      : await rt.deps.db.selectFrom('users').selectAll().where('is_admin', '=', true).orderBy('created_at').executeTakeFirst();
    if (!admin) throw new Error(asEmail ? `no user with email ${asEmail}` : 'no administrator exists yet');
    if (rt.firstAdmin) printFirstAdmin(rt.firstAdmin.email, rt.firstAdmin.password);
    return await fn(rt, { userId: admin.id, isAdmin: admin.is_admin });
  } finally {
    await rt.stop();
  }
}

export function printFirstAdmin(email: string, password: string): void {
  console.log('\n  First start: an administrator was created. Sign in with');
  console.log(`    email:    ${email}`);
  console.log(`    password: ${password}`);
  console.log('  This password is shown only now; change it after signing in (click your name at the top right).\n');
}
