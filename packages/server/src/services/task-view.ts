import { items, type TaskRow } from '@cadre/db';
import { notFound } from '../errors.ts';
import type { ServiceDeps } from './context.ts';
import { resultsToObjects } from '../predictions/to-objects.ts';

function predictionObjects(id: string, payload: unknown, text: string | null): unknown[] {
  const p = payload as { format?: string; result?: unknown } | null;
  return p?.format === 'labelstudio' && Array.isArray(p.result) ? resultsToObjects(p.result, id, undefined, text) : [];
}

/** Everything a workspace needs to open a task in one response. */
export interface TaskView {
  task: { id: string; projectId: string; itemId: string; stage: string; status: string; priority: number; attempts: number; leaseExpiresAt: string | null };
  item: { id: string; kind: string; asset: string | null; text: string | null; frames: unknown; metadata: unknown };
  /** `objects`: the prediction as Cadre objects, ready to draw (empty when its format is not understood). */
  predictions: { id: string; modelVersion: string | null; score: number | null; payload: unknown; objects: unknown[] }[];
  draft: unknown | null;
  latest: { id: string; version: number; state: string; payload: unknown } | null;
}

export async function taskView(deps: ServiceDeps, task: TaskRow, userId: string): Promise<TaskView> {
  const bundle = await items.workspaceBundle(deps.pool, task.item_id, task.id, userId);
  if (!bundle) throw notFound('item');
  const { item } = bundle;
  return {
    task: {
      id: task.id, projectId: task.project_id, itemId: task.item_id, stage: task.stage, status: task.status,
      priority: task.priority, attempts: task.attempts, leaseExpiresAt: task.lease_expires_at?.toISOString() ?? null,
    },
    item: { id: item.id, kind: item.kind, asset: item.asset, text: item.content, frames: item.frames, metadata: item.metadata },
    predictions: bundle.predictions.map((p) => ({ id: p.id, modelVersion: p.model_version, score: p.score, payload: p.payload, objects: predictionObjects(p.id, p.payload, item.content) })),
    draft: bundle.draft,
    latest: bundle.latest,
  };
}
