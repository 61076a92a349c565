// Machines as workers, on the coco128 images of ../shared/data (or CADRE_SHARED_DATA):
//  - `prelabel_images_per_s`: images a second through the shipped detector (decode, detect,
//    thresholds and NMS) on one core, median of the per-image times inverted;
//  - `effort_ratio`: simulated annotator seconds an image with the detector's proposals shown first
//    over by hand (bench/machine-effort.ts states the effort model), summed over the held-out images.
// The score threshold people see proposals from is chosen on the even-numbered images (the one
// that minimises their effort) and the ratio is reported on the odd-numbered ones, kept out.
// `effort_ratio_recall_bound` is the held-out ratio with a perfect filter on false proposals: what
// this detector's recall allows at best, whatever the threshold.
// Alone: node --import tsx bench/machine.ts [--quick]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SHARED_DATA, hasSharedData, missingSharedData } from '@cadre/core/testing';
import { openDetector, type Proposal } from '@cadre/models';
import { EFFORT, imageEffort, type Box } from './machine-effort.ts';
import { log, percentile, round } from './stats.ts';

export type MachineFigures = {
  prelabel_images_per_s: number;
  detect_ms_median: number;
  effort_ratio: number;
  effort_ratio_tuning_half: number;
  effort_threshold: number;
  /** The held-out ratio if every proposal the model made (down to score 0.1) that matches nothing were hidden: what this detector's recall allows at best. */
  effort_ratio_recall_bound: number;
  effort_images: number;
  effort_model: typeof EFFORT;
  images: number;
};

interface CocoJson {
  images: { id: number; file_name: string; width: number; height: number }[];
  annotations: { image_id: number; category_id: number; bbox: [number, number, number, number]; iscrowd?: number }[];
  categories: { id: number; name: string }[];
}

function truthOf(): { file: string; boxes: Box[] }[] {
  const dir = join(SHARED_DATA, 'images/coco128');
  const coco = JSON.parse(readFileSync(join(dir, 'instances_train2017_coco128.json'), 'utf8')) as CocoJson;
  const names = new Map(coco.categories.map((c) => [c.id, c.name]));
  return coco.images.sort((a, b) => a.file_name.localeCompare(b.file_name)).map((im) => ({
    file: join(dir, 'images/train2017', im.file_name),
    boxes: coco.annotations.filter((a) => a.image_id === im.id && !a.iscrowd)
      .map((a) => ({ class: names.get(a.category_id)!, x: a.bbox[0], y: a.bbox[1], w: a.bbox[2], h: a.bbox[3] })),
  }));
}

const THRESHOLDS = Array.from({ length: 17 }, (_, i) => round(0.1 + i * 0.05, 2));

/**
 * Effort with proposals from `threshold` up over effort by hand. `hideFalse`: as if every proposal
 * matching no true box were hidden (an oracle filter); false proposals never take a true box from
 * another, so dropping them changes nothing else.
 */
function ratioAt(rows: { boxes: Box[]; proposals: Proposal[] }[], threshold: number, hideFalse = false): number {
  let hand = 0;
  let machine = 0;
  for (const r of rows) {
    const e = imageEffort(r.boxes, r.proposals.filter((p) => p.score >= threshold));
    hand += e.byHandS;
    machine += e.withProposalsS - (hideFalse ? e.deleted * EFFORT.DELETE_S : 0);
  }
  return machine / hand;
}

export async function machineBench(o: { quick: boolean }): Promise<MachineFigures> {
  if (!hasSharedData) throw new Error(missingSharedData);
  const images = truthOf().slice(0, o.quick ? 16 : undefined);
  // Proposals down to a low score: the threshold people see is applied afterwards.
  const detector = await openDetector({ type: 'default', minScore: 0.1 });
  const times: number[] = [];
  const rows: { boxes: Box[]; proposals: Proposal[] }[] = [];
  try {
    for (const [i, im] of images.entries()) {
      const bytes = new Uint8Array(readFileSync(im.file));
      const started = performance.now();
      const d = await detector.detect({ name: im.file, bytes });
      times.push(performance.now() - started);
      rows.push({ boxes: im.boxes, proposals: d.proposals });
      if (i % 32 === 31) log(`machine: ${i + 1} of ${images.length} images`);
    }
  } finally {
    await detector.close();
  }
  const tuning = rows.filter((_, i) => i % 2 === 0);
  const heldOut = rows.filter((_, i) => i % 2 === 1);
  const threshold = THRESHOLDS.reduce((best, t) => (ratioAt(tuning, t) < ratioAt(tuning, best) ? t : best), THRESHOLDS[0]!);
  const median = percentile(times, 50);
  return {
    prelabel_images_per_s: round(1000 / median, 2), detect_ms_median: round(median, 1),
    effort_ratio: round(ratioAt(heldOut, threshold), 3), effort_ratio_tuning_half: round(ratioAt(tuning, threshold), 3),
    effort_threshold: threshold, effort_ratio_recall_bound: round(ratioAt(heldOut, 0, true), 3), effort_images: heldOut.length, effort_model: EFFORT, images: rows.length,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  console.log(JSON.stringify(await machineBench({ quick: values.quick }), null, 2));
}
