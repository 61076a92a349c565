// Per-object outcomes of the machines' proposals, written when an item's work is accepted, in the
// acceptance's transaction (workflow/outcomes.ts `accept`). The rule is core's (classifyOutcomes);
// this reads the item's predictions and its accepted annotation and stores what the rule says.
import { classifyOutcomes, readPayload, type LabeledObject, type ProposalSet } from '@cadre/core';
import { annotations, items, outcomes, type Db, type TaskRow } from '@cadre/db';
import { predictionObjects } from '../../predictions/to-objects.ts';

/** Returns the outcome rows written (0 on a retried acceptance, or an item nobody pre-labelled). */
export async function recordOutcomes(tx: Db, work: { task: TaskRow; annotationId: string | null }): Promise<number> {
  const { task, annotationId } = work;
  if (!annotationId) return 0;
  const predictions = await outcomes.predictionsWithModel(tx, task.item_id);
  if (predictions.length === 0) return 0;
  const annotation = await annotations.findAnnotation(tx, annotationId);
  if (!annotation) return 0;
  const objects: readonly LabeledObject[] = readPayload(annotation.payload, { version: annotation.schema_version }).objects;
  const item = await items.findItem(tx, task.item_id);
  const sets: ProposalSet[] = predictions.map((p) => ({
    predictionId: p.id, modelId: p.model_id, modelVersion: p.model_version ?? p.model_row_version ?? null, score: p.score,
    objects: predictionObjects(p.id, p.payload, item?.content ?? null),
  }));
  return outcomes.replaceOutcomes(tx, { projectId: task.project_id, itemId: task.item_id, annotationId, rows: classifyOutcomes(objects, sets) });
}
