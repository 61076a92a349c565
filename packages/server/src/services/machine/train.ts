// The train job, for a Label Studio ML backend: every item whose latest annotation is accepted is
// sent to its /webhook as Label Studio would send it (ANNOTATION_CREATED, the labels in the backend's
// class names, percent of the image), then START_TRAINING. The last item sent is kept with the job,
// so an attempt after a crash or an outage goes on after it (at most the one item in flight is sent
// twice). An item the backend refuses is listed with its error; a backend that cannot be reached
// fails the attempt, which the queue retries.
import { ModelError, sendTrainingEvent, trainingItem, type LsBackendSpec, type TrainingEventResult, type TrainingObject } from '@cadre/models';
import { machineJobs } from '@cadre/db';
import type { MediaConfig } from '../../media/index.ts';
import type { ServiceDeps } from '../context.ts';
import { acceptedItems, acceptedObjects } from './accepted.ts';
import { imageOf } from './prelabel.ts';

export interface TrainRun {
  jobId: string;
  projectId: string;
  spec: LsBackendSpec;
  classMap: Record<string, string | null>;
  media: MediaConfig;
  signal?: AbortSignal;
}

/** What START_TRAINING got back, kept with the job. */
export type TrainingAnswer = { ok: true; status: number; answer: unknown } | { ok: false; error: string };

const unreachable = (r: TrainingEventResult) => !r.ok && (r.code === 'unreachable' || r.code === 'cancelled');

/** Sends item by item after `cursor`; `item` after each (false: stop). Returns START_TRAINING's answer, or null when stopped. */
export async function trainItems(deps: ServiceDeps, run: TrainRun, cursor: string | null, item: () => Promise<boolean>): Promise<TrainingAnswer | null> {
  // The backend's class for each ontology class the map fills (the first model class sent there).
  const toModel = new Map<string, string>();
  for (const [modelClass, label] of Object.entries(run.classMap)) if (label && !toModel.has(label)) toModel.set(label, modelClass);
  const targets = new Set(toModel.keys());
  for await (const { accepted, item: row } of acceptedItems(deps, run.projectId, cursor)) {
    const objects: TrainingObject[] = acceptedObjects(accepted, targets).map((o) => ({ ...o, class: toModel.get(o.class)! }));
    let result: TrainingEventResult;
    try {
      const image = trainingItem(await imageOf(deps, row, run.media, false, run.signal));
      result = await sendTrainingEvent(run.spec, {
        action: 'ANNOTATION_CREATED', item: image,
        annotation: { id: accepted.annotation_id, objects, ...(accepted.author_id ? { completedBy: accepted.author_id } : {}) },
      }, run.signal);
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      result = { ok: false, error: e.message, code: e.code };
    }
    if (unreachable(result)) throw new Error(result.ok ? 'unreachable' : result.error);
    await machineJobs.recordItem(deps.db, run.jobId, {
      failed: !result.ok, unmapped: {}, cursor: row.id,
      ...(!result.ok ? { failure: { itemId: row.id, name: row.media_ref ?? row.asset ?? row.id, error: result.error.slice(0, 500) } } : {}),
    });
    if (!(await item())) return null;
  }
  const start = await sendTrainingEvent(run.spec, { action: 'START_TRAINING' }, run.signal);
  if (unreachable(start)) throw new Error(start.ok ? 'unreachable' : start.error);
  return start.ok ? { ok: true, status: start.status, answer: start.answer } : { ok: false, error: start.error };
}
