import type { LabeledObject } from '../annotation.ts';
import { hungarian } from './hungarian.ts';
import { likeness, resolveMatchOptions, type MatchOptions, type ResolvedMatchOptions } from './similarity.ts';

export interface ObjectMatch {
  a: LabeledObject;
  b: LabeledObject;
  similarity: number;
}

export interface MatchResult {
  pairs: ObjectMatch[];
  /** Objects of `a` with no partner in `b`, and the reverse. */
  onlyA: LabeledObject[];
  onlyB: LabeledObject[];
}

/**
 * One-to-one matching of two annotations' objects: same kind, same frame, same class (unless
 * `ignoreClass`), close enough by the kind's measure. Among admissible assignments it takes the
 * one with the most matches, then the greatest total similarity.
 */
export function matchObjects(a: LabeledObject[], b: LabeledObject[], opts: MatchOptions = {}): MatchResult {
  const o = resolveMatchOptions(opts);
  const groupsA = groupByKindFrame(a);
  const groupsB = groupByKindFrame(b);
  const result: MatchResult = { pairs: [], onlyA: [], onlyB: [] };
  for (const [key, ga] of groupsA) {
    const gb = groupsB.get(key) ?? [];
    const r = matchGroup(ga, gb, o);
    result.pairs.push(...r.pairs);
    result.onlyA.push(...r.onlyA);
    result.onlyB.push(...r.onlyB);
  }
  for (const [key, gb] of groupsB) if (!groupsA.has(key)) result.onlyB.push(...gb);
  return result;
}

function groupByKindFrame(objects: LabeledObject[]): Map<string, LabeledObject[]> {
  const groups = new Map<string, LabeledObject[]>();
  for (const obj of objects) {
    const key = `${obj.kind}|${obj.frame ?? '-'}`;
    const g = groups.get(key);
    if (g) g.push(obj);
    else groups.set(key, [obj]);
  }
  return groups;
}

function matchGroup(a: LabeledObject[], b: LabeledObject[], o: ResolvedMatchOptions): MatchResult {
  if (a.length === 0 || b.length === 0) return { pairs: [], onlyA: a.slice(), onlyB: b.slice() };
  const like = a.map((x) => b.map((y) => (o.ignoreClass || x.label === y.label ? likeness(x, y, o) : { similarity: 0, match: false })));
  // Admissible pairs cost 1 - similarity ≤ 1; a barred pair costs more than all admissible pairs
  // together, so the optimum first maximises the number of matches.
  const barred = a.length + b.length + 1;
  const cost = like.map((row) => row.map((l) => (l.match ? 1 - l.similarity : barred)));
  const assign = hungarian(cost);
  const usedB = new Set<number>();
  const result: MatchResult = { pairs: [], onlyA: [], onlyB: [] };
  assign.forEach((j, i) => {
    const l = j >= 0 ? like[i]![j]! : undefined;
    if (l?.match) {
      result.pairs.push({ a: a[i]!, b: b[j]!, similarity: l.similarity });
      usedB.add(j);
    } else {
      result.onlyA.push(a[i]!);
    }
  });
  b.forEach((y, j) => usedB.has(j) || result.onlyB.push(y));
  return result;
}
