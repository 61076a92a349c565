// The evaluate job: the model runs over every item whose latest annotation is accepted, and its
// proposals (mapped onto the project's classes) are matched against those labels, COCO-style: AP at
// IoU 0.5 per class and its mean, and precision and recall at the project's least score. Only the
// classes the class map sends the model's classes to are counted (a model is not blamed for classes
// it was never asked for). Nothing is stored but the figures and the job's counts, so an attempt
// after a crash simply starts over.
import { machineJobs, type ModelRow } from '@cadre/db';
import { evaluate, ModelError, POSTPROCESS_DEFAULTS, type Detector, type EvalImage } from '@cadre/models';
import type { MediaConfig } from '../../media/index.ts';
import type { ServiceDeps } from '../context.ts';
import { acceptedItems, acceptedObjects } from './accepted.ts';
import { specOf } from './models.service.ts';
import { imageOf } from './prelabel.ts';

export interface EvaluateRun {
  jobId: string;
  projectId: string;
  model: ModelRow;
  classMap: Record<string, string | null>;
  minScore: number | null;
  detector: Detector;
  media: MediaConfig;
  signal?: AbortSignal;
}

/** The operating point precision and recall are read at: the project's least score, else the model's, else the default. */
export const operatingScore = (run: Pick<EvaluateRun, 'minScore' | 'model'>) => run.minScore ?? specOf(run.model).minScore ?? POSTPROCESS_DEFAULTS.minScore;

/**
 * Evaluates item by item; `item` is called after each (progress, cancel checks: it answers false
 * to stop). Returns the figures, or null when stopped.
 */
export async function evaluateItems(deps: ServiceDeps, run: EvaluateRun, item: () => Promise<boolean>): Promise<ReturnType<typeof evaluate> | null> {
  const targets = new Set(Object.values(run.classMap).filter((c): c is string => !!c));
  const local = ['default', 'onnx'].includes(specOf(run.model).type);
  const images: EvalImage[] = [];
  for await (const { accepted, item: row } of acceptedItems(deps, run.projectId, null)) {
    const truth = acceptedObjects(accepted, targets).map(({ polygon: _, ...box }) => box);
    const unmapped: Record<string, number> = {};
    let failure: string | null = null;
    try {
      const d = await run.detector.detect(await imageOf(deps, row, run.media, local, run.signal), run.signal);
      const proposals = [];
      for (const p of d.proposals) {
        const label = run.classMap[p.class];
        if (label) proposals.push({ class: label, x: p.x, y: p.y, w: p.w, h: p.h, score: p.score });
        else unmapped[p.class] = (unmapped[p.class] ?? 0) + 1;
      }
      images.push({ truth, proposals });
    } catch (e) {
      if (e instanceof ModelError && (e.code === 'unreachable' || e.code === 'cancelled')) throw e;
      if (run.signal?.aborted) throw e;
      failure = e instanceof Error ? e.message : String(e);
    }
    await machineJobs.recordItem(deps.db, run.jobId, {
      failed: failure !== null, unmapped,
      ...(failure !== null ? { failure: { itemId: row.id, name: row.media_ref ?? row.asset ?? row.id, error: failure.slice(0, 500) } } : {}),
    });
    if (!(await item())) return null;
  }
  return evaluate(images, { iou: 0.5, minScore: operatingScore(run) });
}
