import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cuboid3dGeometry } from '@cadre/core';
import type { SceneCuboid } from './api.ts';
import { covers } from './box-math.ts';
import { clippedRange } from './color.ts';
import { boxFrame, lidarToScreen, slabDepth } from './frames.ts';
import { pickFootprint, pickProjected } from './pick.ts';

const g = (x: number, y: number, over: Partial<Record<keyof Cuboid3dGeometry, number>> = {}) => ({ x, y, z: 0.8, dx: 4, dy: 2, dz: 1.6, yaw: 0, ...over }) as Cuboid3dGeometry;
const scene = (...gs: Cuboid3dGeometry[]): SceneCuboid[] => gs.map((geometry, i) => ({ id: `b${i}`, label: 'car', color: '#fff', geometry }));

test('a top-view click picks the smallest footprint under it, turned boxes included', () => {
  const boxes = scene(g(0, 0, { dx: 10, dy: 4 }), g(1, 0), g(20, 0, { yaw: Math.PI / 2 }));
  assert.equal(pickFootprint(boxes, 1.5, 0.5), 'b1');
  assert.equal(pickFootprint(boxes, -4, 1), 'b0');
  assert.equal(pickFootprint(boxes, 20.5, 1.8), 'b2'); // along its heading (+y), outside its unturned footprint
  assert.equal(pickFootprint(boxes, 50, 50), null);
});

test('a side-view click picks by projected rectangle, only among boxes within the slab', () => {
  const size = { width: 400, height: 300 };
  const selected = g(0, 0);
  const frame = boxFrame('side', selected, size);
  const behind = g(1, 10, { dz: 3 }); // 10 m across: outside the slab the side view shows
  const beside = g(6, 0.5, { dz: 1 });
  const boxes = scene(selected, behind, beside);
  const depth = slabDepth('side', selected);
  const at = (x: number, y: number, z: number) => lidarToScreen(frame, size, [x, y, z]);
  const p = at(0.5, 0, 0.8);
  assert.equal(pickProjected(boxes, frame, size, p.x, p.y, depth), 'b0');
  const q = at(6, 0, 0.8);
  assert.equal(pickProjected(boxes, frame, size, q.x, q.y, depth), 'b2');
  const r = at(1, 0, 2.2); // inside b1's rectangle on screen, but b1 is out of the slab
  assert.equal(pickProjected(boxes, frame, size, r.x, r.y, depth), null);
});

test('the side-view slab is kept while the box stays well inside it', () => {
  const around = g(0, 0, { yaw: 0.3 });
  assert.ok(covers(around, 2, g(0.5, 0.2, { yaw: 0.35 })));
  assert.ok(!covers(around, 2, g(4, 0, { yaw: 0.3 })));
});

test('the colour range skips the extreme 1% at each end without sorting', () => {
  const values = Float32Array.from({ length: 10_000 }, (_, i) => i / 10_000);
  values[0] = -500; values[1] = 900;
  const { min, max } = clippedRange(values);
  assert.ok(min > -0.5 && min < 0.02, `min ${min}`);
  assert.ok(max > 0.98 && max < 1.5, `max ${max}`);
  assert.deepEqual(clippedRange(Float32Array.from([Number.NaN])), { min: 0, max: 1 });
});
