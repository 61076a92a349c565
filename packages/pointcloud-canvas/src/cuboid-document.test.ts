// The 3D task's boxes without a browser: keyframes, interpolation, pre-labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Cuboid3dGeometry } from '@cadre/core';
import { CuboidDocument } from './cuboid-document.ts';
import type { Cuboid } from './cuboid.ts';

const box = (x: number, yaw = 0) => ({ x, y: 0, z: 0, dx: 4, dy: 2, dz: 1.5, yaw }) as Cuboid3dGeometry;
const frames = (set: CuboidDocument, trackId: string) => set.all().filter((o) => o.trackId === trackId).sort((a, b) => a.frame! - b.frame!).map((o) => [o.frame, o.keyframe, o.geometry.x]);

test('two keyframes of a track fill the frames between; editing one between makes it a keyframe', () => {
  const set = new CuboidDocument(5);
  const a = set.add({ label: 'Car', geometry: box(0), attributes: {}, frame: 0 });
  set.add({ label: 'Car', geometry: box(8), attributes: {}, frame: 4, trackId: a.trackId! });
  assert.deepEqual(frames(set, a.trackId!), [[0, true, 0], [1, false, 2], [2, false, 4], [3, false, 6], [4, true, 8]]);
  const between = set.inFrame(2)[0]!;
  const kept = set.inFrame(1)[0]!.id;
  set.setGeometry(between.id, box(5));
  assert.deepEqual(frames(set, a.trackId!), [[0, true, 0], [1, false, 2.5], [2, true, 5], [3, false, 6.5], [4, true, 8]]);
  assert.equal(set.inFrame(1)[0]!.id, kept, 'an interpolated box keeps its id when recomputed');
  set.remove(set.inFrame(4)[0]!.id);
  assert.deepEqual(frames(set, a.trackId!), [[0, true, 0], [1, false, 2.5], [2, true, 5]], 'past the last keyframe nothing is left');
});

test('copy to next frame continues the track; a class change applies to the whole track', () => {
  const set = new CuboidDocument(3);
  const a = set.add({ label: 'Car', geometry: box(1), attributes: {}, frame: 0 });
  const copy = set.copyToNext(a.id)!;
  assert.deepEqual([copy.frame, copy.trackId, copy.keyframe, copy.geometry.x], [1, a.trackId, true, 1]);
  set.setLabel(copy.id, 'Truck', {});
  assert.deepEqual(set.all().map((o) => o.label), ['Truck', 'Truck']);
  assert.equal(set.copyToNext(set.copyToNext(copy.id)!.id), undefined, 'no frame after the last');
  set.removeTrack(a.trackId!);
  assert.deepEqual(set.all(), [], 'deleting the track removes it from every frame');
});

test('accepting a pre-label remembers it; an edit marks it edited; a waiting pre-label of the track is not overdrawn', () => {
  const pre = (id: string, frame: number, x: number): Cuboid => ({ id, label: 'Car', kind: 'cuboid3d', geometry: box(x), attributes: {}, trackId: 't1', frame, score: 0.9 });
  const set = new CuboidDocument(3, [], [pre('p:0', 0, 0), pre('p:1', 1, 1), pre('p:2', 2, 2)]);
  const first = set.accept('p:0')!;
  const last = set.accept('p:2')!;
  assert.deepEqual([first.origin, first.predictionId, first.score, first.keyframe], ['prediction_accepted', 'p:0', undefined, true]);
  assert.deepEqual(set.inFrame(1), [], 'frame 2 still shows its own pre-label, not an interpolated box');
  set.setGeometry(last.id, box(3));
  assert.equal(set.get(last.id)!.origin, 'prediction_edited');
  set.remove('p:1');
  set.setGeometry(last.id, box(4));
  assert.deepEqual(frames(set, 't1'), [[0, true, 0], [1, false, 2], [2, true, 4]]);
  assert.deepEqual(set.toPayload().objects.length, 3);
});

test('a single frame has no frame, track or keyframe', () => {
  const set = new CuboidDocument(1);
  const o = set.add({ label: 'Car', geometry: box(0), attributes: {}, frame: 0 });
  assert.deepEqual([o.frame, o.trackId, o.keyframe], [undefined, undefined, undefined]);
});

test('a machine cuboid given another class or attributes is edited', () => {
  const pre = (id: string, label: string): Cuboid => ({ id, label, kind: 'cuboid3d', geometry: box(0), attributes: {}, frame: 0, score: 0.9 });
  const set = new CuboidDocument(1, [], [pre('p:0', 'Car'), pre('p:1', 'Car'), pre('p:2', 'Car')]);
  const relabelled = set.accept('p:0')!;
  const attributed = set.accept('p:1')!;
  const untouched = set.accept('p:2')!;
  set.setLabel(relabelled.id, 'Truck', {});
  set.setAttributes(attributed.id, { parked: true });
  assert.deepEqual([relabelled, attributed, untouched].map((o) => set.get(o.id)!.origin), ['prediction_edited', 'prediction_edited', 'prediction_accepted']);
});

test('copying one box to the next frame twice leaves one box of its track there, not two', () => {
  const set = new CuboidDocument(3);
  const a = set.add({ label: 'car', geometry: box(5), attributes: {}, frame: 0 });
  set.copyToNext(a.id);
  set.copyToNext(a.id);
  assert.equal(set.inFrame(1).length, 1);
  assert.equal(set.inFrame(1)[0]!.trackId, a.trackId);
  assert.equal(set.all().filter((o) => o.trackId === a.trackId).length, 2);
});

test('a correction of an accepted box is carried to its track\'s waiting proposals on later frames: same size, same offset in the box\'s axes, same turn; undo takes both back', () => {
  // A car driving along x with a quarter turn by frame 3; the machine made it 4 m long, it is 4.6 m.
  const pre = (id: string, frame: number, x: number, yaw: number, track = 't1'): Cuboid =>
    ({ id, label: 'Car', kind: 'cuboid3d', geometry: box(x, yaw), attributes: {}, trackId: track, frame, score: 0.8 });
  const set = new CuboidDocument(4, [], [pre('a0', 0, 0, 0), pre('a1', 1, 5, 0), pre('a2', 2, 10, 0), pre('a3', 3, 15, Math.PI / 2), pre('b1', 1, 30, 0, 't2')]);
  const told: string[][] = [];
  set.onCarried((ps) => told.push(ps.map((p) => p.id)));
  const first = set.accept('a0')!;
  // Longer by 0.6 m and moved 0.3 m forward (to keep its back where it was), 0.2 m up.
  set.setGeometry(first.id, { ...box(0.3), dx: 4.6, z: 0.2 } as Cuboid3dGeometry);
  assert.deepEqual(told, [['a1', 'a2', 'a3']], 'the later proposals of its track, not the other car\'s');
  const g = (id: string) => set.get(id)!.geometry;
  const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  for (const id of ['a1', 'a2', 'a3']) assert.deepEqual([g(id).dx, g(id).dy, g(id).dz], [4.6, 2, 1.5], `${id} takes the corrected size`);
  assert.ok(near(g('a1').x, 5.3) && near(g('a1').y, 0) && near(g('a1').z, 0.2));
  // Turned a quarter, "forward" is +y there.
  assert.ok(near(g('a3').x, 15) && near(g('a3').y, 0.3), `a3 moved forward along its own heading: ${g('a3').x}, ${g('a3').y}`);
  assert.deepEqual(g('b1'), box(30, 0), 'another track is untouched');
  assert.ok(set.isProposal('a2'), 'they stay proposals for the person to accept');
  set.undo();
  assert.deepEqual(g('a1'), box(5, 0), 'one undo takes the correction and what it carried back');
  set.refitProposal('a2', box(10.1));
  assert.equal(g('a2').x, 10.1);
});
