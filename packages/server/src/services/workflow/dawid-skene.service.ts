// Project-wide consensus for classes: Dawid–Skene EM learns each annotator's confusion between
// classes from every item labelled by several people, and weighs their votes by it. Majority vote
// (per item, at merge time) trusts everyone equally; this trusts the careful ones more.
import { dawidSkene, readPayload, uuidv7, type DawidSkeneVote, type LabeledObject } from '@cadre/core';
import { annotations, kyselyOn, withTransaction } from '@cadre/db';
import { requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';

interface Source { annotationId: string; authorId: string | null }

/**
 * Runs Dawid–Skene over the project's consensus items with text classes. With `apply`, an item
 * whose merged class differs and whose work is not yet accepted gets a new merged version.
 */
export async function dawidSkeneClasses(deps: ServiceDeps, actor: Actor, projectId: string, o: { apply?: boolean } = {}) {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  return withTransaction(deps.pool, async (client) => {
    const tx = kyselyOn(client);
    const rows = await tx.selectFrom('consensus').select(['item_id', 'sources', 'merged_annotation_id']).where('project_id', '=', projectId).forUpdate().execute();
    const ids = rows.flatMap((r) => (r.sources as Source[]).map((s) => s.annotationId));
    const payloads = new Map((ids.length ? await tx.selectFrom('annotations').select(['id', 'payload']).where('id', 'in', ids).execute() : []).map((a) => [a.id, readPayload(a.payload)]));
    const votes: DawidSkeneVote[] = [];
    for (const r of rows) {
      for (const s of r.sources as Source[]) {
        const label = payloads.get(s.annotationId)?.objects.find((x) => x.kind === 'text_class')?.label;
        if (label !== undefined && s.authorId) votes.push({ item: r.item_id, annotator: s.authorId, label });
      }
    }
    if (votes.length === 0) return { items: 0, changed: 0, annotators: [] };
    const result = dawidSkene(votes);
    let changed = 0;
    if (o.apply) {
      for (const r of rows) {
        const label = result.labels.get(r.item_id);
        const merged = r.merged_annotation_id ? await tx.selectFrom('annotations').selectAll().where('id', '=', r.merged_annotation_id).executeTakeFirst() : undefined;
        if (!label || !merged || merged.state === 'accepted') continue;
        const payload = readPayload(merged.payload, { version: merged.schema_version });
        const current = payload.objects.filter((x) => x.kind === 'text_class').map((x) => x.label);
        if (current.length === 1 && current[0] === label) continue;
        const objects: LabeledObject[] = [...payload.objects.filter((x) => x.kind !== 'text_class'), { id: uuidv7(), label, kind: 'text_class', geometry: null, attributes: {} } as LabeledObject];
        const row = await annotations.insertAnnotation(tx, {
          id: uuidv7(), projectId, itemId: r.item_id, taskId: merged.task_id, authorId: null, authorKind: 'machine', submissionId: null,
          state: 'submitted', schemaVersion: 1, payload: { schemaVersion: 1, objects },
        });
        await tx.updateTable('consensus').set({ method: 'dawid_skene', merged_annotation_id: row.id }).where('item_id', '=', r.item_id).execute();
        changed++;
      }
    }
    // Each annotator's estimated accuracy: the diagonal of their confusion, weighted by the class priors.
    const annotators = [...result.confusion].map(([userId, confusion]) => {
      let accuracy = 0;
      for (const [truth, given] of confusion) accuracy += (result.priors.get(truth) ?? 0) * (given.get(truth) ?? 0);
      return { userId, accuracy };
    });
    return { items: result.labels.size, changed, annotators };
  });
}
