// The prelabel job: the model's worker takes items one at a time and stores what the model proposes.
// Two scopes: `prelabel` leases tasks of the project's prelabel stage through the one lease (as the
// model's worker user, short leases so a dead worker's tasks come back) and sends each on to people;
// `open` pre-labels open tasks already at annotate whose item has no prediction of this model,
// lease-free (SKIP LOCKED, so people and other workers pass the row by). Either way the prediction,
// the task's move and the job's progress are one transaction, and a prediction of the same model for
// the same item is never stored twice (UNIQUE (item_id, model_id), ON CONFLICT DO NOTHING).
import { px, uuidv7, type LabeledObject, type ImagePx, type Ontology, type ProjectSettings } from '@cadre/core';
import { items, kyselyOn, machineJobs, withTransaction, type Db, type ItemRow, type ModelRow, type TaskRow } from '@cadre/db';
import { ModelError, openCloudModel, type CloudModelSpec, type Detection, type Detector, type ImageInput, type ModelSpec, type Proposal } from '@cadre/models';
import { locateItemAsset, type MediaConfig } from '../../media/index.ts';
import { assetBytes } from './asset-bytes.ts';
import { announce } from '../changes.ts';
import type { ServiceDeps } from '../context.ts';
import { leaseFor } from '../lease.service.ts';
import { advance, type Actor } from '../workflow/moves.ts';
import { PREDICTION_SCHEMA_VERSION } from '../import-labels.ts';
import { labelCloudItem, lidarMinScore } from './lidar.ts';
import { labelText } from './llm.ts';
import type { LlmAnnotator } from '@cadre/models';
import { modelLabel, specOf } from './models.service.ts';

/** A machine lease is short: a worker that dies gives its task back within this many seconds. */
export const MACHINE_LEASE_SECONDS = 120;

export interface PrelabelRun {
  jobId: string;
  projectId: string;
  model: ModelRow;
  classMap: Record<string, string | null>;
  /** The ontology's kind of each class the map targets (bbox2d or polygon). */
  kinds: Record<string, string>;
  minScore: number | null;
  settings: ProjectSettings;
  /** The image detector; null for the LiDAR auto-labeller and an LLM, which the server runs itself. */
  detector: Detector | null;
  /** An LLM model's annotator (its classes the project's text classes). */
  llm?: LlmAnnotator | null;
  ontology: Ontology;
  media: MediaConfig;
  signal?: AbortSignal;
  /** After each frame of a point-cloud item (an item job's progress). */
  onFrame?: (done: number, total: number) => Promise<void>;
}

/** What the model made of one item: objects for the project, or why it failed. */
type Outcome =
  | { ok: true; objects: LabeledObject[]; unmapped: Record<string, number>; detection: Detection }
  | { ok: false; error: string; unmapped: Record<string, number> };

const jobKey = (jobId: string) => `machine_job:${jobId}`;

/** The image a detector is given: local files as bytes, URLs as URLs (fetched for local models). */
export async function imageOf(deps: ServiceDeps, item: ItemRow, media: MediaConfig, local: boolean, signal?: AbortSignal): Promise<ImageInput> {
  if (item.kind !== 'image') throw new ModelError(`item ${item.id} is a ${item.kind} item; prelabel jobs detect objects in images`, 'bad_image');
  const name = item.media_ref ?? item.asset ?? item.id;
  const asset = await locateItemAsset(deps, item, media).catch((e: unknown) => {
    throw new ModelError(`${name}: ${e instanceof Error ? e.message : String(e)}`, 'bad_image');
  });
  const size = { ...(item.width ? { width: item.width } : {}), ...(item.height ? { height: item.height } : {}) };
  if (asset.kind === 'url' && !local) return { name, url: asset.url, ...size };
  return { name, ...(asset.kind === 'url' ? { url: asset.url } : {}), bytes: await assetBytes(asset, name, signal), ...size };
}


/** Runs the model on the item and maps its classes; a model that cannot be reached is thrown (the job retries). */
async function detectItem(deps: ServiceDeps, run: PrelabelRun, item: ItemRow): Promise<Outcome> {
  const spec = specOf(run.model);
  if (spec.type === 'lidar') return labelCloud(deps, run, item, spec);
  if (spec.type === 'llm') {
    if (!run.llm) throw new ModelError(`model ${modelLabel(run.model)} was not opened`, 'bad_model');
    return labelText(run.llm, item, run.signal);
  }
  const unmapped: Record<string, number> = {};
  let detection: Detection;
  try {
    const local = ['default', 'onnx'].includes(spec.type);
    if (!run.detector) throw new ModelError(`model ${modelLabel(run.model)} has no image detector`, 'bad_model');
    detection = await run.detector.detect(await imageOf(deps, item, run.media, local, run.signal), run.signal);
  } catch (e) {
    if (e instanceof ModelError && (e.code === 'unreachable' || e.code === 'cancelled')) throw e;
    if (run.signal?.aborted) throw e;
    return { ok: false, error: e instanceof Error ? e.message : String(e), unmapped };
  }
  const objects: LabeledObject[] = [];
  for (const p of detection.proposals) {
    if (run.minScore !== null && p.score < run.minScore) continue;
    const label = run.classMap[p.class];
    if (!label) { unmapped[p.class] = (unmapped[p.class] ?? 0) + 1; continue; }
    objects.push(objectOf(p, label, run.kinds[label], `m${objects.length}`));
  }
  return { ok: true, objects, unmapped, detection };
}

/** The LiDAR auto-labeller on a point-cloud item: cuboids on every frame, tracks across a sequence. */
async function labelCloud(deps: ServiceDeps, run: PrelabelRun, item: ItemRow, spec: Extract<ModelSpec, { type: 'lidar' }>): Promise<Outcome> {
  try {
    const r = await labelCloudItem(deps, item, {
      projectId: run.projectId, ontology: run.ontology, classMap: run.classMap, minScore: lidarMinScore(run.minScore, spec.minScore),
      minPoints: run.settings.checks.minCuboidPoints, media: run.media, ...(spec.maxRange ? { maxRange: spec.maxRange } : {}), ...(run.signal ? { signal: run.signal } : {}), ...(run.onFrame ? { onFrame: run.onFrame } : {}),
      ...(spec.url ? { remote: openCloudModel(spec as CloudModelSpec) } : {}),
    });
    return { ok: true, objects: r.objects, unmapped: r.unmapped, detection: { proposals: [], machineMs: r.machineMs, ...(r.costMinor !== undefined ? { costMinor: r.costMinor } : {}) } };
  } catch (e) {
    if (e instanceof ModelError && (e.code === 'unreachable' || e.code === 'cancelled')) throw e;
    if (run.signal?.aborted) throw e;
    return { ok: false, error: e instanceof Error ? e.message : String(e), unmapped: {} };
  }
}

/** A proposal as the project's object: a box, or for a polygon class its outline (the box's corners when the model gives none). */
function objectOf(p: Proposal, label: string, kind: string | undefined, id: string): LabeledObject {
  if (kind === 'polygon') {
    const outline = p.polygon && p.polygon.length >= 6 ? p.polygon : [p.x, p.y, p.x + p.w, p.y, p.x + p.w, p.y + p.h, p.x, p.y + p.h];
    const points: [ImagePx, ImagePx][] = [];
    for (let i = 0; i + 1 < outline.length; i += 2) points.push([px(outline[i]!), px(outline[i + 1]!)]);
    return { id, label, kind: 'polygon', attributes: {}, score: p.score, geometry: { points } };
  }
  return { id, label, kind: 'bbox2d', attributes: {}, score: p.score, geometry: { x: px(p.x), y: px(p.y), width: px(p.w), height: px(p.h) } };
}

/** The model's cost of one call: what a remote model charged, else machine time at the model's hour rate. */
const costOf = (model: ModelRow, d: Detection) => d.costMinor ?? Math.round((d.machineMs * model.hour_rate_minor) / 3_600_000);

async function store(tx: Db, run: PrelabelRun, itemId: string, item: ItemRow, outcome: Outcome): Promise<void> {
  if (outcome.ok) {
    await machineJobs.insertModelPrediction(tx, {
      id: uuidv7(), projectId: run.projectId, itemId, modelId: run.model.id, jobId: run.jobId, modelVersion: modelLabel(run.model),
      score: null, schemaVersion: PREDICTION_SCHEMA_VERSION, payload: { schemaVersion: PREDICTION_SCHEMA_VERSION, format: 'cadre', objects: outcome.objects },
      machineMs: Math.round(outcome.detection.machineMs), costMinor: costOf(run.model, outcome.detection),
    });
  }
  await machineJobs.recordItem(tx, run.jobId, {
    failed: !outcome.ok, unmapped: outcome.unmapped,
    ...(outcome.ok ? {} : { failure: { itemId: item.id, name: item.media_ref ?? item.asset ?? item.id, error: outcome.error.slice(0, 500) } }),
  });
  await announce(tx, jobKey(run.jobId));
}

/**
 * Leases the next task of the prelabel stage, runs the model and, if the lease is still this one,
 * stores the prediction and sends the task on; false when no task is left. An item the model fails
 * on goes on to people without proposals, counted failed with its error.
 */
export async function prelabelNext(deps: ServiceDeps, run: PrelabelRun): Promise<boolean> {
  const worker = { userId: run.model.worker_id, isAdmin: false };
  const settings = { ...run.settings, leaseSeconds: MACHINE_LEASE_SECONDS, overlap: 1 };
  const task = await leaseFor(deps, worker, run.projectId, settings, { kind: 'queue', stage: 'prelabel', workerKind: 'machine' });
  if (!task) return false;
  const item = (await items.findItem(deps.db, task.item_id))!;
  const outcome = await detectItem(deps, run, item);
  const actor: Actor = { id: run.model.worker_id, kind: 'machine' };
  await withTransaction(deps.pool, async (client) => {
    const tx = kyselyOn(client);
    const mine = await machineJobs.lockOwnLease(tx, task.id, run.model.worker_id, task.attempts);
    if (!mine) return; // the lease ran out and another attempt took the task: its result counts, not this one
    await store(tx, run, mine.item_id, item, outcome);
    await advance(tx, run.settings, { task: mine, annotationId: null, annotatorId: null }, 'prelabel', actor);
  });
  return true;
}

/**
 * Pre-labels the next open task at annotate whose item has no prediction of this model (of one
 * import when given), holding its row locked meanwhile; false when none is left. `skip`: items this
 * run failed on, not tried again.
 */
export async function prelabelOpenNext(deps: ServiceDeps, run: PrelabelRun, importId: string | null, skip: string[]): Promise<boolean> {
  return withTransaction(deps.pool, async (client) => {
    const tx = kyselyOn(client);
    const task = await machineJobs.lockOpenWithout(tx, run.projectId, run.model.id, importId, skip);
    if (!task) return false;
    const item = (await items.findItem(tx, task.item_id))!;
    const outcome = await detectItem(deps, run, item);
    if (!outcome.ok) skip.push(item.id);
    await store(tx, run, task.item_id, item, outcome);
    return true;
  });
}

/**
 * Labels one item asked for from its workspace: the task stays where it is (a person holds it); the
 * prediction and the job's last step are one transaction. False when the item has the model's
 * prediction already (an earlier attempt stored it).
 */
export async function prelabelOneItem(deps: ServiceDeps, run: PrelabelRun, itemId: string): Promise<boolean> {
  const item = await items.findItem(deps.db, itemId);
  if (!item) throw new ModelError(`item ${itemId} was removed`, 'bad_image');
  const outcome = await detectItem(deps, run, item);
  return withTransaction(deps.pool, async (client) => {
    const tx = kyselyOn(client);
    if (await machineJobs.hasModelPrediction(tx, itemId, run.model.id)) return false;
    await store(tx, run, item.id, item, outcome);
    return true;
  });
}
