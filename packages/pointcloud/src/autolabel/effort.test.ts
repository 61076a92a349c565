// The 3D effort model on a made-up frame: each way a proposal can meet the labels costs its action.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EFFORT_3D as E, frameEffort } from './effort.ts';
import type { FrameProposal } from './frame.ts';

const car = (x: number, label = 'Car') => ({ label, x, y: 0, z: 0.8, dx: 4.5, dy: 1.9, dz: 1.6, yaw: 0 });
const proposal = (x: number, cls = 'car', score = 0.9, dx = 4.5): FrameProposal => ({ x, y: 0, z: 0.8, dx, dy: 1.9, dz: 1.6, yaw: 0, class: cls, score, points: 100 });

test('right, near, wrong-class, false and missed proposals each cost their action; by hand every vehicle is drawn', () => {
  const frame = { name: 'f', positions: new Float32Array(0), boxes: [car(0), car(10), car(20, 'Truck'), car(30), { ...car(40), label: 'Pedestrian' }] };
  // Right on car 0; 1 m short on car 10 (IoU 0.78 → still right); 2.2 m short (IoU ≈ 0.51: near); car on the truck; one on nothing; car 30 missed.
  const e = frameEffort(frame, [proposal(0), proposal(10.5, 'car', 0.8, 3.5), proposal(20, 'car', 0.7), proposal(55, 'car', 0.6)]);
  assert.deepEqual([e.accepted, e.adjusted, e.reclassed, e.deleted, e.drawn], [3, 0, 1, 1, 1]);
  assert.equal(e.byHandS, E.OPEN_S + 4 * E.DRAW_S, 'four vehicles by hand; the pedestrian is not the machine\'s to label');
  assert.equal(e.withAutoS, E.OPEN_S + 3 * E.ACCEPT_S + E.RECLASS_S + E.DELETE_S + E.DRAW_S);
  const near = frameEffort(frame, [proposal(11.1, 'car', 0.9, 2.3)]);
  assert.equal(near.adjusted, 1, 'a proposal half over the car is corrected, not accepted');
  const outside = frameEffort(frame, [proposal(55)], (x) => x < 50);
  assert.equal(outside.deleted, 0, 'a proposal outside the labelled region costs nothing');
  // This frame has no returns: with a 50-return floor no vehicle is asked for, and a proposal on one is not false.
  const dense = frameEffort(frame, [proposal(0)], undefined, 50);
  assert.deepEqual([dense.byHandS, dense.withAutoS, dense.deleted], [E.OPEN_S, E.OPEN_S, 0]);
});
