// Managers make items gold (with an answer, or the item's accepted annotation) and list them with
// how they were done. Kept apart from gold.service.ts, which the dispenser and submissions use, so
// that validating an answer (a submission rule) does not tie those three into a circle.
import { readPayload, type AnnotationPayload } from '@cadre/core';
import { events, gold, items } from '@cadre/db';
import { invalid, notFound } from '../../errors.ts';
import { requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { cachedProject } from '../project-cache.ts';
import { validWork } from '../submission.service.ts';

/** Makes an item gold, with the given answer or its latest accepted annotation; its own task leaves the queue. */
export async function makeGold(deps: ServiceDeps, actor: Actor, projectId: string, input: { itemId: string; annotation?: unknown }) {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  const project = await cachedProject(deps.db, projectId);
  if (!project) throw notFound('project');
  const item = await items.findItem(deps.db, input.itemId);
  if (!item || item.project_id !== projectId) throw notFound('item');
  let payload: AnnotationPayload;
  if (input.annotation !== undefined) {
    payload = validWork(project, { text_length: item.content === null ? null : [...item.content].length, item_text: item.content, frame_count: Array.isArray(item.frames) ? item.frames.length : null }, input.annotation);
  } else {
    const accepted = await gold.latestAcceptedPayload(deps.db, item.id);
    if (accepted === undefined) throw invalid('the item has no accepted annotation to use as its answer; send `annotation`');
    payload = readPayload(accepted);
  }
  await deps.db.transaction().execute(async (tx) => {
    await gold.makeGoldItem(tx, { itemId: item.id, projectId, payload, createdBy: actor.userId });
    await events.appendEvent(tx, { actorId: actor.userId, actorKind: 'user', projectId, entity: 'item', entityId: item.id, action: 'made_gold', data: { objects: payload.objects.length } });
  });
  return { itemId: item.id, objects: payload.objects.length };
}

export async function listGold(deps: ServiceDeps, actor: Actor, projectId: string) {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  return gold.goldSummary(deps.db, projectId);
}
