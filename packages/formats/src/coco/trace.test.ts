// The mask tracer: outlines along pixel edges, regions apart when they touch at a corner, holes counted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countsFromString, maskFromCounts, type Mask } from './rle.ts';
import { traceMask } from './trace.ts';

function mask(rows: string[]): Mask {
  const height = rows.length;
  const width = rows[0]!.length;
  return { width, height, data: Uint8Array.from(rows.join('').split('').map((c) => (c === '#' ? 1 : 0))) };
}

const area = (p: Array<[number, number]>) => Math.abs(p.reduce((s, [x1, y1], i) => { const [x2, y2] = p[(i + 1) % p.length]!; return s + x1 * y2 - x2 * y1; }, 0)) / 2;

test('an L shape is one polygon of 6 corners holding its pixels', () => {
  const t = traceMask(mask(['....', '.#..', '.#..', '.##.']));
  assert.equal(t.polygons.length, 1);
  assert.equal(t.polygons[0]!.length, 6);
  assert.equal(area(t.polygons[0]!), 4);
  assert.deepEqual([...t.polygons[0]!].sort(), [[1, 1], [1, 4], [2, 1], [2, 3], [3, 3], [3, 4]].sort());
});

test('a ring is its outline and one hole; corner-touching pixels are two polygons', () => {
  const ring = traceMask(mask(['###', '#.#', '###']));
  assert.deepEqual([ring.polygons.length, ring.holes, area(ring.polygons[0]!)], [1, 1, 9]);
  const diagonal = traceMask(mask(['#.', '.#']));
  assert.deepEqual(diagonal.polygons.map(area), [1, 1]);
});

test('an empty mask has no polygon; a small object on a large image is found where it is', () => {
  assert.deepEqual(traceMask(mask(['...', '...'])), { polygons: [], holes: 0 });
  const width = 4000, height = 3000;
  const data = new Uint8Array(width * height);
  for (let y = 2500; y < 2510; y++) for (let x = 3000; x < 3020; x++) data[y * width + x] = 1;
  const t = traceMask({ width, height, data });
  assert.deepEqual([...t.polygons[0]!].sort(), [[3000, 2500], [3000, 2510], [3020, 2500], [3020, 2510]]);
});

test('compressed counts: multi-character and negative deltas as pycocotools writes them', () => {
  assert.deepEqual(countsFromString('Xo0'), [1000]);
  assert.deepEqual(countsFromString('432N0'), [4, 3, 2, 1, 2]);
  assert.throws(() => countsFromString('X'), /ends inside a count/);
  assert.throws(() => maskFromCounts([1, 2], 2, 2), /cover 3 pixels/);
  assert.throws(() => maskFromCounts([1, 5], 2, 2), /more than/);
  assert.throws(() => maskFromCounts([1, 1.5, 1.5], 2, 2), /whole number/);
});
