// The fitter on real labelled vehicles, the way an annotator uses it: a rectangle 20% larger than
// the vehicle, 0.3 m off and turned by up to 15°. SUSTechPOINTS and nuScenes are what it was developed
// on; KITTI (64-beam, camera-view labels) and Argoverse 2 (two stacked 32-beam sensors, ego frame) are
// other sensors. The class-height cap on object returns was chosen on the Argoverse 2 sweeps and the
// KITTI frames 000003–000007; KITTI 000009, 000076, 000134 and 007347 were kept out of every choice
// and are reported on their own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { av2Frames, kittiFrames, nuscenesFrame, sustechFrames } from '../fit-data.ts';
import { needsSharedData } from '../testing.ts';
import { learnedPriors, runCases, vehicleCases, type FitOutcome, type Frame, type PriorOf } from './evaluation.ts';
import { estimateSensorOrigin } from './sensor.ts';

const share = (outcomes: FitOutcome[], ok: (o: FitOutcome) => boolean) => outcomes.filter(ok).length / outcomes.length;
const pct = (v: number) => `${(v * 100).toFixed(0)}%`;

function report(name: string, outcomes: FitOutcome[]): string {
  if (outcomes.length === 0) return `${name}: none`;
  const ious = outcomes.map((o) => o.iou).sort((a, b) => a - b);
  const median = ious[Math.floor(ious.length / 2)]!;
  return `${name}: ${outcomes.length} boxes, BEV IoU median ${median.toFixed(2)}, ≥0.5 ${pct(share(outcomes, (o) => o.iou >= 0.5))}, ≥0.7 ${pct(share(outcomes, (o) => o.iou >= 0.7))}, heading ≤10° ${pct(share(outcomes, (o) => o.headingError <= 10))}`;
}

test('fitted boxes match labelled vehicles: BEV IoU ≥ 0.5 for 90%, ≥ 0.7 for 70%, heading within 10° for 90%', needsSharedData, (t) => {
  const cases = vehicleCases([...sustechFrames(), nuscenesFrame()]);
  // Every vehicle with at least 50 points: 38 in the four SUSTechPOINTS frames, 1 in the nuScenes frame.
  assert.ok(cases.length >= 35, `only ${cases.length} vehicles with ≥ 50 points`);
  const outcomes = runCases(cases);
  t.diagnostic(report('all', outcomes));
  t.diagnostic(report('under 200 points', outcomes.filter((o) => o.fitCase.inside < 200)));
  t.diagnostic(report('200 points and more', outcomes.filter((o) => o.fitCase.inside >= 200)));
  for (const o of outcomes.filter((x) => x.iou < 0.5 || x.headingError > 10)) {
    t.diagnostic(`miss: ${o.fitCase.frame.name} ${o.fitCase.truth.label} (${o.fitCase.inside} points): IoU ${o.iou.toFixed(2)}, heading off ${o.headingError.toFixed(1)}°`);
  }
  assert.ok(share(outcomes, (o) => o.iou >= 0.5) >= 0.9, report('all', outcomes));
  assert.ok(share(outcomes, (o) => o.iou >= 0.7) >= 0.7, report('all', outcomes));
  assert.ok(share(outcomes, (o) => o.headingError <= 10) >= 0.9, report('all', outcomes));
  for (const o of outcomes) assert.ok(o.fit.points > 0, 'a fitted box holds the points it was fitted to');
});

test('the same rectangles with other random offsets pass too (the result is not one lucky seed)', needsSharedData, () => {
  const frames = [...sustechFrames(), nuscenesFrame()];
  for (const seed of [1, 2, 3]) {
    const outcomes = runCases(vehicleCases(frames, seed));
    assert.ok(share(outcomes, (o) => o.iou >= 0.5) >= 0.9 && share(outcomes, (o) => o.iou >= 0.7) >= 0.7, `seed ${seed}: ${report('all', outcomes)}`);
  }
});

const SEEDS = [20261127, 1, 2];
const KEPT_OUT = new Set(['kitti 000009', 'kitti 000076', 'kitti 000134', 'kitti 007347']);

test('other sensors, with size priors learned from the dataset\'s other frames as a project learns them from its accepted boxes: per dataset, and on the KITTI frames kept out of tuning', needsSharedData, (t) => {
  const kitti = kittiFrames();
  const av2 = av2Frames();
  const sustech = sustechFrames();
  const keptOut = (o: FitOutcome) => KEPT_OUT.has(o.fitCase.frame.name);
  // Three draws of the rectangles for each vehicle: one draw moves a sensor's share by a box or two.
  const draws = (frames: Frame[], priors?: PriorOf) => SEEDS.flatMap((seed) => runCases(vehicleCases(frames, seed), priors));
  const fixed = { kitti: draws(kitti), av2: draws(av2), sustech: draws(sustech) };
  const learned = { kitti: draws(kitti, learnedPriors(kitti)), av2: draws(av2, learnedPriors(av2)), sustech: draws(sustech, learnedPriors(sustech)) };
  for (const name of ['kitti', 'av2', 'sustech'] as const) {
    t.diagnostic(report(`${name}, fixed priors`, fixed[name]));
    t.diagnostic(report(`${name}, learned priors`, learned[name]));
  }
  t.diagnostic(report('kitti kept out, learned priors', learned.kitti.filter(keptOut)));
  assert.ok(fixed.kitti.length >= 8 * SEEDS.length && fixed.av2.length >= 30 * SEEDS.length, `vehicles with ≥ 50 points: KITTI ${fixed.kitti.length / SEEDS.length}, Argoverse 2 ${fixed.av2.length / SEEDS.length}`);
  // Floors at what the fitter reaches today with learned priors, three draws pooled (KITTI 83% / 100%,
  // its kept-out frames 56% / 100%; Argoverse 2 72% / 91%; SUSTechPOINTS 91% / 97% at IoU 0.7 / 0.5;
  // headings within 10° 100%, 92%, 99%): a change that loses ground on a sensor fails. Before the
  // L-shape counted returns within 0.15 m of an edge as on it (0.01 m), KITTI was 75% (kept out 33%)
  // with 96% of headings, Argoverse 2 70% / 87% with 81%; before cells hanging over 1.3 times the
  // class's height were left out, Argoverse 2 was 71% / 90%. (Argoverse 2 was 69% / 84% on one draw
  // before rays started at the sensor found in the sweep and before the clusters inside a person's
  // rectangle that together fit one vehicle were fitted as one.)
  // (SUSTechPOINTS' and Argoverse 2's frames are one scene each, so their "other frames" hold the same
  // vehicles; KITTI's are separate scenes, which makes it the honest measure of learning.)
  // The goal (90% / 97% on every sensor) is not reached yet on KITTI and Argoverse 2.
  const heading = (o: FitOutcome[]) => share(o, (x) => x.headingError <= 10);
  assert.ok(share(learned.kitti, (o) => o.iou >= 0.7) >= 0.8 && share(learned.kitti, (o) => o.iou >= 0.5) >= 0.95 && heading(learned.kitti) >= 0.95, report('kitti', learned.kitti));
  assert.ok(share(learned.av2, (o) => o.iou >= 0.7) >= 0.7 && share(learned.av2, (o) => o.iou >= 0.5) >= 0.88 && heading(learned.av2) >= 0.9, report('av2', learned.av2));
  assert.ok(share(learned.sustech, (o) => o.iou >= 0.7) >= 0.9 && heading(learned.sustech) >= 0.95, report('sustech', learned.sustech));
  // Learning the project's sizes is better than the fixed typical ones where the sensor's vehicles differ from them.
  assert.ok(share(learned.kitti, (o) => o.iou >= 0.7) > share(fixed.kitti, (o) => o.iou >= 0.7), `KITTI: ${report('learned', learned.kitti)} against ${report('fixed', fixed.kitti)}`);
});

test('the sensor is found in each real sweep: at the origin of sensor-frame clouds, on the roof in Argoverse 2\'s ego frame', needsSharedData, (t) => {
  const near = (o: readonly number[], [x, y, z]: number[], tol: number) => Math.abs(o[0]! - x!) <= tol && Math.abs(o[1]! - y!) <= tol && Math.abs(o[2]! - z!) <= tol;
  for (const f of [...kittiFrames(), ...sustechFrames(), nuscenesFrame()]) {
    const o = estimateSensorOrigin(f.positions);
    // KITTI's HDL-64 fires from two blocks: its rings meet about 0.2 m above the velodyne frame's origin.
    assert.ok(near(o, [0, 0, 0], 0.3), `${f.name}: sensor found at ${o.join(', ')}, not at the frame's origin`);
  }
  for (const f of av2Frames()) {
    const o = estimateSensorOrigin(f.positions);
    t.diagnostic(`${f.name}: sensor at ${o.join(', ')}`);
    // The roof mount: about 1.5 m ahead of the rear axle and 1.6 m above it (the ground lies near z = -0.4 m).
    assert.ok(near(o, [1.5, 0, 1.6], 0.4), `${f.name}: sensor found at ${o.join(', ')}`);
  }
});
