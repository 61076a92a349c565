// Classes: how often each class's objects are rejected, and which class people gave where the
// merged answer was another (consensus items, text classes: each person's vote against the merged
// class, majority or Dawid–Skene, whichever made the merge).
import { textClassOf } from '@cadre/core';
import { charts } from '@cadre/db';
import type { ServiceDeps } from '../context.ts';
import { classRejectionOf } from '../workflow/quality.service.ts';

/** The newest consensus items read for the confusion table. */
const CONFUSION_ITEMS = 5000;

export async function classFigures(deps: ServiceDeps, projectId: string) {
  const [rejection, pairs] = await Promise.all([classRejectionOf(deps, projectId), charts.consensusPairs(deps.db, projectId, CONFUSION_ITEMS)]);
  return { rejection, confusion: confusionOf(pairs) };
}

/** Rows: the merged class; columns: the class a person gave; null when no consensus item has text classes. */
export function confusionOf(pairs: { method: string; merged: unknown; given: unknown }[]) {
  const counts = new Map<string, Map<string, number>>();
  const methods = new Set<string>();
  for (const p of pairs) {
    const truth = textClassOf(p.merged);
    const given = textClassOf(p.given);
    if (truth === null || given === null) continue;
    methods.add(p.method);
    const row = counts.get(truth) ?? new Map<string, number>();
    row.set(given, (row.get(given) ?? 0) + 1);
    counts.set(truth, row);
  }
  if (counts.size === 0) return null;
  const classes = [...new Set([...counts.keys(), ...[...counts.values()].flatMap((r) => [...r.keys()])])].sort();
  return {
    source: [...methods].sort().join(', '),
    classes,
    counts: classes.map((t) => classes.map((g) => counts.get(t)?.get(g) ?? 0)),
  };
}
