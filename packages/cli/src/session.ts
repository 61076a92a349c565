import { loadConfig, startCadre, userService, type Actor, type Runtime } from '@cadre/server';

/**
 * A CLI command's view of Cadre: the same database the server uses (the embedded one is shared
 * with a running server), without listening on a port. Commands act as an administrator.
 */
export async function withCadre<T>(fn: (rt: Runtime, actor: Actor) => Promise<T>, asEmail?: string): Promise<T> {
  const rt = await startCadre(loadConfig(), false);
  try {
    const { userId, isAdmin } = await userService.commandLineActor(rt.deps, asEmail);
    if (rt.firstAdmin) printFirstAdmin(rt.firstAdmin.email, rt.firstAdmin.password);
    return await fn(rt, { userId, isAdmin });
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

/**
 * On SIGINT or SIGTERM runs `stop` once and exits; a stop that has not finished within 30 s (a
 * connection that never answers) exits anyway.
 */
export function stopOnSignals(stop: () => Promise<void>, ms = 30_000): void {
  let stopping = false;
  const onSignal = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      process.stderr.write(`cadre: stopping took longer than ${ms / 1000} s; exiting without waiting further\n`);
      process.exit(1);
    }, ms).unref();
    await stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void onSignal());
  process.on('SIGTERM', () => void onSignal());
}
