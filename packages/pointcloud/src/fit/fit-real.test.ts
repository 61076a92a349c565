// The fitter on real labelled vehicles (SUSTechPOINTS and nuScenes), the way an annotator uses it:
// a rectangle 20% larger than the vehicle, 0.3 m off and turned by up to 15°.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nuscenesFrame, sustechFrames } from '../fit-data.ts';
import { needsSharedData } from '../testing.ts';
import { runCases, vehicleCases, type FitOutcome } from './evaluation.ts';

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
