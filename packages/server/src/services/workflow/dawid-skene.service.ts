// Project-wide consensus for classes: Dawid–Skene EM learns each annotator's confusion between
// classes from every item labelled by several people, and weighs their votes by it. Majority vote
// (per item, at merge time) trusts everyone equally; this trusts the careful ones more. An LLM that
// pre-labelled the items votes too, as its model's worker user.
import { dawidSkene, readPayload, textClassOf, uuidv7, type DawidSkeneVote, type LabeledObject } from '@cadre/core';
import { annotations, consensus, kyselyOn, withTransaction } from '@cadre/db';
import { requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';

/**
 * Runs Dawid–Skene over the project's consensus items with text classes. With `apply`, an item
 * whose merged class differs and whose work is not yet accepted gets a new merged version.
 */
export async function dawidSkeneClasses(deps: ServiceDeps, actor: Actor, projectId: string, o: { apply?: boolean } = {}) {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  return withTransaction(deps.pool, async (client) => {
    const tx = kyselyOn(client);
    const rows = await consensus.lockMerges(tx, projectId);
    const stored = await annotations.payloadsOf(tx, rows.flatMap((r) => r.sources.map((s) => s.annotationId)));
    const payloads = new Map([...stored].map(([id, p]) => [id, readPayload(p)]));
    const votes: DawidSkeneVote[] = [];
    for (const r of rows) {
      for (const s of r.sources) {
        const label = payloads.get(s.annotationId)?.objects.find((x) => x.kind === 'text_class')?.label;
        if (label !== undefined && s.authorId) votes.push({ item: r.item_id, annotator: s.authorId, label });
      }
    }
    // An LLM that labelled these items is one more annotator, with its own confusion between classes.
    for (const v of await consensus.llmClassVotes(tx, projectId)) {
      const label = textClassOf(v.payload);
      if (label !== null) votes.push({ item: v.item_id, annotator: v.worker_id, label });
    }
    if (votes.length === 0) return { items: 0, changed: 0, annotators: [] };
    const result = dawidSkene(votes);
    let changed = 0;
    if (o.apply) {
      for (const r of rows) {
        const label = result.labels.get(r.item_id);
        const merged = r.merged_annotation_id ? await annotations.findAnnotation(tx, r.merged_annotation_id) : undefined;
        if (!label || !merged || merged.state === 'accepted') continue;
        const payload = readPayload(merged.payload, { version: merged.schema_version });
        const current = payload.objects.filter((x) => x.kind === 'text_class').map((x) => x.label);
        if (current.length === 1 && current[0] === label) continue;
        const objects: LabeledObject[] = [...payload.objects.filter((x) => x.kind !== 'text_class'), { id: uuidv7(), label, kind: 'text_class', geometry: null, attributes: {} } as LabeledObject];
        const row = await annotations.insertAnnotation(tx, {
          id: uuidv7(), projectId, itemId: r.item_id, taskId: merged.task_id, authorId: null, authorKind: 'machine', submissionId: null,
          state: 'submitted', schemaVersion: 1, payload: { schemaVersion: 1, objects },
        });
        await consensus.setDawidSkeneMerge(tx, r.item_id, row.id);
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
