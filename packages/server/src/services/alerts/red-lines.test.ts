import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSettings } from '@cadre/core';
import { changes, readLines, type Figures } from './red-lines.ts';

const settingsWith = (patch: Record<string, unknown>) => {
  const { settings, issues } = parseSettings({ stages: ['annotate', 'review'], ...patch });
  assert.deepEqual(issues, []);
  return settings;
};
const stage = (name: string, open: number) => ({ stage: name, open, leased: 0, waiting: 0, done: 0 });
const crossed = (s: ReturnType<typeof settingsWith>, f: Figures, now?: Date) => readLines(s, f, now).filter((r) => r.crossed);

test('backlog: a stage above its own level fires, at the level it is back under; others take backlogAlertAbove', () => {
  const s = settingsWith({ backlogAlertAbove: 100, backlogAlertByStage: { review: 10 } });
  assert.deepEqual(crossed(s, { stages: [stage('annotate', 100), stage('review', 10)] }), []);
  const fired = crossed(s, { stages: [stage('annotate', 101), stage('review', 11)] });
  assert.deepEqual(fired.map((r) => [r.subjectId, r.value, r.level]), [['annotate', 101, 100], ['review', 11, 10]]);
  assert.match(fired[1]!.message, /review: 11 tasks queued, above the alert level of 10/);
  assert.deepEqual(crossed(settingsWith({}), { stages: [stage('annotate', 1e6)] }), [], 'off by default');
});

test('forecast: fires when the completion falls after the deadline, or the deadline passed with work left', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const s = settingsWith({ deadline: '2026-12-02T00:00:00Z', alertForecastPastDeadline: true });
  const at = (hours: number) => ({ remaining: 10, acceptedPerHour: 1, completesAt: new Date(now.getTime() + hours * 3_600_000).toISOString() });
  assert.deepEqual(crossed(s, { stages: [], forecast: at(24) }, now), [], 'done exactly at the deadline');
  const late = crossed(s, { stages: [], forecast: at(30) }, now);
  assert.deepEqual(late.map((r) => [r.kind, r.value]), [['forecast', 6]]);
  assert.match(late[0]!.message, /6 h past the deadline 2026-12-02 00:00 UTC/);
  assert.deepEqual(crossed(s, { stages: [], forecast: { remaining: 10, acceptedPerHour: 0, completesAt: null } }, now), [], 'nothing accepted yet: no forecast, no alert');
  const after = new Date('2026-12-02T03:00:00Z');
  assert.deepEqual(crossed(s, { stages: [], forecast: { remaining: 3, acceptedPerHour: 0, completesAt: null } }, after).map((r) => r.value), [3]);
  assert.deepEqual(crossed(s, { stages: [], forecast: { remaining: 0, acceptedPerHour: 1, completesAt: after.toISOString() } }, after), [], 'all done');
  assert.deepEqual(crossed(settingsWith({ alertForecastPastDeadline: true }), { stages: [], forecast: at(30) }, now), [], 'no deadline, no line');
});

test('rejection rate: above X fires only with enough decided items; at X it is back under', () => {
  const s = settingsWith({ alertRejectionRateAbove: 0.25, alertRejectionMinDecided: 4 });
  const person = (accepted: number, rejected: number) => ({ annotators: [{ userId: 'u1', name: 'Ann', accepted, rejected }] });
  assert.deepEqual(crossed(s, person(0, 1)), [], 'one rejection of one item does not fire');
  assert.deepEqual(crossed(s, person(3, 1)), [], '25% is not above 25%');
  const fired = crossed(s, person(2, 2));
  assert.deepEqual(fired.map((r) => [r.kind, r.subjectKind, r.subjectId, r.value]), [['rejection_rate', 'person', 'u1', 0.5]]);
  assert.match(fired[0]!.message, /^Ann: 50% of decided work rejected \(2 of 4\), above the red line of 25%/);
});

test('QA batch and daily cap: a failed batch fires per batch; N people at the cap fire once for the project', () => {
  const s = settingsWith({ alertQaBatchFailed: true, qaThreshold: 0.9, dailyCap: 20, alertDailyCapPeople: 3 });
  const fired = crossed(s, { failedBatches: [{ id: 'b1', key: '2026-12-01', annotatorName: 'Ann', accuracy: 0.5 }], atCap: 2 });
  assert.deepEqual(fired.map((r) => [r.kind, r.subjectId, r.value]), [['qa_batch', 'b1', 0.5]]);
  assert.deepEqual(crossed(s, { failedBatches: [], atCap: 3 }).map((r) => [r.kind, r.value, r.level]), [['daily_cap', 3, 3]]);
  assert.deepEqual(crossed(settingsWith({ alertDailyCapPeople: 3 }), { atCap: 5 }), [], 'without a daily cap nobody reaches it');
});

test('changes: raise what crossed and is not open, clear what is open and no longer crossed (or its line is off), nothing twice', () => {
  const s = settingsWith({ backlogAlertAbove: 5 });
  const open = [{ id: 'a1', kind: 'backlog', subjectId: 'annotate' }, { id: 'a2', kind: 'rejection_rate', subjectId: 'u1' }];
  const c = changes(readLines(s, { stages: [stage('annotate', 9), stage('review', 6)] }), open);
  assert.deepEqual(c.raise.map((r) => r.subjectId), ['review'], 'annotate is open already');
  assert.deepEqual(c.clear, [{ id: 'a2', value: null }], 'the rejection line is off: its alert clears');
  const back = changes(readLines(s, { stages: [stage('annotate', 5), stage('review', 6)] }), open.slice(0, 1));
  assert.deepEqual(back.clear, [{ id: 'a1', value: 5 }]);
});
