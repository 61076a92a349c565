// Cache invalidation across Cadre processes: a change is announced with pg_notify inside the
// writing transaction (delivered on commit), every process LISTENs and drops its cached copies.
// A process that misses a message still forgets within each cache's short TTL.
import { changes, type Db } from '@cadre/db';

export const CHANNEL = 'cadre_changes';
type Listener = (key: string) => void;
// Process-wide: keys carry UUIDs, so caches of different databases in one process never collide.
const listeners = new Set<Listener>();

/** Announces that `key` (e.g. `project:<id>`) changed; call inside the transaction that changed it. */
export async function announce(db: Db, key: string): Promise<void> {
  forgetLocally(key);
  await changes.notify(db, CHANNEL, key);
}

export function onChange(listener: Listener): void {
  listeners.add(listener);
}

/** Drops cached copies of `key` in this process. */
export function forget(key: string): void {
  forgetLocally(key);
}

function forgetLocally(key: string): void {
  for (const l of listeners) l(key);
}

/** How often, at most, one process tells the others that a project's work moved. */
const WORK_NOTICE_MS = 250;
const noticeDue = new Set<string>();

/**
 * Work was done in a project (a claim, a submit, a decision): live views in every process should
 * look again. Sent after the work's transaction (never inside it: a NOTIFY serialises commits), and
 * at most once per project every quarter second from this process, however fast the work goes.
 */
export function workDone(db: Db, projectId: string): void {
  if (noticeDue.has(projectId)) return;
  noticeDue.add(projectId);
  setTimeout(() => {
    noticeDue.delete(projectId);
    const key = `work:${projectId}`;
    forgetLocally(key);
    changes.notify(db, CHANNEL, key).catch(() => undefined); // a lost notice costs a poll interval, nothing more
  }, WORK_NOTICE_MS).unref();
}

/** Keeps one connection listening for other processes' announcements; returns a stop function. */
export function listenForChanges(url: string): Promise<() => Promise<void>> {
  // After a lost connection forget everything: messages may have been missed.
  return changes.listen(url, CHANNEL, { message: forgetLocally, lost: () => forgetLocally('*') });
}

/** A small TTL cache that forgets keys when they are announced. */
export class ChangeAwareCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  constructor(private readonly prefix: string, private readonly ttlMs: number, private readonly max = 50_000) {
    onChange((key) => {
      if (key === '*') this.entries.clear();
      else if (key.startsWith(`${prefix}:`)) this.entries.delete(key.slice(prefix.length + 1));
    });
  }

  get(id: string): V | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (e.until < Date.now()) { this.entries.delete(id); return undefined; }
    return e.value;
  }

  /**
   * The lifetime is jittered (between half and one and a half TTLs): entries cached together, as
   * when a whole shift signs in at once, must not all expire in the same second and send every
   * request of that second to the database.
   */
  set(id: string, value: V, ttlMs = this.ttlMs): void {
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(id, { value, until: Date.now() + ttlMs * (0.5 + Math.random()) });
  }
}
