import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metres, radians } from '@cadre/core';
import { CuboidSet } from './cuboids.ts';

const geometry = { x: metres(5), y: metres(0), z: metres(0.8), dx: metres(4.5), dy: metres(1.9), dz: metres(1.6), yaw: radians(0) };

test('copying one box to the next frame twice leaves one box of its track there, not two', () => {
  const set = new CuboidSet(3);
  const box = set.add({ label: 'car', geometry, attributes: {}, frame: 0 });
  set.copyToNext(box.id);
  set.copyToNext(box.id);
  assert.equal(set.inFrame(1).length, 1);
  assert.equal(set.inFrame(1)[0]!.trackId, box.trackId);
  assert.equal(set.all().filter((o) => o.trackId === box.trackId).length, 2);
});
