import assert from 'node:assert/strict';
import { test } from 'node:test';
import { degToRad, minorUnits, normalizeAngle, radToDeg, shortestAngleDelta } from './units.ts';

const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≉ ${b}`);

test('normalizeAngle maps into (-π, π], with -π becoming π', () => {
  near(normalizeAngle(3 * Math.PI), Math.PI);
  near(normalizeAngle(-Math.PI), Math.PI);
  near(normalizeAngle(2 * Math.PI), 0);
  near(normalizeAngle(-3 * Math.PI / 2), Math.PI / 2);
  near(normalizeAngle(0.25), 0.25);
});

test('shortestAngleDelta turns the short way across ±180°', () => {
  near(radToDeg(shortestAngleDelta(degToRad(170), degToRad(-170))), 20);
  near(radToDeg(shortestAngleDelta(degToRad(-170), degToRad(170))), -20);
  near(shortestAngleDelta(0.1, 0.3), 0.2);
});

test('degToRad', () => {
  near(degToRad(180), Math.PI);
  near(degToRad(-90), -Math.PI / 2);
});

test('minorUnits accepts integers and refuses fractions of a cent', () => {
  assert.equal(minorUnits(1999), 1999);
  assert.throws(() => minorUnits(19.99), RangeError);
  assert.throws(() => minorUnits(Number.NaN), RangeError);
});
