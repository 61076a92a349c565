// What became of a machine's proposals once a person's work on the item was accepted: each proposed
// object was kept untouched, edited, or deleted; each object a person drew themselves is a miss of
// every model that pre-labelled the item. The model report counts these, so the rule lives here once.
import type { LabeledObject } from '../annotation.ts';
import { isEdited } from './compare.ts';

export type ProposalOutcome = 'accepted' | 'edited' | 'deleted' | 'drawn';

/** One model's predictions on the item (one prediction row), as objects whose ids accepted objects name in `predictionId`. */
export interface ProposalSet {
  predictionId: string;
  modelId: string | null;
  modelVersion: string | null;
  /** The set's own score, used for an object that carries none. */
  score?: number | null;
  objects: readonly LabeledObject[];
}

export interface OutcomeRecord {
  predictionId: string;
  modelId: string | null;
  modelVersion: string | null;
  /**
   * A proposal's own id for accepted / edited / deleted; for `drawn`, the person's object id and the
   * prediction it counts against (`<object id>@<prediction id>`), so one drawn object is one miss
   * of each model that pre-labelled the item.
   */
  objectId: string;
  /** The proposal's class (for `drawn`, the class the person gave). */
  class: string;
  outcome: ProposalOutcome;
  score: number | null;
}

/**
 * The outcome of every proposal and every hand-drawn object of the accepted `objects`. A proposal is
 * `accepted` when some accepted object names it and is not edited against it (core's edit rule,
 * `isEdited`, not the origin the client sent), `edited` when all objects naming it changed it, and
 * `deleted` when none names it. An accepted object that names no proposal of these sets was drawn
 * by a person: one `drawn` record per set. No sets, no records: an item nobody pre-labelled is manual.
 */
export function classifyOutcomes(objects: readonly LabeledObject[], sets: readonly ProposalSet[]): OutcomeRecord[] {
  if (sets.length === 0) return [];
  const owner = new Map<string, { set: ProposalSet; proposal: LabeledObject }>();
  for (const set of sets) for (const proposal of set.objects) owner.set(proposal.id, { set, proposal });
  const fate = new Map<string, 'accepted' | 'edited'>();
  const drawn: LabeledObject[] = [];
  for (const o of objects) {
    const from = o.predictionId === undefined ? undefined : owner.get(o.predictionId);
    if (!from) { drawn.push(o); continue; }
    if (!isEdited(o, from.proposal)) fate.set(from.proposal.id, 'accepted');
    else if (fate.get(from.proposal.id) !== 'accepted') fate.set(from.proposal.id, 'edited');
  }
  const out: OutcomeRecord[] = [];
  for (const set of sets) {
    const base = { predictionId: set.predictionId, modelId: set.modelId, modelVersion: set.modelVersion };
    for (const p of set.objects) {
      out.push({ ...base, objectId: p.id, class: p.label, outcome: fate.get(p.id) ?? 'deleted', score: p.score ?? set.score ?? null });
    }
    for (const o of drawn) out.push({ ...base, objectId: `${o.id}@${set.predictionId}`, class: o.label, outcome: 'drawn', score: null });
  }
  return out;
}

export interface OutcomeCounts { accepted: number; edited: number; deleted: number; drawn: number }

export interface OutcomeMeasures extends OutcomeCounts {
  proposals: number;
  /** Each outcome's share of all the objects counted (proposals and hand-drawn ones: they sum to 1); null when there are none. */
  shares: { accepted: number | null; edited: number | null; deleted: number | null; drawn: number | null };
  /** (accepted + edited) / proposals: of what the model proposed, how much a person kept. */
  precision: number | null;
  /** (accepted + edited) / (accepted + edited + drawn): of the objects accepted in the end, how many the model found. */
  recall: number | null;
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/** Precision, recall and shares at the object level, from outcome counts. */
export function outcomeMeasures(c: OutcomeCounts): OutcomeMeasures {
  const proposals = c.accepted + c.edited + c.deleted;
  const kept = c.accepted + c.edited;
  const final = kept + c.drawn;
  const all = proposals + c.drawn;
  return {
    ...c, proposals,
    shares: { accepted: ratio(c.accepted, all), edited: ratio(c.edited, all), deleted: ratio(c.deleted, all), drawn: ratio(c.drawn, all) },
    precision: ratio(kept, proposals),
    recall: ratio(kept, final),
  };
}
