import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cohensKappa, fleissKappa, krippendorffAlpha } from './agreement.ts';

const near = (a: number, b: number, eps: number) => assert.ok(Math.abs(a - b) <= eps, `${a} is not ${b} ± ${eps}`);
const repeat = (label: string, n: number) => Array<string>(n).fill(label);

test("Cohen's κ: Wikipedia's 50 proposals (20 yes/yes, 15 no/no, 5 yes/no, 10 no/yes) give 0.4", () => {
  const a = [...repeat('yes', 20), ...repeat('yes', 5), ...repeat('no', 10), ...repeat('no', 15)];
  const b = [...repeat('yes', 20), ...repeat('no', 5), ...repeat('yes', 10), ...repeat('no', 15)];
  near(cohensKappa(a, b), 0.4, 1e-12);
  near(cohensKappa(a, a), 1, 1e-12);
  assert.throws(() => cohensKappa(['x'], []));
});

test("Fleiss' κ: Wikipedia's worked example (10 items, 14 raters, 5 categories) gives 0.210", () => {
  const table = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
  ];
  const ratings = table.map((row) => row.flatMap((k, j) => repeat(`c${j + 1}`, k)));
  near(fleissKappa(ratings), 0.210, 0.0005);
});

test("Fleiss' κ with raters varying per item equals Krippendorff-style pairing on full agreement", () => {
  near(fleissKappa([['a', 'a'], ['b', 'b', 'b'], ['a', 'a', 'a', 'a']]), 1, 1e-12);
  assert.ok(fleissKappa([['a', 'b'], ['b', 'a'], ['a', 'b', 'a']]) < 0);
});

test("Krippendorff's α: the nominal example of Krippendorff (2011) gives 0.743", () => {
  // 4 observers × 12 units, values 1–5, '.' missing ("Computing Krippendorff's Alpha-Reliability", §C).
  const rows = [
    '1 2 3 3 2 1 4 1 2 . . .',
    '1 2 3 3 2 2 4 1 2 5 . 3',
    '. 3 3 3 2 3 4 2 2 5 1 .',
    '1 2 3 3 2 4 4 1 2 5 1 .',
  ].map((r) => r.split(' ').map((v) => (v === '.' ? null : v)));
  const units = rows[0]!.map((_, u) => rows.map((r) => r[u]!));
  near(krippendorffAlpha(units), 0.743, 0.0005);
});

test("Krippendorff's α is 1 for perfect agreement and 0.125 for a balanced half-agreeing table", () => {
  near(krippendorffAlpha([['a', 'a'], ['b', 'b', null]]), 1, 1e-12);
  near(krippendorffAlpha([['a', 'b'], ['a', 'a'], ['b', 'a'], ['b', 'b']]), 0.125, 1e-9);
});
