/**
 * Chance-corrected agreement on nominal labels. Where expected agreement is already perfect
 * (everyone used one label throughout) the statistic is 0/0; these return 1 when observed
 * agreement is also perfect, since nothing was disputed.
 */

/** Cohen's κ for two raters labelling the same items in the same order. */
export function cohensKappa(a: string[], b: string[]): number {
  if (a.length !== b.length) throw new RangeError(`raters labelled ${a.length} and ${b.length} items`);
  const n = a.length;
  if (n === 0) return 1;
  const ca = countOf(a);
  const cb = countOf(b);
  let agree = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) agree++;
  const po = agree / n;
  let pe = 0;
  for (const [label, k] of ca) pe += (k / n) * ((cb.get(label) ?? 0) / n);
  return pe === 1 ? 1 : (po - pe) / (1 - pe);
}

/**
 * Fleiss' κ: one label per rater per item; the number of raters may differ between items
 * (each item's agreement uses its own count; items with fewer than two ratings are skipped).
 */
export function fleissKappa(ratings: string[][]): number {
  const items = ratings.filter((r) => r.length >= 2);
  if (items.length === 0) return 1;
  const totals = new Map<string, number>();
  let ratingsTotal = 0;
  let pBar = 0;
  for (const item of items) {
    const n = item.length;
    let same = 0;
    for (const [label, k] of countOf(item)) {
      same += k * (k - 1);
      totals.set(label, (totals.get(label) ?? 0) + k);
    }
    pBar += same / (n * (n - 1));
    ratingsTotal += n;
  }
  pBar /= items.length;
  let pe = 0;
  for (const k of totals.values()) pe += (k / ratingsTotal) ** 2;
  return pe === 1 ? 1 : (pBar - pe) / (1 - pe);
}

/**
 * Krippendorff's α for nominal data: `units[u][r]` is rater r's label for unit u, null where
 * missing. Units with fewer than two labels carry no pairs and are left out.
 */
export function krippendorffAlpha(units: (string | null)[][]): number {
  // Coincidences: each ordered pair of values within a unit adds 1 / (m_u - 1).
  const coincide = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, w: number) => {
    const row = coincide.get(c) ?? new Map<string, number>();
    row.set(k, (row.get(k) ?? 0) + w);
    coincide.set(c, row);
  };
  for (const unit of units) {
    const values = unit.filter((v): v is string => v !== null);
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) add(values[i]!, values[j]!, 1 / (m - 1));
  }
  const marginal = new Map<string, number>();
  let n = 0;
  let disagree = 0;
  for (const [c, row] of coincide) {
    for (const [k, w] of row) {
      marginal.set(c, (marginal.get(c) ?? 0) + w);
      n += w;
      if (c !== k) disagree += w;
    }
  }
  if (n <= 1) return 1;
  let sumSq = 0;
  for (const nc of marginal.values()) sumSq += nc * nc;
  const expected = (n * n - sumSq) / (n * (n - 1));
  const observed = disagree / n;
  return expected === 0 ? 1 : 1 - observed / expected;
}

export function countOf(labels: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}
