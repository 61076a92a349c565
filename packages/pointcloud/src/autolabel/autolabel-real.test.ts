// Whole-frame auto-labels against the labels of every frame in ../shared/data/lidar, per dataset:
// recall of the labelled vehicles with at least 50 returns (BEV IoU 0.5) and precision inside the
// labelled region (KITTI labels only what its camera sees), at the score people are shown. The
// objectness model was trained on the tuning frames (./train.ts); the KITTI frames kept out and both
// Argoverse 2 sweeps were never read there, and are reported apart. (Argoverse 2's misses were looked
// at once, and led to the rules for canopies and poles over and beside parked cars in ./frame.ts;
// the KITTI frames kept out have not been looked at.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { av2Frames, kittiFrames, sustechFrames } from '../fit-data.ts';
import type { Frame } from '../fit/evaluation.ts';
import { needsSharedData } from '../testing.ts';
import { addCounts, countDetections, kittiView, type DetectionCount } from './evaluation.ts';
import { autoLabelFrame, SHOWN_SCORE } from './frame.ts';
import { KEPT_OUT_KITTI } from './train.ts';


function measure(frames: Frame[], region?: (x: number, y: number) => boolean): DetectionCount {
  let total: DetectionCount = { truths: 0, found: 0, proposals: 0, correct: 0, ignored: 0 };
  for (const f of frames) total = addCounts(total, countDetections(f, autoLabelFrame(f.positions, { minScore: SHOWN_SCORE }), region));
  return total;
}
const pct = (a: number, b: number) => (b === 0 ? 'none' : `${Math.round((a / b) * 100)}% (${a}/${b})`);
const line = (name: string, c: DetectionCount) => `${name}: vehicles found ${pct(c.found, c.truths)}, proposals right ${pct(c.correct, c.proposals)}`;

test('whole-frame auto-label per dataset, at the score people are shown: no worse than measured', needsSharedData, (t) => {
  const kitti = kittiFrames();
  const sets = {
    'sustech (tuning)': measure(sustechFrames()),
    'kitti (tuning)': measure(kitti.filter((f) => !KEPT_OUT_KITTI.has(f.name)), kittiView),
    'kitti (kept out)': measure(kitti.filter((f) => KEPT_OUT_KITTI.has(f.name)), kittiView),
    'av2 (kept out)': measure(av2Frames()),
  };
  for (const [name, c] of Object.entries(sets)) t.diagnostic(line(name, c));
  // Floors at today's figures (SUSTechPOINTS 87% / 79%, Argoverse 2 59% / 83%, KITTI kept out 2 of 3
  // found, 2 of 7 right): a change that loses ground fails. (A group split where its cells do not touch,
  // its largest part taken for the object when that part fits a class better and the rest kept out of
  // its fit, took SUSTechPOINTS from 84% / 78% and Argoverse 2 from 53% / 81%: parked cars whose group
  // had taken in something standing beside them; KITTI's frames, tuning and kept out, unchanged.) (Cars seen end-on, fitted along the line of
  // sight since, took SUSTechPOINTS from 74% found to 82%, and cost KITTI's kept-out frames one more
  // false proposal. The L-shape's 0.15 m edge band, which lifted a person's fits on every sensor, took
  // SUSTechPOINTS to 84%, Argoverse 2 from 89% right to 81% (an unlabelled 5 m × 3 m structure now
  // sized as a truck, in both sweeps) and KITTI's kept-out frames from 3 of 3 found and 3 of 8 right
  // to 2 and 2 of 7.) The goal (80% found, 70% right, on every dataset) is met on SUSTechPOINTS only.
  // (Argoverse 2's misses were looked at while tuning since it was first reported: no longer kept out.)
  const s = sets['sustech (tuning)'], a = sets['av2 (kept out)'], k = sets['kitti (kept out)'];
  assert.ok(s.found / s.truths >= 0.86 && s.correct / s.proposals >= 0.78, line('sustech', s));
  assert.ok(a.found / a.truths >= 0.58 && a.correct / a.proposals >= 0.8, line('av2', a));
  assert.ok(k.found / k.truths >= 0.66 && k.correct / k.proposals >= 0.28, line('kitti kept out', k));
});
