import { test } from 'node:test';
import assert from 'node:assert/strict';
import { doubleLeases } from './lease-check.ts';
import type { LeaseRecord } from './load.ts';

const lease = (task: string, who: number, asked: number, got: number, sent: number | null): LeaseRecord =>
  ({ task, who, asked, got, sent, acked: sent, submissionId: null });

test('two people holding one task at overlapping times is a double lease; one after the other is not', () => {
  assert.deepEqual(doubleLeases([lease('t1', 1, 0, 5, 100), lease('t1', 2, 200, 205, 300)], 60_000, 1000), []);
  const found = doubleLeases([lease('t1', 1, 0, 5, 100), lease('t1', 2, 50, 55, 300)], 60_000, 1000);
  assert.deepEqual(found.map((d) => [d.task, d.people, d.overlapMs]), [['t1', [1, 2], 45]]);
});

test('a lease that expired before the next person took the task is not a double lease', () => {
  // Never submitted: held until its expiry (1,000 ms after the claim was sent), then taken by someone else.
  assert.deepEqual(doubleLeases([lease('t1', 1, 0, 5, null), lease('t1', 2, 1500, 1505, 1600)], 1000, 5000), []);
  assert.equal(doubleLeases([lease('t1', 1, 0, 5, null), lease('t1', 2, 900, 905, 1600)], 1000, 5000).length, 1);
});

test('the same person taking a task back is not a double lease', () => {
  assert.deepEqual(doubleLeases([lease('t1', 1, 0, 5, null), lease('t1', 1, 10, 15, 20)], 60_000, 100), []);
});
