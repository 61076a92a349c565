// Server-sent events: a snapshot on connect, and a new one whenever it differs. Work in the project,
// done in any Cadre process, is announced on the change bus (LISTEN/NOTIFY: `work:<project>`, and
// `project:<project>` for settings); a stream that hears it rebuilds its snapshot, at most once every
// two seconds however fast the work goes. The project's newest event id is also polled every ten
// seconds (one index lookup), in case a notice was lost, and half a minute without a rebuild
// rebuilds anyway (breaks and forecasts move with the clock). It reads the database, so it is right
// with any number of Cadre processes, whichever one did the work.
import { dashboard } from '@cadre/db';
import type { ServerResponse } from 'node:http';
import type { Db } from '@cadre/db';
import { onChange } from '../changes.ts';

export interface StreamOptions { pollMs?: number; refreshMs?: number; keepAliveMs?: number; minGapMs?: number }

const wakers = new Map<string, Set<() => void>>();

/** Streams sharing one build (a project view) write one JSON text of it, not one each. */
const texts = new WeakMap<object, string>();
function json(snapshot: unknown): string {
  if (typeof snapshot !== 'object' || snapshot === null) return JSON.stringify(snapshot);
  let text = texts.get(snapshot);
  if (text === undefined) texts.set(snapshot, (text = JSON.stringify(snapshot)));
  return text;
}
onChange((key) => {
  const project = key.startsWith('work:') ? `project:${key.slice(5)}` : key;
  const list = project === '*' ? [...wakers.values()].flatMap((s) => [...s]) : [...(wakers.get(project) ?? [])];
  for (const wake of list) wake();
});

/**
 * Writes snapshots of `load()` to `res` as `data:` lines until the client goes or the returned
 * function is called.
 * `first` is the snapshot already loaded by the caller before the headers went out (so access
 * errors still became normal error responses).
 */
export async function openStream(db: Db, projectId: string, res: ServerResponse, load: () => Promise<unknown>, first: unknown, o: StreamOptions = {}): Promise<() => void> {
  const pollMs = o.pollMs ?? 10_000;
  const minGapMs = o.minGapMs ?? 2000;
  const refreshMs = o.refreshMs ?? 30_000;
  let last = json(first);
  // Unknown until the first poll: a change made while the first snapshot loaded is not missed.
  let version = '';
  let loadedAt = Date.now();
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.write(`retry: 3000\ndata: ${last}\n\n`);

  let closed = false;
  let busy = false;
  const tick = async (force: boolean) => {
    if (closed || busy) return;
    busy = true;
    try {
      const v = await dashboard.lastEventId(db, projectId);
      if (!force && v === version && Date.now() - loadedAt < refreshMs) return;
      version = v;
      loadedAt = Date.now();
      const next = json(await load());
      if (next !== last && !closed) { last = next; res.write(`data: ${next}\n\n`); }
    } catch {
      // A failed poll (a restarting database) is tried again at the next tick.
    } finally { busy = false; }
  };
  const timer = setInterval(() => void tick(false), pollMs);
  const ping = setInterval(() => { if (!closed) res.write(': keep-alive\n\n'); }, o.keepAliveMs ?? 20_000);
  const key = `project:${projectId}`;
  // Notices coalesce: the first one rebuilds at once (or when the gap since the last rebuild is up), the rest ride along.
  let wakeTimer: NodeJS.Timeout | null = null;
  const wake = () => {
    if (wakeTimer || closed) return;
    wakeTimer = setTimeout(() => { wakeTimer = null; void tick(true); }, Math.max(0, loadedAt + minGapMs - Date.now()));
  };
  const set = wakers.get(key) ?? new Set();
  set.add(wake);
  wakers.set(key, set);
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    clearInterval(ping);
    if (wakeTimer) clearTimeout(wakeTimer);
    set.delete(wake);
    if (set.size === 0) wakers.delete(key);
    res.end();
  };
  res.on('close', close);
  return close;
}
