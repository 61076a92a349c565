import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bevIou, type OrientedBox } from '@cadre/core';
import { rayCastScene } from '../testing.ts';
import { autoLabelFrame } from './frame.ts';

const GROUND = -1.7;
const car: OrientedBox = { x: 20, y: 4, z: GROUND + 0.75, dx: 4.5, dy: 1.8, dz: 1.5, yaw: 0.5 };
// A person 0.45 m past the car's far side: closer than returns 20 m away are joined across, so the
// two come as one group, wider than any car.
const c = Math.cos(car.yaw), s = Math.sin(car.yaw);
const off = car.dy / 2 + 0.45 + 0.3;
const person: OrientedBox = { x: car.x + off * s, y: car.y - off * c, z: GROUND + 0.85, dx: 0.6, dy: 0.6, dz: 1.7, yaw: car.yaw };

test('a car with a person beside it is one car, not a group too large for any class', () => {
  const proposals = autoLabelFrame(rayCastScene([car, person], GROUND));
  const cars = proposals.filter((p) => p.class === 'car' && bevIou(p, car) >= 0.5);
  assert.equal(cars.length, 1, `proposals: ${JSON.stringify(proposals.map((p) => [p.class, p.x.toFixed(1), p.y.toFixed(1), p.dx.toFixed(1), p.dy.toFixed(1), p.score]))}`);
  assert.ok(cars[0]!.dy < 2.3, `the car's box is ${cars[0]!.dy.toFixed(2)} m wide: the person is in it`);
});

test('alone, the same car is found the same way', () => {
  const cars = autoLabelFrame(rayCastScene([car], GROUND)).filter((p) => p.class === 'car' && bevIou(p, car) >= 0.5);
  assert.equal(cars.length, 1);
});
