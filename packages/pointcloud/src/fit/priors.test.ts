import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultPrior, learnPriors } from './priors.ts';

const box = (label: string, dx: number, dy = 1.7, dz = 1.5) => ({ label, dx, dy, dz });

test('learned priors are per-class medians of the accepted boxes; a class with too few boxes teaches nothing', () => {
  const boxes = [box('Car', 3.6), box('Car', 3.9), box('Car', 4.1, 1.6), box('Car', 3.8), box('Car', 12, 2.5, 3), box('Truck', 7), box('Truck', 8)];
  const priors = learnPriors(boxes);
  // One odd box (a 12 m "car") does not move the median.
  assert.deepEqual(priors, { Car: { length: 3.9, width: 1.7, height: 1.5, boxes: 5 } });
  assert.deepEqual(learnPriors(boxes, 2).Truck, { length: 7.5, width: 1.7, height: 1.5, boxes: 2 });
});

test('boxes without a real size (zero, negative, NaN) are not counted', () => {
  const boxes = [box('Car', 4), box('Car', 4), box('Car', 4), box('Car', Number.NaN), box('Car', 0), box('Car', -1)];
  assert.deepEqual(learnPriors(boxes, 3), { Car: { length: 4, width: 1.7, height: 1.5, boxes: 3 } });
  assert.deepEqual(learnPriors(boxes), {}, 'three real boxes are under the default minimum of five');
});

test('the fixed priors still answer for names with spaces, dashes or capitals', () => {
  assert.deepEqual(defaultPrior('Construction Vehicle'), defaultPrior('construction_vehicle'));
  assert.equal(defaultPrior('unknown thing'), undefined);
});
