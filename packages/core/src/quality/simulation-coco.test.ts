/**
 * Does QA sampling catch the batches it should? Ground truth: the 939 boxes of coco128 (COCO
 * train2017, image sizes from the COCO JSON). 20 simulated annotators, each with a known per-box
 * error rate, label images drawn at random; every labelling perturbs the truth afresh (missed
 * boxes, wrong classes, sloppy boxes that fall below IoU 0.5, extra boxes, and small jitter on
 * the rest). An item is truly correct when scoreAgainstGold(work, truth).score ≥ 0.9, i.e. its
 * object F1 at IoU 0.5 is at least 0.9: one slip in a busy street scene is tolerated, one in a
 * two-object image is not. The inspector judges a sampled item by that same comparison, so the
 * only source of wrong verdicts is sampling.
 *
 * Batches are every BATCH items of one annotator (qaBatchBy: "count"); a batch is truly bad when
 * fewer than 80% of all its items are correct, and QA rejects it when the inspected share is
 * below qaThreshold 0.8.
 *
 * What the numbers say (printed on every run, three seeds, batches of 20, 50 and 100): plain 10%
 * single sampling (2, 5 or 10 inspected) agrees with the truth for only 77–82% of 20-item
 * batches, 87–88% of 50-item and 88–91% of 100-item batches: a 0.7-accurate annotator passes
 * 4 of 5 half of the time. That is sampling maths, not a bug, so the ≥ 90% assertion is on the
 * plan a vendor would use instead — double sampling in the spirit of ISO 2859-1 / ANSI Z1.4,
 * starting from the same 10% draw: when the first sample's accuracy is within 1.5 standard errors
 * of 0.8 (sqrt(0.8·0.2/n)), the draw is extended (drawSample is nested) to 32 items, or the whole
 * batch if smaller, before deciding. Clear batches stay at 10%; borderline ones cost more. It
 * reaches 94–99% agreement, inspecting about 18 of 100, 27 of 50 and 18 of 20 items on average:
 * small batches cannot be judged from a 10% sample at all.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CURRENT_SCHEMA_VERSION, type AnnotationPayload, type LabeledObject } from '../annotation.ts';
import { scoreAgainstGold } from './gold.ts';
import { batchVerdict, drawSample, sampleSize, type SecondSample } from './sampling.ts';
import { seededRandom } from './seeded.ts';
import { needsSharedData, SHARED_DATA } from '../testing/index.ts';

const COCO = join(SHARED_DATA, 'images/coco128/instances_train2017_coco128.json');
const ITEM_BAR = 0.9;
const THRESHOLD = 0.8;
const RATE = 0.1;
const ANNOTATORS = 20;
const BATCHES_PER_ANNOTATOR = 8;

interface CocoJson {
  images: { id: number; width: number; height: number }[];
  annotations: { image_id: number; bbox: [number, number, number, number]; category_id: number; iscrowd: number }[];
  categories: { id: number; name: string }[];
}

interface Image {
  width: number;
  height: number;
  truth: AnnotationPayload;
}

function loadCoco(): { images: Image[]; classes: string[] } {
  const coco = JSON.parse(readFileSync(COCO, 'utf8')) as CocoJson;
  const names = new Map(coco.categories.map((c) => [c.id, c.name]));
  const images = coco.images.map((img): Image => {
    const objects = coco.annotations
      .filter((a) => a.image_id === img.id && a.iscrowd === 0)
      .map((a, i): LabeledObject => ({
        id: `${img.id}-${i}`,
        label: names.get(a.category_id)!,
        attributes: {},
        kind: 'bbox2d',
        geometry: { x: a.bbox[0], y: a.bbox[1], width: a.bbox[2], height: a.bbox[3] } as Extract<LabeledObject, { kind: 'bbox2d' }>['geometry'],
      }));
    return { width: img.width, height: img.height, truth: { schemaVersion: CURRENT_SCHEMA_VERSION, objects } };
  });
  return { images, classes: [...names.values()] };
}

type Rng = () => number;
const gauss = (rnd: Rng) => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());

/** One annotator's labelling of one image: each true box goes wrong with probability `rate`. */
function annotate(img: Image, rate: number, classes: string[], rnd: Rng): AnnotationPayload {
  const objects: LabeledObject[] = [];
  const clampBox = (x: number, y: number, w: number, h: number) => {
    const x0 = Math.max(0, Math.min(img.width - 2, x));
    const y0 = Math.max(0, Math.min(img.height - 2, y));
    return { x: x0, y: y0, width: Math.max(2, Math.min(img.width - x0, w)), height: Math.max(2, Math.min(img.height - y0, h)) };
  };
  for (const o of img.truth.objects) {
    if (o.kind !== 'bbox2d') continue;
    const g = o.geometry;
    const r = rnd();
    let label = o.label;
    let jitter = 0.03;
    if (r < rate * 0.4) continue; // missed
    if (r < rate * 0.7) label = classes.filter((c) => c !== o.label)[Math.floor(rnd() * (classes.length - 1))]!;
    else if (r < rate) jitter = 0.6; // sloppy: mostly below IoU 0.5
    const geometry = clampBox(
      g.x + gauss(rnd) * jitter * g.width,
      g.y + gauss(rnd) * jitter * g.height,
      g.width * (1 + gauss(rnd) * jitter),
      g.height * (1 + gauss(rnd) * jitter),
    );
    objects.push({ ...o, label, geometry: geometry as typeof g });
    // Extra box (a duplicate-free false positive somewhere in the image).
    if (rnd() < rate * 0.2) {
      const w = 20 + rnd() * 100;
      const h = 20 + rnd() * 100;
      objects.push({ ...o, id: `${o.id}-extra`, label: classes[Math.floor(rnd() * classes.length)]!, geometry: clampBox(rnd() * img.width, rnd() * img.height, w, h) as typeof g });
    }
  }
  return { schemaVersion: CURRENT_SCHEMA_VERSION, objects };
}

interface Batch {
  annotator: number;
  /** Per item: truly correct? */
  items: { id: string; correct: boolean }[];
}

function simulateBatches(seed: string, batchSize: number): { batches: Batch[]; itemAccuracy: number[] } {
  const { images, classes } = loadCoco();
  const rnd = seededRandom(seed);
  // Per-box error rates from 0.5% to 30%, spaced geometrically: item accuracy from about 0.97
  // down to about 0.3, with several annotators on each side of the 0.8 line.
  const rates = Array.from({ length: ANNOTATORS }, (_, a) => 0.005 * Math.pow(0.3 / 0.005, a / (ANNOTATORS - 1)));
  const batches: Batch[] = [];
  const itemAccuracy: number[] = [];
  rates.forEach((rate, a) => {
    let right = 0;
    for (let b = 0; b < BATCHES_PER_ANNOTATOR; b++) {
      const items = Array.from({ length: batchSize }, (_, i) => {
        const img = images[Math.floor(rnd() * images.length)]!;
        const work = annotate(img, rate, classes, rnd);
        const correct = scoreAgainstGold(work, img.truth).score >= ITEM_BAR;
        if (correct) right++;
        return { id: `a${a}-b${b}-i${i}`, correct };
      });
      batches.push({ annotator: a, items });
    }
    itemAccuracy.push(right / (BATCHES_PER_ANNOTATOR * batchSize));
  });
  return { batches, itemAccuracy };
}

interface Plan {
  name: string;
  secondSample?: SecondSample;
}

function runQa(batches: Batch[], plan: Plan, seed: string) {
  let agree = 0;
  let falseAccept = 0;
  let falseReject = 0;
  let inspectedTotal = 0;
  let trulyBad = 0;
  for (const [bi, batch] of batches.entries()) {
    const truthAcc = batch.items.filter((i) => i.correct).length / batch.items.length;
    const bad = truthAcc < THRESHOLD;
    if (bad) trulyBad++;
    const byId = new Map(batch.items.map((i) => [i.id, i.correct]));
    const ids = batch.items.map((i) => i.id);
    let n = sampleSize(ids.length, RATE);
    let verdict;
    for (;;) {
      const sample = drawSample(ids, n, `${seed}/batch-${bi}`);
      const correct = sample.filter((id) => byId.get(id)).length;
      verdict = batchVerdict({ inspected: sample.length, correct, threshold: THRESHOLD, ...(plan.secondSample ? { secondSample: plan.secondSample } : {}) });
      if (verdict.decided) break;
      if (n === ids.length) {
        // The whole batch is inspected: its accuracy is known, nothing left to sample.
        verdict = batchVerdict({ inspected: sample.length, correct, threshold: THRESHOLD });
        break;
      }
      n = Math.min(plan.secondSample!.maxInspected, ids.length);
    }
    inspectedTotal += n;
    const rejected = !verdict.accepted;
    if (rejected === bad) agree++;
    else if (bad) falseAccept++;
    else falseReject++;
  }
  return { batches: batches.length, trulyBad, agree: agree / batches.length, falseAccept, falseReject, meanInspected: inspectedTotal / batches.length };
}

const SINGLE: Plan = { name: '10% single sampling' };
const DOUBLE: Plan = { name: '10% first, up to 32 when within 1.5 SE of 0.8', secondSample: { z: 1.5, maxInspected: 32 } };

for (const seed of ['coco-1', 'coco-2', 'coco-3']) {
  test(`QA double sampling decides ≥ 90% of batches as their true accuracy would (${seed})`, needsSharedData, () => {
    for (const batchSize of [20, 50, 100]) {
      const { batches, itemAccuracy } = simulateBatches(`${seed}/${batchSize}`, batchSize);
      if (batchSize === 100) console.log(`[${seed}] annotator item accuracy: ${itemAccuracy.map((a) => a.toFixed(2)).join(' ')}`);
      assert.ok(itemAccuracy.filter((a) => a < 0.7).length >= 3 && itemAccuracy.filter((a) => a > 0.9).length >= 3, 'annotators on both sides of the bar');
      for (const plan of [SINGLE, DOUBLE]) {
        const r = runQa(batches, plan, seed);
        console.log(
          `[${seed}] batch ${batchSize}, ${plan.name}: ${r.batches} batches (${r.trulyBad} truly below ${THRESHOLD}), ` +
            `decision = truth ${(100 * r.agree).toFixed(1)}%, false accepts ${r.falseAccept}, false rejects ${r.falseReject}, ` +
            `mean inspected ${r.meanInspected.toFixed(1)}`,
        );
        if (plan === DOUBLE) assert.ok(r.agree >= 0.9, `batch ${batchSize}, ${plan.name}: ${(100 * r.agree).toFixed(1)}% < 90%`);
      }
    }
  });
}
