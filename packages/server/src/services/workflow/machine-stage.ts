// The machine's stage: every Cadre process runs a worker that takes open `check` tasks (SKIP LOCKED,
// so processes share the work), runs the machine checks and moves each task on or back.
import { emptyPayload, readPayload, runChecks, type CheckContext, type CheckFailure, type Ontology } from '@cadre/core';
import { items, kyselyOn, withTransaction, workflow } from '@cadre/db';
import { checkContextForItem } from '../../checks/item-points.ts';
import type { MediaConfig } from '../../media/index.ts';
import type { ServiceDeps } from '../context.ts';
import { cachedProjectOn } from '../project-cache.ts';
import { advance, logTask, MACHINE, returnForRework, type Reason } from './moves.ts';
import { closeStaleBatches } from './qa-batches.ts';

export function failureReason(f: CheckFailure): Reason {
  return {
    code: `check_${f.check}`, label: 'Machine check', objectId: f.objectId, note: f.message, source: 'machine', check: f.check,
    ...(f.measured !== undefined ? { measured: f.measured } : {}), ...(f.limit !== undefined ? { limit: f.limit } : {}), ...(f.unit !== undefined ? { unit: f.unit } : {}),
  };
}

/** Checks one waiting task; returns false when none is waiting. */
async function checkOne(deps: ServiceDeps, media?: MediaConfig): Promise<boolean> {
  return withTransaction(deps.pool, async (client) => {
    const tx = kyselyOn(client);
    const [task] = await workflow.lockMachineTasks(tx, 'check', 1);
    if (!task) return false;
    const project = (await cachedProjectOn(client, task.project_id))!;
    const { settings } = project;
    const annotation = await workflow.currentAnnotation(tx, task.item_id);
    const item = (await items.findItem(tx, task.item_id))!;
    const work = { task, annotationId: annotation?.id ?? null, annotatorId: task.annotator_id };
    const ontology = project.ontology as Ontology;
    const payload = annotation ? readPayload(annotation.payload, { version: annotation.schema_version }) : emptyPayload();
    const { checks } = settings;
    let ctx: CheckContext = { ontology };
    try {
      ctx = await checkContextForItem(item, ontology, deps, { payload, settings: checks, ...(media ? { media } : {}) });
    } catch (e) {
      // The item's file could not be read (moved, not allowed): the checks that need it are skipped
      // and the log says so; the annotator cannot fix a missing file, so the work is not sent back for it.
      await logTask(tx, MACHINE, task, 'check_incomplete', { reason: e instanceof Error ? e.message : String(e) });
    }
    const failures = runChecks(payload, ctx, checks).filter((f) => f.severity === 'error');
    if (failures.length === 0) {
      await logTask(tx, MACHINE, task, 'checked', { annotationId: work.annotationId });
      await advance(tx, settings, work, 'check', MACHINE);
    } else {
      await logTask(tx, MACHINE, task, 'check_failed', { failures: failures.length });
      await returnForRework(tx, settings, work, 'check', failures.map(failureReason), MACHINE, { counts: false });
    }
    return true;
  });
}

/** Runs the check stage until no task waits (or `max` tasks are done); returns how many were checked. */
export async function runMachineStage(deps: ServiceDeps, o: { max?: number; media?: MediaConfig } = {}): Promise<number> {
  let n = 0;
  while (n < (o.max ?? 500) && (await checkOne(deps, o.media))) n++;
  return n;
}

/** Closes QA batches whose day is over. */
export async function closeOverdueBatches(deps: ServiceDeps): Promise<number> {
  return withTransaction(deps.pool, async (client) => closeStaleBatches(kyselyOn(client), async (id) => {
    const p = await cachedProjectOn(client, id);
    return p ? p.settings : null;
  }));
}

let kicked: (() => void) | null = null;

/** Asks this process's worker to look now (after a submit to the check stage) instead of at its next tick. */
export function kickMachineStage(): void {
  kicked?.();
}

/** Starts the worker: a tick every `everyMs`, and soon after a kick. Returns a stop function. */
export function startMachineWorker(deps: ServiceDeps, o: { everyMs?: number; media?: MediaConfig } = {}): () => void {
  let running = false;
  let stopped = false;
  let soon: NodeJS.Timeout | null = null;
  let failures = 0;
  let notBefore = 0;
  const run = async () => {
    if (running || stopped || Date.now() < notBefore) return;
    running = true;
    try {
      await runMachineStage(deps, o.media ? { media: o.media } : {});
      await closeOverdueBatches(deps);
      failures = 0;
    } catch {
      // A failed round (the database restarting, its connections cut) never ends the process; the
      // worker waits longer after each failure in a row (up to 10 s) so a database that is coming
      // back is not hammered, then goes on where it stopped.
      failures++;
      notBefore = Date.now() + Math.min(10_000, 500 * 2 ** failures);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), o.everyMs ?? 1000);
  timer.unref();
  kicked = () => {
    if (soon || stopped) return;
    soon = setTimeout(() => { soon = null; void run(); }, 50);
    soon.unref();
  };
  return () => { stopped = true; clearInterval(timer); if (soon) clearTimeout(soon); kicked = null; };
}
