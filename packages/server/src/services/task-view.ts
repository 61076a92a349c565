import { DEFAULT_SETTINGS, readPayload, type AnnotationPayload, type CheckSettings, type ReasonCode } from '@cadre/core';
import { annotations, items, workflow, type TaskRow } from '@cadre/db';
import { notFound } from '../errors.ts';
import type { ServiceDeps } from './context.ts';
import { cachedProject } from './project-cache.ts';
import { predictionObjects } from '../predictions/to-objects.ts';
import type { Reason } from './workflow/moves.ts';

/** Everything a workspace needs to open a task in one response. */
export interface TaskView {
  task: { id: string; projectId: string; itemId: string; stage: string; status: string; priority: number; attempts: number; rejections: number; leaseExpiresAt: string | null };
  item: { id: string; kind: string; asset: string | null; text: string | null; frames: unknown; metadata: unknown };
  /** `objects`: the prediction as Cadre objects, ready to draw (empty when its format is not understood). */
  predictions: { id: string; modelVersion: string | null; score: number | null; payload: unknown; objects: unknown[] }[];
  draft: unknown | null;
  /** Set when `draft` is someone else's: their lease ran out and this person took the task over. */
  draftBy: { userId: string; name: string; savedAt: string } | null;
  latest: { id: string; version: number; state: string; payload: unknown } | null;
  /** The work under review or QA, or the rejected work being reworked. */
  /** Read through core's readPayload: the client gets the current schema version, whatever was stored. */
  base: { id: string; version: number; authorId: string | null; authorName: string | null; payload: AnnotationPayload } | null;
  /** Why the work came back (rework), else empty. */
  reasons: Reason[];
  rejectReasons: ReasonCode[];
  checks: CheckSettings;
}

export async function taskView(deps: ServiceDeps, task: TaskRow, userId: string): Promise<TaskView> {
  const [bundle, project, rejection] = await Promise.all([
    items.workspaceBundle(deps.pool, task.item_id, task.id, userId),
    cachedProject(deps.db, task.project_id),
    task.rejections > 0 || task.reserved_for !== null ? workflow.lastRejection(deps.db, task.id) : Promise.resolve(undefined),
  ]);
  if (!bundle) throw notFound('item');
  const { item } = bundle;
  const settings = project?.settings ?? DEFAULT_SETTINGS;
  // A gold task is a labelling task to the person doing it; its base and history stay hidden.
  const gold = task.stage === 'gold';
  const reworking = task.stage === 'annotate' && rejection !== undefined;
  // The draft travels with the task: whoever takes it over after a lease ran out starts from it.
  // Only a task leased before (attempts counts leases) can hold someone else's draft, so a fresh
  // task, the common claim, costs no lookup.
  const inherited = bundle.draft === null && task.stage === 'annotate' && task.attempts > 1 ? await annotations.latestDraftOfOthers(deps.db, task.id, userId) : undefined;
  const current = !gold && (task.stage === 'review' || task.stage === 'qa' || reworking) ? await workflow.currentAnnotation(deps.db, task.item_id) : undefined;
  return {
    task: {
      id: task.id, projectId: task.project_id, itemId: task.item_id, stage: gold ? 'annotate' : task.stage, status: task.status,
      priority: task.priority, attempts: task.attempts, rejections: gold ? 0 : task.rejections, leaseExpiresAt: task.lease_expires_at?.toISOString() ?? null,
    },
    item: { id: item.id, kind: item.kind, asset: item.asset, text: item.content, frames: item.frames, metadata: item.metadata },
    predictions: bundle.predictions.map((p) => ({ id: p.id, modelVersion: p.model_version, score: p.score, payload: p.payload, objects: predictionObjects(p.id, p.payload, item.content) })),
    draft: inherited ? inherited.payload : bundle.draft,
    draftBy: inherited ? { userId: inherited.user_id, name: inherited.user_name, savedAt: inherited.saved_at.toISOString() } : null,
    latest: gold ? null : bundle.latest,
    base: current ? { id: current.id, version: current.version, authorId: current.author_id, authorName: current.author_name, payload: readPayload(current.payload, { version: current.schema_version }) } : null,
    reasons: reworking ? (rejection!.reasons as Reason[]) : [],
    rejectReasons: settings.rejectReasons,
    checks: settings.checks,
  };
}
