// One attempt of a machine job, as the queue runs it: checks what it needs, counts what is left,
// opens the model, works item by item until none is left or a cancel is asked for (checked between
// items), and records how it ended. An attempt that fails (the model unreachable, the database away)
// is thrown to the queue, which tries again with backoff; after the last attempt the job ends failed.
import { uuidv7, type Ontology } from '@cadre/core';
import { gold, items, machineJobs, models, type MachineJobRow, type ModelRow } from '@cadre/db';
import { ModelError, openDetector, type Detector, type LsBackendSpec, type ModelSpec } from '@cadre/models';
import { announce } from '../changes.ts';
import type { MediaConfig } from '../../media/index.ts';
import type { ServiceDeps } from '../context.ts';
import { cachedProject, type CachedProject } from '../project-cache.ts';
import { classMapOf, specOf } from './models.service.ts';
import { evaluateItems } from './evaluate.ts';
import { trainItems } from './train.ts';
import { classOf, learnRound } from './text-learning.ts';
import { labelText, openLlm } from './llm.ts';
import { prelabelNext, prelabelOneItem, prelabelOpenNext, type PrelabelRun } from './prelabel.ts';

export interface JobProgress { job: MachineJobRow; event: 'started' | 'item' | 'ended' }

export interface AttemptContext {
  media: MediaConfig;
  signal?: AbortSignal;
  /** This attempt's number (1 first) and how many the queue makes. */
  attempt: number;
  maxAttempts: number;
  onProgress?: (p: JobProgress) => void;
}

/** A job that cannot run at all (its model or project gone): it ends failed, with no retry. */
class Unrunnable extends Error {}

export async function runMachineJob(deps: ServiceDeps, jobId: string, ctx: AttemptContext): Promise<void> {
  const job = await machineJobs.findJob(deps.db, jobId);
  if (!job || job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') return;
  const report = async (event: JobProgress['event']) => {
    if (!ctx.onProgress) return;
    const now = await machineJobs.findJob(deps.db, jobId);
    if (now) ctx.onProgress({ job: now, event });
  };
  if (job.cancel_requested) {
    await machineJobs.finishJob(deps.db, jobId, 'cancelled');
    await report('ended');
    return;
  }
  try {
    await attempt(deps, job, ctx, report);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof Unrunnable || ctx.attempt >= ctx.maxAttempts) {
      await machineJobs.finishJob(deps.db, jobId, 'failed', e instanceof Unrunnable ? message : `${message} (after ${ctx.attempt} attempts)`);
      await report('ended');
      if (e instanceof Unrunnable) return;
    } else {
      await machineJobs.requeueJob(deps.db, jobId, `attempt ${ctx.attempt} of ${ctx.maxAttempts} failed, retrying: ${message}`);
    }
    throw e;
  }
}

/** A model that cannot be opened (a file gone, a server down) may be back later: the queue retries. */
async function openModel(spec: ModelSpec): Promise<Detector | null> {
  if (spec.type === 'lidar' || spec.type === 'llm') return null; // the server runs these itself
  try {
    return await openDetector(spec);
  } catch (e) {
    throw new Error(`the model could not be opened: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Stops between items: a cancel asked for ends the job cancelled; a stopping worker fails the attempt (the queue runs it again). */
async function goOn(deps: ServiceDeps, jobId: string, ctx: AttemptContext, report: (e: JobProgress['event']) => Promise<void>): Promise<boolean> {
  if (await machineJobs.cancelRequested(deps.db, jobId)) {
    await machineJobs.finishJob(deps.db, jobId, 'cancelled');
    await report('ended');
    return false;
  }
  if (ctx.signal?.aborted) throw new Error('the worker is stopping');
  return true;
}

/** What runs after each item: progress, then whether to go on. */
const afterItem = (deps: ServiceDeps, jobId: string, ctx: AttemptContext, report: (e: JobProgress['event']) => Promise<void>) => async (): Promise<boolean> => {
  await report('item');
  return goOn(deps, jobId, ctx, report);
};

/** The job ends done, its figures kept with it. */
async function done(deps: ServiceDeps, jobId: string, report: (e: JobProgress['event']) => Promise<void>, key: 'evaluation' | 'training' | 'learning' | 'qualification', value: unknown): Promise<void> {
  await machineJobs.storeResult(deps.db, jobId, key, value);
  await machineJobs.finishJob(deps.db, jobId, 'done');
  await report('ended');
}

/** An evaluation: every attempt starts over (it stores nothing per item), ends with the figures kept. */
async function evaluateAttempt(deps: ServiceDeps, job: MachineJobRow, ctx: AttemptContext, report: (e: JobProgress['event']) => Promise<void>, model: ModelRow, attached: models.ProjectModelRow): Promise<void> {
  await machineJobs.startAttempt(deps.db, job.id, await machineJobs.countAccepted(deps.db, job.project_id), true);
  await report('started');
  // Low-scoring proposals too: average precision wants the whole curve.
  const spec = specOf(model);
  if (spec.type === 'lidar') throw new Unrunnable('the LiDAR auto-labeller is not evaluated by an evaluate job (its outcomes are in the model report)');
  const detector = (await openModel({ ...spec, minScore: Math.min(spec.minScore ?? 0.05, 0.05) }))!;
  let figures;
  try {
    figures = await evaluateItems(deps, {
      jobId: job.id, projectId: job.project_id, model, classMap: classMapOf(attached), minScore: attached.min_score, detector, media: ctx.media,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    }, afterItem(deps, job.id, ctx, report));
  } finally {
    await detector.close().catch(() => undefined);
  }
  if (figures) await done(deps, job.id, report, 'evaluation', figures);
}

/** A training run: each accepted item sent once (an attempt after a crash goes on after the last one sent), then START_TRAINING. */
async function trainAttempt(deps: ServiceDeps, job: MachineJobRow, ctx: AttemptContext, report: (e: JobProgress['event']) => Promise<void>, model: ModelRow, attached: models.ProjectModelRow): Promise<void> {
  const cursor = ((job as MachineJobRow & { result?: { cursor?: string } }).result?.cursor) ?? null;
  const left = await machineJobs.countAccepted(deps.db, job.project_id, cursor);
  await machineJobs.startAttempt(deps.db, job.id, job.done + job.failed + left);
  await report('started');
  const answer = await trainItems(deps, {
    jobId: job.id, projectId: job.project_id, spec: specOf(model) as LsBackendSpec, classMap: classMapOf(attached), media: ctx.media,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  }, cursor, afterItem(deps, job.id, ctx, report));
  if (answer !== null) await done(deps, job.id, report, 'training', answer);
}

/**
 * An LLM's qualification: it labels every gold item, each answer is scored against the gold answer
 * (as a newcomer's would be, under its worker user, so the quality page lists it), and it qualifies
 * when its accuracy reaches the project's qualificationAccuracy. An attempt starts over.
 */
async function goldAttempt(deps: ServiceDeps, job: MachineJobRow, ctx: AttemptContext, report: (e: JobProgress['event']) => Promise<void>, model: ModelRow, project: CachedProject): Promise<void> {
  const spec = specOf(model);
  if (spec.type !== 'llm') throw new Unrunnable('only an LLM qualifies on gold items');
  const goldItems = await gold.goldItemsOf(deps.db, job.project_id);
  await machineJobs.startAttempt(deps.db, job.id, goldItems.length, true);
  await gold.clearResults(deps.db, job.project_id, model.worker_id);
  await report('started');
  let llm;
  try {
    llm = await openLlm(deps, job.project_id, project.ontology as Ontology, { ...spec, examples: 0 });
  } catch (e) {
    throw new Unrunnable(e instanceof Error ? e.message : String(e));
  }
  let correct = 0;
  let answered = 0;
  for (const g of goldItems) {
    if (!(await goOn(deps, job.id, ctx, report))) return;
    const item = await items.findItem(deps.db, g.item_id);
    if (!item) continue;
    const outcome = await labelText(llm, item, ctx.signal);
    const answer = classOf(g.payload);
    const given = outcome.ok ? classOf({ objects: outcome.objects }) : null;
    const score = given !== null && given === answer ? 1 : 0;
    correct += score;
    await gold.recordMachineResult(deps.db, {
      id: uuidv7(), projectId: job.project_id, itemId: g.item_id, userId: model.worker_id, score,
      payload: { schemaVersion: 1, objects: outcome.ok ? outcome.objects : [] }, details: { answer, given, ...(outcome.ok ? {} : { error: outcome.error }) },
    });
    await machineJobs.setDone(deps.db, job.id, ++answered);
    await report('item');
  }
  const accuracy = goldItems.length > 0 ? correct / goldItems.length : 0;
  const required = project.settings.qualificationAccuracy;
  const status = accuracy >= required ? 'qualified' : 'failed';
  await gold.recordQualification(deps.db, { projectId: job.project_id, userId: model.worker_id, status, accuracy });
  await done(deps, job.id, report, 'qualification', { items: goldItems.length, correct, accuracy, required, status });
}

/** A learning round of a text project: every attempt starts over (the round is stored at its end, once). */
async function learnAttempt(deps: ServiceDeps, job: MachineJobRow, ctx: AttemptContext, report: (e: JobProgress['event']) => Promise<void>, model: ModelRow, project: CachedProject): Promise<void> {
  await report('started');
  let stopped = false;
  const round = await learnRound(deps, {
    job, model, ontology: project.ontology as Ontology, settings: project.settings,
    progress: async (done) => {
      await machineJobs.setDone(deps.db, job.id, done);
      await announce(deps.db, `machine_job:${job.id}`);
      await report('item');
      if (await goOn(deps, job.id, ctx, report)) return true;
      stopped = true;
      return false;
    },
  });
  if (stopped || round === null) return;
  await done(deps, job.id, report, 'learning', round);
}

async function attempt(deps: ServiceDeps, job: MachineJobRow, ctx: AttemptContext, report: (e: JobProgress['event']) => Promise<void>): Promise<void> {
  const model = job.model_id ? await models.findModel(deps.db, job.model_id) : undefined;
  if (!model) throw new Unrunnable('its model was removed');
  const attached = await models.findProjectModel(deps.db, job.project_id, model.id);
  if (!attached) throw new Unrunnable(`the model is no longer used by the project (attach it again and start a new job)`);
  const project = await cachedProject(deps.db, job.project_id);
  if (!project) throw new Unrunnable('its project was removed');
  if (job.kind === 'learn') return learnAttempt(deps, job, ctx, report, model, project);
  if (job.kind === 'evaluate') return evaluateAttempt(deps, job, ctx, report, model, attached);
  if (job.kind === 'train') {
    if (specOf(model).type !== 'ls-backend') throw new Unrunnable('only a Label Studio ML backend takes training events');
    return trainAttempt(deps, job, ctx, report, model, attached);
  }
  const options = job.options as { scope?: 'prelabel' | 'open' | 'item' | 'gold'; importId?: string | null; itemId?: string };
  const scope = options.scope ?? 'prelabel';
  const importId = options.importId ?? null;
  if (scope === 'item') return itemAttempt(deps, job, ctx, report, model, attached, project, options.itemId!);
  if (scope === 'gold') return goldAttempt(deps, job, ctx, report, model, project);
  // Only one attempt of a job runs at a time: the tasks its model holds at the prelabel stage are
  // an earlier, dead attempt's, taken again now instead of after their leases run out.
  if (scope === 'prelabel') await machineJobs.releaseLeases(deps.db, job.project_id, model.worker_id, 'prelabel');
  const left = scope === 'prelabel'
    ? await machineJobs.countAtStage(deps.db, job.project_id, 'prelabel')
    : await machineJobs.countOpenWithout(deps.db, job.project_id, model.id, importId);
  await machineJobs.startAttempt(deps.db, job.id, job.done + job.failed + left);
  await report('started');
  const detector = await openModel(specOf(model));
  const run = prelabelRun(job, model, attached, project, detector, ctx);
  const spec = specOf(model);
  if (spec.type === 'llm') {
    try {
      run.llm = await openLlm(deps, job.project_id, project.ontology as Ontology, spec);
    } catch (e) {
      throw new Unrunnable(e instanceof Error ? e.message : String(e));
    }
  }
  const skip: string[] = [];
  try {
    for (;;) {
      if (!(await goOn(deps, job.id, ctx, report))) return;
      const more = scope === 'prelabel' ? await prelabelNext(deps, run) : await prelabelOpenNext(deps, run, importId, skip);
      if (!more) break;
      await report('item');
    }
  } finally {
    await detector?.close().catch(() => undefined);
  }
  await machineJobs.finishJob(deps.db, job.id, 'done');
  await report('ended');
}

function prelabelRun(job: MachineJobRow, model: ModelRow, attached: models.ProjectModelRow, project: CachedProject, detector: Detector | null, ctx: AttemptContext): PrelabelRun {
  const ontology = project.ontology as Ontology;
  return {
    jobId: job.id, projectId: job.project_id, model, classMap: classMapOf(attached),
    kinds: Object.fromEntries(ontology.classes.map((c) => [c.name, c.kind])), minScore: attached.min_score, ontology,
    settings: project.settings, detector, media: ctx.media, ...(ctx.signal ? { signal: ctx.signal } : {}),
  };
}

/**
 * One item from its workspace: progress counts its frames (a sequence's tracks need them all, so the
 * prediction is stored once, at the end); an attempt after a crash starts the item over.
 */
async function itemAttempt(deps: ServiceDeps, job: MachineJobRow, ctx: AttemptContext, report: (e: JobProgress['event']) => Promise<void>, model: ModelRow, attached: models.ProjectModelRow, project: CachedProject, itemId: string): Promise<void> {
  const item = await items.findItem(deps.db, itemId);
  if (!item) throw new Unrunnable('its item was removed');
  const frames = Array.isArray(item.frames) && item.frames.length > 0 ? item.frames.length : 1;
  await machineJobs.startAttempt(deps.db, job.id, frames, true);
  await report('started');
  const detector = await openModel(specOf(model));
  const run = prelabelRun(job, model, attached, project, detector, ctx);
  run.onFrame = async (done, total) => {
    if (done >= total) return; // the last step is the stored prediction
    await machineJobs.setDone(deps.db, job.id, done);
    await announce(deps.db, `machine_job:${job.id}`);
    await report('item');
    if (!(await goOn(deps, job.id, ctx, report))) throw new ModelError('cancelled', 'cancelled');
  };
  try {
    await prelabelOneItem(deps, run, itemId);
  } catch (e) {
    if (e instanceof ModelError && e.code === 'cancelled' && !ctx.signal?.aborted) return; // ended cancelled by goOn
    throw e;
  } finally {
    await detector?.close().catch(() => undefined);
  }
  await machineJobs.finishJob(deps.db, job.id, 'done');
  await report('ended');
}
