import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { scanFrame } from './lidar-scene.ts';
import { streetScene } from './street-scene.ts';

const digest = (bytes: ArrayBufferView) => createHash('sha256').update(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)).digest('hex');

// Every installation must get the same demo: the README and the walkthrough describe its mistakes.
test('a street scene and a LiDAR sweep come out the same for the same seed, and differ for another', () => {
  assert.equal(digest(streetScene(11).rgb), digest(streetScene(11).rgb));
  assert.notEqual(digest(streetScene(11).rgb), digest(streetScene(12).rgb));
  assert.deepEqual(streetScene(11).objects, streetScene(11).objects);
  assert.equal(digest(scanFrame(3, 5).points), digest(scanFrame(3, 5).points));
  assert.notEqual(digest(scanFrame(3, 5).points), digest(scanFrame(4, 5).points));
});

test('a LiDAR sweep sees each vehicle from the sensor\'s side only, as a real scan does', () => {
  const { points, count, objects } = scanFrame(0, 7300);
  const truck = objects.find((o) => o.label === 'Truck')!.box;
  // The truck is parked at negative y: its side towards the sensor (larger y) gets the returns.
  let near = 0, far = 0;
  for (let i = 0; i < count; i++) {
    const x = points[i * 4]!, y = points[i * 4 + 1]!, z = points[i * 4 + 2]!;
    if (Math.abs(x - truck.x) > truck.dx / 2 || z < truck.z - truck.dz / 2 + 0.3) continue; // the truck, not the road
    if (Math.abs(y - (truck.y + truck.dy / 2)) < 0.15) near++;
    if (Math.abs(y - (truck.y - truck.dy / 2)) < 0.15) far++;
  }
  assert.ok(near > 50, `returns on the near side: ${near}`);
  assert.equal(far, 0, 'none on the hidden side');
});
