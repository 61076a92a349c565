// `cadre serve` as a real child process, for tests of what happens to the process itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@cadre/db';

const bin = fileURLToPath(new URL('../../cli/bin/cadre.mjs', import.meta.url));

/** A `cadre serve` child process; resolves once it answers its health check. */
export async function serveCadre(env: Record<string, string>, o: { waitMs?: number } = {}): Promise<{ child: ChildProcess; base: string; stderr: () => string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { ...clean, PORT: String(port), HOST: '127.0.0.1', CADRE_DEMO: 'false', CADRE_DB_POOL: '8', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const until = Date.now() + (o.waitMs ?? 120_000);
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`cadre serve exited ${child.exitCode}: ${err}`);
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return { child, base, stderr: () => err };
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error(`cadre serve did not start: ${err}`);
}

/** A `cadre worker` child process (machine jobs), its stdout and stderr kept together. */
export function workerCadre(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  const child = spawn(process.execPath, [bin, 'worker'], { env: { ...clean, CADRE_DEMO: 'false', CADRE_DB_POOL: '4', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  return { child, output: () => out };
}

/** Stops a `cadre serve` or `cadre worker` with SIGTERM; one that does not stop within a minute is killed, and the test says so. */
export async function stopCadre(child: ChildProcess, what = 'cadre serve'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  await exited;
  clearTimeout(timer);
  if (child.signalCode === 'SIGKILL') throw new Error(`${what} did not stop within 60 s of SIGTERM`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
