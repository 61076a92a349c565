import assert from 'node:assert/strict';
import { test } from 'node:test';
import { px } from '@cadre/core';
import { AnnotationDocument } from './document.ts';
import { hitTest } from './hit-test.ts';

test('among 10,000 boxes every probe finds the box under it, and the topmost where two overlap', () => {
  const doc = new AnnotationDocument();
  for (let i = 0; i < 100; i++) {
    for (let j = 0; j < 100; j++) {
      doc.add({ id: `b${i}-${j}`, kind: 'bbox2d', label: 'car', attributes: {}, geometry: { x: px(10 * i), y: px(10 * j), width: px(8), height: px(8) } });
    }
  }
  doc.add({ id: 'top', kind: 'bbox2d', label: 'car', attributes: {}, geometry: { x: px(500), y: px(500), width: px(30), height: px(30) } });
  for (let i = 0; i < 100; i += 7) {
    for (let j = 0; j < 100; j += 3) {
      const inTop = i >= 50 && i <= 52 && j >= 50 && j <= 52;
      assert.equal(hitTest(doc, 10 * i + 4, 10 * j + 4, 0.5)?.id, inTop ? 'top' : `b${i}-${j}`);
    }
  }
  assert.equal(hitTest(doc, 509, 509, 0.5)?.id, 'top', 'in a gap between small boxes, inside the big one');
  assert.equal(hitTest(doc, 9, 9, 0.5), undefined);
  assert.deepEqual(hitTest(doc, 8.4, 2, 0.5), { id: 'b0-0', layer: 'objects', hit: { part: 'edge', index: 1 } });
});
