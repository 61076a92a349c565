// `cadre serve` as a real child process on a port of its own, so the load and fault phases can run
// several Cadre processes on one database, kill one with SIGKILL and start it again on the same port.
// (The server tests have their own copy in packages/server/test/cadre-process.ts; the bench imports no tests.)
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@cadre/db';
import { sleep } from './stats.ts';

const bin = fileURLToPath(new URL('../packages/cli/bin/cadre.mjs', import.meta.url));

export interface CadreChild {
  port: number;
  base: string;
  env: Record<string, string>;
  child: ChildProcess;
  /** The last 20,000 characters the process wrote to stderr (all its starts). */
  stderr(): string;
}

/** Starts `cadre serve` (on `port`, or a free one) and resolves once it answers its health check. */
export async function startChild(env: Record<string, string>, port?: number): Promise<CadreChild> {
  const p = port ?? await freePort();
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  const child = spawn(process.execPath, [...(process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean), bin, 'serve'], {
    env: { ...clean, PORT: String(p), HOST: '127.0.0.1', CADRE_DEMO: 'false', ...env },
    // BENCH_CHILD_STDOUT=DIR keeps what each process prints (with BENCH_CHILD_NODE_ARGS=--trace-gc, its collections) in DIR/cadre-PORT.log.
    stdio: ['ignore', process.env.BENCH_CHILD_STDOUT ? openSync(`${process.env.BENCH_CHILD_STDOUT}/cadre-${p}.log`, 'a') : 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-20_000); });
  const c: CadreChild = { port: p, base: `http://127.0.0.1:${p}`, env, child, stderr: () => err };
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`cadre serve exited ${child.exitCode}: ${err.slice(-2000)}`);
    if (await fetch(`${c.base}/api/health`).then((r) => r.ok, () => false)) return c;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`cadre serve did not start within 2 minutes: ${err.slice(-2000)}`);
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));

/** kill -9: the process gets no chance to finish a request, close a connection or roll back. */
export async function killChild(c: CadreChild): Promise<void> {
  const gone = exited(c.child);
  c.child.kill('SIGKILL');
  await gone;
}

/** The same server again, on the same port with the same settings (after killChild). */
export async function restartChild(c: CadreChild): Promise<CadreChild> {
  const before = c.stderr();
  const next = await startChild(c.env, c.port);
  return { ...next, stderr: () => before + next.stderr() };
}

/** Stops with SIGTERM (a graceful close); killed after 30 s. */
export async function stopChild(c: CadreChild): Promise<void> {
  const gone = exited(c.child);
  c.child.kill('SIGTERM');
  const timer = setTimeout(() => c.child.kill('SIGKILL'), 30_000);
  await gone;
  clearTimeout(timer);
}
