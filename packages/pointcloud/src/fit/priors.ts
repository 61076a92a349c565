import type { SizePrior } from '@cadre/core';

/**
 * Typical sizes (metres) for the classes of the common driving datasets, for the CLI and for projects
 * whose ontology names a class without a size prior. An ontology's own prior always wins.
 */
const PRIORS: Record<string, SizePrior> = {
  car: { length: 4.6, width: 1.95, height: 1.7 },
  van: { length: 5.2, width: 2.05, height: 2.1 },
  truck: { length: 7.0, width: 2.5, height: 2.9 },
  bus: { length: 11.0, width: 2.9, height: 3.4 },
  trailer: { length: 10.0, width: 2.9, height: 3.8 },
  construction_vehicle: { length: 6.5, width: 2.8, height: 3.2 },
  pedestrian: { length: 0.7, width: 0.65, height: 1.75 },
  cyclist: { length: 1.8, width: 0.65, height: 1.7 },
  rider: { length: 1.8, width: 0.7, height: 1.7 },
  bicycle: { length: 1.75, width: 0.6, height: 1.3 },
  motorcycle: { length: 2.1, width: 0.8, height: 1.5 },
  motor: { length: 2.1, width: 0.8, height: 1.5 },
};

/** Case-insensitive; `Construction Vehicle`, `construction-vehicle` and `construction_vehicle` match. */
export function defaultPrior(className: string): SizePrior | undefined {
  return PRIORS[className.trim().toLowerCase().replace(/[\s-]+/g, '_')];
}

/** A size learned from a project's accepted boxes of one class: the medians, and how many boxes they come from. */
export interface LearnedPrior extends SizePrior { boxes: number }

/** Fewer accepted boxes of a class than this teach nothing: the ontology's or the default prior stays. */
export const MIN_LEARNED_BOXES = 5;

/**
 * Per-class size priors from accepted boxes (length along the heading, width, height): the median of
 * each, robust to a few odd boxes. Classes with fewer than `minBoxes` boxes are left out.
 */
export function learnPriors(boxes: Iterable<{ label: string; dx: number; dy: number; dz: number }>, minBoxes = MIN_LEARNED_BOXES): Record<string, LearnedPrior> {
  const byClass = new Map<string, { dx: number[]; dy: number[]; dz: number[] }>();
  for (const b of boxes) {
    if (!(b.dx > 0 && b.dy > 0 && b.dz > 0)) continue;
    let c = byClass.get(b.label);
    if (!c) byClass.set(b.label, c = { dx: [], dy: [], dz: [] });
    c.dx.push(b.dx); c.dy.push(b.dy); c.dz.push(b.dz);
  }
  const out: Record<string, LearnedPrior> = {};
  for (const [label, c] of byClass) {
    if (c.dx.length < minBoxes) continue;
    out[label] = { length: median(c.dx), width: median(c.dy), height: median(c.dz), boxes: c.dx.length };
  }
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
