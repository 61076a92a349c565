import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnnotationPayload } from '@cadre/core';
import { spanCutIssues, textSettingIssues } from './text-rules.ts';

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

test('a span that cuts a grapheme cluster is refused, naming the end and the character', () => {
  const text = 'ok \u1112\u1161\u11ab 👩‍💻 क्षि';
  // Code points: o k ␠ ᄒ ᅡ ᆫ ␠ 👩 ZWJ 💻 ␠ क ् ष ि
  assert.deepEqual(spanCutIssues(payload(span(3, 6), span(7, 10), span(11, 15)), text), []);
  const cut = spanCutIssues(payload(span(3, 5), span(8, 10), span(11, 13)), text);
  assert.deepEqual(cut.map((i) => i.path), ['objects[0].geometry.end', 'objects[1].geometry.start', 'objects[2].geometry.end']);
  assert.match(cut[0]!.message, /end 5 cuts the character "\u1112\u1161\u11ab" in two/);
  assert.match(cut[1]!.message, /"👩‍💻"/);
  assert.match(cut[2]!.message, /"क्षि"/);
});
