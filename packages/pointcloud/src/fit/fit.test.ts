import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type OrientedBox } from '@cadre/core';
import { PointCloudError } from '../types.ts';
import { fitCuboid } from './fit.ts';
import { defaultPrior } from './priors.ts';
import { parseQuad } from './quad.ts';
import { rayCastScene } from '../testing.ts';

// The car is taller than the sensor is high, so from behind it shows its rear face only, no roof.
const GROUND = -1.2;
const scene = (box: OrientedBox) => rayCastScene([box], GROUND);

const car: OrientedBox = { x: 15, y: 0, z: GROUND + 0.8, dx: 4.5, dy: 1.8, dz: 1.6, yaw: 0 };
const positions = scene(car);
const around = (b: OrientedBox, grow: number) => {
  const hx = (b.dx * grow) / 2, hy = (b.dy * grow) / 2;
  return [[b.x - hx, b.y - hy], [b.x + hx, b.y - hy], [b.x + hx, b.y + hy], [b.x - hx, b.y + hy]] as const;
};

test('a car seen from straight behind is completed away from the sensor, to its class size', () => {
  const fit = fitCuboid({ positions }, around(car, 1.2), { prior: defaultPrior('car') });
  assert.ok(Math.abs(fit.dx - 4.6) < 0.1, `length ${fit.dx}`);
  // Its rear face stays where the points are; the box grows into the shadow behind it.
  assert.ok(Math.abs(fit.x - fit.dx / 2 - (car.x - car.dx / 2)) < 0.1, `rear face at ${fit.x - fit.dx / 2}`);
  assert.ok(Math.abs(fit.dy - 1.95) < 0.1, `width ${fit.dy}`);
  assert.ok(Math.abs(fit.z - fit.dz / 2 - GROUND) < 0.1, `bottom at ${fit.z - fit.dz / 2}, the road is at ${GROUND}`);
  assert.ok(Math.abs(fit.yaw) < 0.05, `yaw ${fit.yaw}`);
  assert.ok(fit.points > 100);
});

test('without a class only the visible points are boxed', () => {
  const fit = fitCuboid({ positions }, around(car, 1.2));
  assert.ok(fit.dx < 1, `visible length ${fit.dx}`);
});

test('the heading follows the rectangle’s first edge, so a box can face either way', () => {
  const q = around(car, 1.2);
  const reversed = [q[2], q[3], q[0], q[1]] as const;
  const fit = fitCuboid({ positions }, reversed, { prior: defaultPrior('car') });
  assert.ok(Math.abs(Math.abs(fit.yaw) - Math.PI) < 0.05, `yaw ${fit.yaw}`);
});

test('an empty rectangle gives the rectangle itself, standing on the road at the class height', () => {
  const fit = fitCuboid({ positions }, around({ ...car, x: 30, y: 8 }, 1), { prior: defaultPrior('car') });
  assert.ok(Math.abs(fit.dz - defaultPrior('car')!.height) < 1e-9);
  assert.ok(Math.abs(fit.x - 30) < 1e-9 && Math.abs(fit.y - 8) < 1e-9);
  assert.ok(Math.abs(fit.z - fit.dz / 2 - GROUND) < 0.1);
});

test('a rectangle with a NaN corner is refused with a clear error', () => {
  assert.throws(() => fitCuboid({ positions }, [[0, 0], [1, Number.NaN], [1, 1], [0, 1]]), (e: unknown) => e instanceof PointCloudError && /not a finite number/.test(e.message));
});

test('--rect text is parsed, and a short or non-numeric one names the culprit', () => {
  assert.deepEqual(parseQuad('1,2, 3,4,5,6,7,8'), [[1, 2], [3, 4], [5, 6], [7, 8]]);
  assert.throws(() => parseQuad('1,2,3'), /needs 8 numbers/);
  assert.throws(() => parseQuad('1,2,3,x,5,6,7,8'), /value 4 is "x"/);
});
