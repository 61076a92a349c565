import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hungarian } from './hungarian.ts';
import { seededRandom } from './seeded.ts';

const total = (cost: number[][], a: number[]) => a.reduce((s, j, i) => s + (j >= 0 ? cost[i]![j]! : 0), 0);

function bruteForce(cost: number[][]): number {
  const m = cost[0]!.length;
  let best = Infinity;
  const rec = (i: number, used: Set<number>, sum: number) => {
    if (i === cost.length) return void (best = Math.min(best, sum));
    for (let j = 0; j < m; j++) if (!used.has(j)) { used.add(j); rec(i + 1, used, sum + cost[i]![j]!); used.delete(j); }
  };
  rec(0, new Set(), 0);
  return best;
}

test('hungarian solves a 3×3 whose greedy choice is wrong', () => {
  // Greedy would take row 1 → col 1 (0) first; the optimum 1 + 2 + 2 = 5 does not.
  const cost = [[4, 1, 3], [2, 0, 5], [3, 2, 2]];
  const a = hungarian(cost);
  assert.deepEqual(a, [1, 0, 2]);
  assert.equal(total(cost, a), 5);
});

test('hungarian handles more columns than rows and more rows than columns', () => {
  const wide = [[10, 1, 10, 10], [1, 10, 10, 10]];
  assert.deepEqual(hungarian(wide), [1, 0]);
  // Cheapest is row 0 → col 1 (1) and row 2 → col 0 (0); row 1 goes without.
  const tall = [[10, 1], [1, 10], [0, 0]];
  assert.deepEqual(hungarian(tall), [1, -1, 0]);
  assert.deepEqual(hungarian([]), []);
  assert.deepEqual(hungarian([[], []]), [-1, -1]);
});

test('hungarian matches brute force on random rectangular matrices', () => {
  const rnd = seededRandom('hungarian');
  for (let t = 0; t < 200; t++) {
    const n = 1 + Math.floor(rnd() * 6);
    const m = n + Math.floor(rnd() * 3);
    const cost = Array.from({ length: n }, () => Array.from({ length: m }, () => Math.round(rnd() * 100) - 20));
    const a = hungarian(cost);
    assert.equal(new Set(a).size, n, 'each row its own column');
    assert.ok(Math.abs(total(cost, a) - bruteForce(cost)) < 1e-9);
  }
});
