// Undo and redo of the 3D task's boxes: the one document contract every engine runs (a single
// frame, and a sequence where edits move interpolated boxes too), then the 3D steps one by one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Cuboid3dGeometry } from '@cadre/core';
import { handleHistoryKey } from '@cadre/document';
import { documentContract } from '@cadre/document/testing';
import { CuboidDocument } from './cuboid-document.ts';
import type { Cuboid } from './cuboid.ts';

const box = (x: number, yaw = 0) => ({ x, y: 0, z: 0, dx: 4, dy: 2, dz: 1.5, yaw }) as Cuboid3dGeometry;
const pre = (id: string, frame: number, x: number): Cuboid => ({ id, label: 'Car', kind: 'cuboid3d', geometry: box(x), attributes: {}, trackId: 't1', frame, score: 0.9 });
const opened = (): Cuboid => ({ id: 'saved', label: 'Truck', kind: 'cuboid3d', geometry: box(-10), attributes: {}, origin: 'human' });

function contract(name: string, frameCount: number) {
  documentContract({
    name,
    open: () => {
      const doc = new CuboidDocument(frameCount, [frameCount > 1 ? { ...opened(), frame: 0, trackId: 'old', keyframe: true } : opened()], [pre('p:0', 0, 20)]);
      let n = 0;
      return {
        document: doc.document,
        history: doc.history,
        // On a sequence a new track with keyframes on the first and last frame, one step: the frames between are interpolated.
        create: () => doc.history.transact('create track', () => {
          const a = doc.add({ label: 'Car', geometry: box(n++ * 10), attributes: {}, frame: 0 });
          if (doc.sequence) doc.add({ label: 'Car', geometry: box(n * 10), attributes: {}, frame: frameCount - 1, trackId: a.trackId! });
          return a.id;
        }),
        edit: (id) => doc.setGeometry(id, box(doc.get(id)!.geometry.x + 1, 0.5)),
        remove: (id) => doc.remove(id),
        save: () => doc.toPayload(),
        key: (e) => handleHistoryKey(e, doc.history),
      };
    },
  }, test);
}
contract('3D boxes, one frame', 1);
contract('3D boxes, a 4-frame sequence', 4);

const xs = (doc: CuboidDocument) => doc.all().map((o) => [o.frame, o.keyframe, o.geometry.x]).sort((a, b) => (a[0] as number) - (b[0] as number));

test('a drag is one step however many moves it took; undo puts the interpolated boxes back too', () => {
  const doc = new CuboidDocument(3);
  const a = doc.add({ label: 'Car', geometry: box(0), attributes: {}, frame: 0 });
  const b = doc.add({ label: 'Car', geometry: box(8), attributes: {}, frame: 2, trackId: a.trackId! });
  const before = xs(doc);
  assert.deepEqual(before, [[0, true, 0], [1, false, 4], [2, true, 8]]);
  doc.begin('move');
  for (let x = 9; x <= 14; x++) doc.setGeometry(b.id, box(x));
  doc.end();
  assert.equal(doc.history.nextUndo, 'move');
  assert.deepEqual(xs(doc), [[0, true, 0], [1, false, 7], [2, true, 14]]);
  assert.deepEqual(doc.undo(), [1, 2], 'the frames the step touched');
  assert.deepEqual(xs(doc), before);
  assert.equal(doc.history.nextUndo, 'create box');
  doc.redo();
  assert.deepEqual(xs(doc), [[0, true, 0], [1, false, 7], [2, true, 14]]);
});

test('accepting a pre-label and deleting another undo to the proposals as they came', () => {
  const doc = new CuboidDocument(1, [], [pre('p:0', 0, 0), pre('p:1', 0, 5)].map(({ frame: _f, trackId: _t, ...p }) => p));
  const accepted = doc.accept('p:0')!;
  doc.remove('p:1');
  assert.deepEqual([doc.all().map((o) => o.predictionId), doc.pending()], [['p:0'], []]);
  assert.equal(doc.history.nextUndo, 'delete pre-label');
  doc.undo();
  doc.undo();
  assert.deepEqual([doc.all(), doc.pending().map((p) => [p.id, p.score])], [[], [['p:0', 0.9], ['p:1', 0.9]]]);
  doc.redo();
  assert.equal(doc.get(accepted.id)?.predictionId, 'p:0', 'redo brings back the same box, same id');
});

test('accept all, a class change over a track and deleting a track are one step each', () => {
  const doc = new CuboidDocument(3, [], [pre('p:0', 0, 0), pre('p:2', 2, 2)]);
  doc.acceptAll(doc.pending().map((p) => p.id));
  assert.deepEqual(xs(doc), [[0, true, 0], [1, false, 1], [2, true, 2]]);
  doc.setLabel(doc.inFrame(1)[0]!.id, 'Truck', { parked: true });
  assert.deepEqual(doc.all().map((o) => o.label), ['Truck', 'Truck', 'Truck']);
  doc.removeTrack('t1');
  assert.deepEqual(doc.all(), []);
  assert.deepEqual(doc.undo(), [0, 1, 2]);
  doc.undo();
  assert.deepEqual(doc.all().map((o) => o.label), ['Car', 'Car', 'Car']);
  doc.undo();
  assert.deepEqual([doc.all().length, doc.pending().length, doc.history.canUndo], [0, 2, false]);
});

test('copy to next frame is one step that a new edit after its undo cannot redo', () => {
  const doc = new CuboidDocument(2);
  const a = doc.add({ label: 'Car', geometry: box(1), attributes: {}, frame: 0 });
  doc.copyToNext(a.id);
  assert.equal(doc.history.nextUndo, 'copy to next frame');
  assert.deepEqual(doc.undo(), [1]);
  doc.setAttributes(a.id, { parked: true });
  assert.equal(doc.history.canRedo, false);
  assert.deepEqual(doc.redo(), [], 'nothing to redo');
});
