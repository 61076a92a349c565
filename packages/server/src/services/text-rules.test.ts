import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnnotationPayload } from '@cadre/core';
import { textSettingIssues } from './text-rules.ts';

const span = (start: number, end: number) => ({ id: `s${start}`, label: 'D', kind: 'text_span' as const, geometry: { start, end }, attributes: {} });
const cls = (label: string) => ({ id: label, label, kind: 'text_class' as const, geometry: null, attributes: {} });
const payload = (...objects: AnnotationPayload['objects']): AnnotationPayload => ({ schemaVersion: 1, objects });

test('overlapping spans are refused unless allowOverlap; touching spans are fine', () => {
  const p = payload(span(10, 20), span(0, 5), span(5, 10), span(15, 30), span(25, 26));
  assert.deepEqual(textSettingIssues(p, { allowOverlap: true, multiLabel: false }), []);
  assert.deepEqual(textSettingIssues(p, { allowOverlap: false, multiLabel: false }).map((i) => i.path), ['objects[3].geometry', 'objects[4].geometry']);
  assert.match(textSettingIssues(p, { allowOverlap: false, multiLabel: false })[0]!.message, /overlaps objects\[0\] \(10–20\); this project does not allow overlapping spans/);
});

test('a second text class is refused unless multiLabel', () => {
  const p = payload(cls('fever'), span(0, 1), cls('cough'));
  assert.deepEqual(textSettingIssues(p, { allowOverlap: false, multiLabel: true }), []);
  assert.deepEqual(textSettingIssues(p, { allowOverlap: false, multiLabel: false }).map((i) => i.path), ['objects[2]']);
});
