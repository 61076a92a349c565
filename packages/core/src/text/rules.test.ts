import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnnotationPayload } from '../annotation.ts';
import { checkPlacement, overlapping } from './overlap.ts';
import { spanCutIssues, textSettingIssues } from './rules.ts';

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

const placed = [
  { id: 's1', label: 'Disease', start: 10, end: 20 },
  { id: 's2', label: 'Gene', start: 30, end: 35 },
];

test('placing a span: refused with a reason naming the span it overlaps; touching is fine', () => {
  const r = checkPlacement({ start: 15, end: 32 }, placed, false);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.overlaps?.id, 's1');
    assert.match(r.reason, /s1 \(Disease, \[10, 20\)\)/);
  }
  assert.ok(checkPlacement({ start: 20, end: 30 }, placed, false).ok);
  assert.ok(checkPlacement({ start: 15, end: 32 }, placed, true).ok, 'allowed when the project allows overlap');
  assert.ok(checkPlacement({ start: 12, end: 18 }, placed, false, 's1').ok, 'the span being adjusted does not count');
});

test('the workspace, the engine and the submit check agree on every pair of small spans', () => {
  for (let a = 0; a < 6; a++) for (let b = a + 1; b <= 6; b++) for (let c = 0; c < 6; c++) for (let d = c + 1; d <= 6; d++) {
    const shared = Array.from({ length: 6 }, (_, i) => i).some((i) => a <= i && i < b && c <= i && i < d);
    const one = { id: 'x', label: 'D', start: a, end: b };
    assert.equal(overlapping({ start: c, end: d }, [one]) !== undefined, shared, `[${a},${b}) and [${c},${d})`);
    assert.equal(checkPlacement({ start: c, end: d }, [one], false).ok, !shared);
    assert.equal(textSettingIssues(payload(span(a, b), { ...span(c, d), id: 'y' }), { allowOverlap: false, multiLabel: false }).length > 0, shared);
  }
});
