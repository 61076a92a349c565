import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bevIou, countPointsInCuboid } from '@cadre/core';
import { sustechFrames } from '../fit-data.ts';
import { needsSharedData } from '../testing.ts';
import { vehicleClass } from '../fit/evaluation.ts';
import { autoLabelFrame, SHOWN_SCORE, type FrameProposal } from './frame.ts';
import { hungarian, linkOrder, linkTracks, withoutHiddenFills } from './tracks.ts';

test('the Hungarian method finds the cheapest assignment, leaves out forbidden pairs, and handles more rows than columns', () => {
  assert.deepEqual(hungarian([[4, 1, 3], [2, 0, 5], [3, 2, 2]]), [1, 0, 2]); // 1 + 2 + 2 = 5, where greedy (0 first) pays 6
  assert.deepEqual(hungarian([[1, Infinity], [Infinity, Infinity]]), [0, -1]);
  assert.deepEqual(hungarian([[5], [1], [3]]), [-1, 0, -1]);
  assert.deepEqual(hungarian([]), []);
});

const car = (x: number, y: number, dx = 4.5): FrameProposal => ({ x, y, z: 0, dx, dy: 1.8, dz: 1.5, yaw: 0, class: 'car', score: 0.8, points: 100 });

test('two cars passing each other keep their tracks; a frame one is missing from is filled in, and each track keeps one size', () => {
  // Car A drives +x at 1 m a frame, car B −x; they cross near x = 5 between frames 2 and 3 (in different lanes).
  const frames = [0, 1, 2, 3, 4].map((f) => [car(f, 0, 4.4 + 0.1 * f), car(10 - f, 3.5)].filter((_, i) => !(f === 2 && i === 0)));
  const boxes = linkTracks(frames);
  const tracks = new Map<string, typeof boxes>();
  for (const b of boxes) tracks.set(b.track, [...(tracks.get(b.track) ?? []), b]);
  assert.equal(tracks.size, 2);
  const a = [...tracks.values()].find((t) => t[0]!.y === 0)!.sort((p, q) => p.frame - q.frame);
  assert.deepEqual(a.map((b) => b.frame), [0, 1, 2, 3, 4]);
  assert.deepEqual(a.map((b) => b.interpolated), [false, false, true, false, false]);
  assert.ok(Math.abs(a[2]!.x - 2) < 1e-9, 'the missing frame is interpolated where the car was');
  assert.ok(a.every((b) => b.dx === a[0]!.dx), 'one length for the whole track (the median)');
});

test('a track is one object of one class: a truck\'s new track does not go on as the car that appears beside it', () => {
  const truck: FrameProposal = { ...car(10, 0, 7), dy: 2.5, dz: 3, class: 'truck' };
  // Frame 1: the truck is missed; a car 3 m from it is within the reach of a track whose speed is not known yet.
  const boxes = linkTracks([[truck], [car(7, 0)], [{ ...truck, x: 10.5 }]]);
  const byTrack = new Map<string, string[]>();
  for (const b of boxes) byTrack.set(b.track, [...(byTrack.get(b.track) ?? []), `${b.frame}:${b.class}${b.interpolated ? '*' : ''}`]);
  assert.deepEqual([...byTrack.values()].sort(), [['0:truck', '1:truck*', '2:truck'], ['1:car']].sort());
});

test('a box filled in across a gap where the object returned almost nothing (hidden) is left out; the track keeps its id', () => {
  const frames = [0, 1, 2, 3].map((f) => (f === 1 ? [] : [car(f, 0)]));
  const boxes = linkTracks(frames);
  assert.deepEqual(boxes.map((b) => `${b.frame}${b.interpolated ? '*' : ''}`).sort(), ['0', '1*', '2', '3']);
  const seen = (points: number) => withoutHiddenFills(boxes, (b) => (b.frame === 1 ? points : 100));
  assert.deepEqual(seen(2).map((b) => b.frame).sort(), [0, 2, 3], 'two returns: hidden');
  assert.equal(new Set(seen(2).map((b) => b.track)).size, 1);
  assert.deepEqual(seen(5).map((b) => b.frame).sort(), [0, 1, 2, 3], 'as many as the points check asks: kept');
  assert.equal(withoutHiddenFills(boxes, () => 0, 0).length, 4, 'min 0 keeps every box');
});

test('frames are linked from the pair closest in time: forward to the end, then back to the start', () => {
  assert.deepEqual(linkOrder([9.5, 11, 11.5, 12]).map((o) => `${o.frame}${o.forward ? '>' : '<'}`), ['1>', '2>', '3>', '0<']);
  assert.deepEqual(linkOrder([0, 1, 2]).map((o) => o.frame), [0, 1, 2]);
  assert.deepEqual(linkOrder([5]), [{ frame: 0, forward: true }]);
  assert.deepEqual(linkOrder([]), []);
});

test('a proposal under the start score continues a track (a car far away on the first frame) but starts none (clutter)', () => {
  const at = (x: number, y: number, score: number): FrameProposal => ({ ...car(x, y), score });
  // The car drives +x at 2 m a frame; on frame 0 it is scored 0.2. Clutter scores 0.2 on every frame, 15 m away.
  const frames = [0, 1, 2, 3].map((f) => [at(2 * f, 0, f === 0 ? 0.2 : 0.8), at(5, 15 + (f % 2), 0.2)]);
  const boxes = linkTracks(frames, { startScore: 0.4 });
  assert.deepEqual([...new Set(boxes.map((b) => b.track))].length, 1, JSON.stringify(boxes.map((b) => [b.track, b.frame, b.x, b.y])));
  assert.deepEqual(boxes.map((b) => b.frame).sort(), [0, 1, 2, 3]);
  assert.ok(boxes.every((b) => b.y === 0), 'the clutter joined no track');
  assert.ok(boxes.every((b) => b.score === 0.8), 'the box kept by its track carries the track\'s score');
  // Without a start score every proposal may start a track, as before.
  assert.equal(new Set(linkTracks(frames).map((b) => b.track)).size, 2);
});

test('on the SUSTechPOINTS sequence, tracks from auto-labels alone: each labelled vehicle seen in every frame keeps one track id', needsSharedData, (t) => {
  const frames = sustechFrames();
  const times = frames.map((f) => Number(f.name.split(' ')[1]) / 10); // 10 Hz frame numbers
  const tracked = linkTracks(frames.map((f) => autoLabelFrame(f.positions)), { times, startScore: SHOWN_SCORE });
  // Ground-truth tracks: SUSTechPOINTS' obj_id.
  const truths = new Map<string, { frame: number; box: (typeof frames)[number]['boxes'][number] }[]>();
  frames.forEach((f, i) => f.boxes.forEach((b) => {
    if (!vehicleClass(b.label) || countPointsInCuboid(b, f.positions) < 50) return;
    const id = b.id ?? '';
    truths.set(id, [...(truths.get(id) ?? []), { frame: i, box: b }]);
  }));
  const everywhere = [...truths.entries()].filter(([id, list]) => id !== '' && list.length === frames.length);
  let kept = 0;
  for (const [id, list] of everywhere) {
    const ids = list.map(({ frame, box }) => tracked.filter((b) => b.frame === frame).find((b) => bevIou(b, box) >= 0.3)?.track ?? 'none');
    if (ids.every((x) => x !== 'none' && x === ids[0])) kept++;
    else t.diagnostic(`vehicle ${id}: tracks by frame ${ids.join(', ')}`);
  }
  t.diagnostic(`${kept} of ${everywhere.length} vehicles seen in all ${frames.length} frames keep one track id`);
  assert.ok(everywhere.length >= 5, `only ${everywhere.length} vehicles with ≥ 50 points in every frame`);
  // Every one. Two are scored under the shown score on the first frame, 1.5 s before the rest, and
  // are kept there by tracks begun on the later frames; one (vehicle 20) is scored under it on the
  // second, where a bus's new track, its speed not yet known, took its next box until tracks kept
  // to one class (5 of 6). Linked from the first frame forward, one car swapped with an unlabelled
  // one 3 m behind it before any speed was known (2 of 6 kept, before that).
  assert.equal(kept, everywhere.length, `${kept} of ${everywhere.length} keep one track id`);
});
