// Everyone's stretches of work in a project over the last hours, for the admin view. A finished
// stretch never changes once written, so each process keeps those it has read and asks the
// database only for the rows written since the newest it holds (with a minute's overlap, for
// transactions that committed a little after they began); the tasks held now are read afresh each
// time. Read whole, the day of a thousand people was the heaviest query of every rebuild.
import { limits } from '@cadre/db';
import type { Db } from '@cadre/db';

/** Rows are read again from this long before the newest one kept: a later commit of an older row is still seen. */
const OVERLAP_MS = 60_000;
/** A project whose view nobody has rebuilt for this long is forgotten. */
const IDLE_MS = 10 * 60_000;

interface Kept { spans: Map<string, limits.FinishedSpan>; since: number; newest: number | null; usedAt: number }
const kept = new Map<string, Kept>();

/** Everyone's stretches of work since `since` (finished, and held now), in no particular order. */
export async function projectSpans(db: Db, projectId: string, since: Date): Promise<limits.WorkSpan[]> {
  const now = Date.now();
  for (const [k, v] of kept) if (now - v.usedAt > IDLE_MS) kept.delete(k);
  let c = kept.get(projectId);
  // A window reaching further back than what is kept is read whole.
  if (!c || since.getTime() < c.since) c = { spans: new Map(), since: since.getTime(), newest: null, usedAt: now };
  kept.set(projectId, c);
  c.usedAt = now;
  const from = c.newest === null ? since : new Date(Math.max(since.getTime(), c.newest - OVERLAP_MS));
  const [fresh, open] = await Promise.all([limits.finishedSpans(db, projectId, from), limits.heldSpans(db, projectId)]);
  for (const s of fresh) {
    c.spans.set(s.id, s);
    if (c.newest === null || s.to.getTime() > c.newest) c.newest = s.to.getTime();
  }
  c.since = since.getTime();
  // The kept spans themselves, not copies: a rebuild every few seconds over a day of a thousand
  // people's work allocated tens of thousands of objects a time, and the collector paused for them.
  const spans: limits.WorkSpan[] = open;
  for (const [id, s] of c.spans) {
    if (s.to.getTime() < c.since) c.spans.delete(id);
    else spans.push(s);
  }
  // In no particular order: the admin view groups them by person, and each person's are sorted there.
  return spans;
}
