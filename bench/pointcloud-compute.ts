// Point-cloud parsing and cuboid fitting in Node (the same code runs in the browser's worker).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePcd } from '@cadre/pointcloud';
import { av2Frames, kittiFrames, nuscenesFrame, sustechFrames } from '../packages/pointcloud/src/fit-data.ts';
import { autoLabelFrame, SHOWN_SCORE } from '../packages/pointcloud/src/autolabel/frame.ts';
import { addEffort, frameEffort, NO_EFFORT, type FrameEffort } from '../packages/pointcloud/src/autolabel/effort.ts';
import { kittiView } from '../packages/pointcloud/src/autolabel/evaluation.ts';
import { KEPT_OUT_KITTI } from '../packages/pointcloud/src/autolabel/train.ts';
import type { Frame } from '../packages/pointcloud/src/fit/evaluation.ts';
import { runCases, vehicleCases } from '../packages/pointcloud/src/fit/evaluation.ts';
import { prepareScene } from '../packages/pointcloud/src/fit/fit.ts';
import { SHARED_DATA } from '../packages/pointcloud/src/testing.ts';
import { runChecks, DEFAULT_CHECK_SETTINGS } from '../packages/core/src/checks/index.ts';
import { ontology as checkOntology, sweepScene } from '../packages/core/src/checks/test-support.ts';
import { mergeIntoSection } from './load-bench.ts';
import { provenance } from './provenance.ts';
import { log, percentile, round } from './stats.ts';

const median = (values: number[]) => percentile(values, 50);

const POINTS = 120_000;

/** A binary PCD (x y z intensity, float32) of `count` points taken from real sweeps, or synthetic ones without the data. */
function pcd120k(source: Float32Array[]): Uint8Array {
  const header = `# .PCD v0.7\nVERSION 0.7\nFIELDS x y z intensity\nSIZE 4 4 4 4\nTYPE F F F F\nCOUNT 1 1 1 1\nWIDTH ${POINTS}\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS ${POINTS}\nDATA binary\n`;
  const head = new TextEncoder().encode(header);
  const body = new Float32Array(POINTS * 4);
  let k = 0;
  for (let round = 0; k < POINTS; round++) {
    for (const positions of source.length > 0 ? source : [Float32Array.from({ length: 3 * 60_000 }, () => Math.random() * 80 - 40)]) {
      for (let i = 0; i + 2 < positions.length && k < POINTS; i += 3, k++) body.set([positions[i]! + round * 0.01, positions[i + 1]!, positions[i + 2]!, (k % 255) / 255], k * 4);
    }
  }
  const out = new Uint8Array(head.length + body.byteLength);
  out.set(head);
  out.set(new Uint8Array(body.buffer), head.length);
  return out;
}

function timeIt(fn: () => void, repeats: number): number[] {
  fn(); fn(); // warm the JIT
  const out: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

export interface PointcloudCompute {
  checks_ms_120k_100_cuboids: number; parse_ms_120k: number; fit_ms_median: number; fit_boxes: number; scene_prepare_ms: number; fit_iou_07_share: number;
  autolabel_ms_frame: number; autolabel_frames: number;
  /** Seconds a frame's vehicles take verifying the auto-label over placing them by hand (autolabel/effort.ts), on the frames kept out of tuning (KITTI kept out, Argoverse 2). */
  effort_ratio: number; effort_frames: number;
  /** The same on the frames the auto-labeller was tuned on (SUSTechPOINTS, the other KITTI frames). */
  effort_ratio_tuning: number;
  /** Kept-out frames, counting only vehicles with at least 50 returns (the detection target's), as if the sparse ones were not asked for. */
  effort_ratio_dense: number;
}

/** The effort model over frames, with the proposals people are shown. */
function effortOver(frames: readonly { frame: Frame; region?: (x: number, y: number) => boolean }[], minPoints = 0): FrameEffort {
  return frames.reduce((sum, f) => addEffort(sum, frameEffort(f.frame, autoLabelFrame(f.frame.positions, { minScore: SHOWN_SCORE }), f.region, minPoints)), NO_EFFORT);
}

export function pointcloudCompute(): PointcloudCompute {
  const real = existsSync(`${SHARED_DATA}/SOURCES.md`);
  const frames = real ? [...sustechFrames(), nuscenesFrame()] : [];
  const bytes = pcd120k(frames.map((f) => f.positions));
  const parse = median(timeIt(() => { if (parsePcd(bytes).count !== POINTS) throw new Error('parse lost points'); }, 30));
  // Machine checks with the 1 cm face tolerance on a sweep-like scene (what the check stage runs per frame).
  const scene = sweepScene();
  const checkSettings = { ...DEFAULT_CHECK_SETTINGS, cuboidFaceTolerance: 0.01 };
  const checks = median(timeIt(() => { runChecks(scene.payload, { ontology: checkOntology, points: () => scene.points }, checkSettings); }, 9));
  if (!real) return { checks_ms_120k_100_cuboids: checks, parse_ms_120k: parse, fit_ms_median: Number.NaN, fit_boxes: 0, scene_prepare_ms: Number.NaN, fit_iou_07_share: Number.NaN, autolabel_ms_frame: Number.NaN, autolabel_frames: 0, effort_ratio: Number.NaN, effort_frames: 0, effort_ratio_tuning: Number.NaN, effort_ratio_dense: Number.NaN };
  // Scene set-up (sensor position, sweep index and lazy ground grid) once per sweep, then every labelled vehicle fitted.
  const prepare = median(frames.map((f) => { const copy = f.positions.slice(); const t = performance.now(); prepareScene(copy); return performance.now() - t; }));
  const cases = vehicleCases(frames);
  runCases(cases); // warm-up pass
  const outcomes = runCases(vehicleCases(frames.map((f) => ({ ...f, positions: f.positions.slice() }))));
  // Whole-frame auto-label, scene set-up included, on fresh copies of the full sweeps (SUSTechPOINTS,
  // KITTI's 360° scans): the median time a frame.
  const sweeps = [...frames, ...kittiFrames()].filter((f) => f.positions.length / 3 >= 90_000);
  autoLabelFrame(sweeps[0]!.positions.slice()); // warm-up
  const autolabel = sweeps.map((f) => { const copy = f.positions.slice(); const t = performance.now(); autoLabelFrame(copy); return performance.now() - t; });
  const kitti = kittiFrames();
  const keptOut = [...kitti.filter((f) => KEPT_OUT_KITTI.has(f.name)).map((frame) => ({ frame, region: kittiView })), ...av2Frames().map((frame) => ({ frame }))];
  const tuning = [...sustechFrames().map((frame) => ({ frame })), ...kitti.filter((f) => !KEPT_OUT_KITTI.has(f.name)).map((frame) => ({ frame, region: kittiView }))];
  const kept = effortOver(keptOut), tuned = effortOver(tuning), dense = effortOver(keptOut, 50);
  return {
    effort_ratio_dense: dense.withAutoS / dense.byHandS,
    effort_ratio: kept.withAutoS / kept.byHandS, effort_frames: keptOut.length, effort_ratio_tuning: tuned.withAutoS / tuned.byHandS,
    autolabel_ms_frame: median(autolabel), autolabel_frames: sweeps.length,
    checks_ms_120k_100_cuboids: checks,
    parse_ms_120k: parse,
    fit_ms_median: median(outcomes.map((o) => o.ms)),
    fit_boxes: outcomes.length,
    scene_prepare_ms: prepare,
    fit_iou_07_share: outcomes.filter((o) => o.iou >= 0.7).length / outcomes.length,
  };
}

/** The figures as `npm run bench` writes them under `pointcloud` (the render figures come from the browser phase). */
export function computeFigures(c: PointcloudCompute) {
  return {
    parse_ms_120k: round(c.parse_ms_120k, 2), fit_ms_median: round(c.fit_ms_median, 2), fit_boxes: c.fit_boxes, fit_iou_07_share: round(c.fit_iou_07_share, 2),
    autolabel_ms_frame: round(c.autolabel_ms_frame, 1), autolabel_frames: c.autolabel_frames,
    effort_ratio: round(c.effort_ratio, 3), effort_frames: c.effort_frames, effort_ratio_tuning: round(c.effort_ratio_tuning, 3), effort_ratio_dense: round(c.effort_ratio_dense, 3),
    scene_prepare_ms: round(c.scene_prepare_ms, 2), checks_ms_120k_100_cuboids: round(c.checks_ms_120k_100_cuboids, 2),
  };
}

// Alone: node --import tsx bench/pointcloud-compute.ts [--merge]. With --merge the figures replace
// the Node-side ones under `pointcloud` in bench/results/latest.json, with the commit they measured.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const measured = provenance();
  const figures = computeFigures(pointcloudCompute());
  console.log(JSON.stringify(figures, null, 2));
  if (process.argv.includes('--merge')) {
    const file = new URL('results/latest.json', import.meta.url);
    mergeIntoSection(file, 'pointcloud', figures, 'compute_provenance', measured);
    log(`merged the point-cloud compute figures into ${file.pathname}`);
  }
}
