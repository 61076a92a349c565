// The image demo: street scenes painted by street-scene.ts, with machine boxes as a detector would
// give them, most close and a few wrong in the ways people correct every day.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RowResult } from '../import/types.ts';
import { meanScore, rectangle, type RectangleResult } from '../predictions/rectangle.ts';
import { encodePng } from './png.ts';
import { seeded } from './random.ts';
import { streetScene, type PixelBox, type StreetObject } from './street-scene.ts';

export const IMAGE_DEMO = {
  name: 'Demo: street scenes',
  description: 'Box the cars, pedestrians and traffic signs and trace the lane lines. A detector has boxed most of them already, a few badly. Generated pictures, free to share.',
  ontology: {
    classes: [
      { name: 'car', kind: 'bbox2d', color: '#00e5ff', hotkey: '1', attributes: [{ name: 'occluded', type: 'boolean', required: false }] },
      { name: 'pedestrian', kind: 'bbox2d', color: '#ff4081', hotkey: '2', attributes: [] },
      { name: 'traffic_sign', kind: 'bbox2d', color: '#ffea00', hotkey: '3', attributes: [{ name: 'type', type: 'enum', options: ['stop', 'give_way', 'speed_limit', 'information'], required: false }] },
      { name: 'lane', kind: 'polyline', color: '#76ff03', hotkey: '4', attributes: [{ name: 'style', type: 'enum', options: ['solid', 'dashed'], required: false }] },
    ],
  },
  // One person sees the whole line: submit, the machine checks, accepted (and in the export).
  settings: { stages: ['annotate', 'check'] },
};

export const IMAGE_MODEL = 'demo-street-detector-v1';
export const STREET_IMAGES = 8;
const SEED = 4100;

export interface StreetImage { file: string; width: number; height: number; objects: StreetObject[]; results: RectangleResult[] }

/** Paints the scenes into `dir` (the same bytes every time) and says what is in each. */
export async function writeStreetImages(dir: string): Promise<StreetImage[]> {
  await mkdir(dir, { recursive: true });
  const out: StreetImage[] = [];
  for (let i = 0; i < STREET_IMAGES; i++) {
    const scene = streetScene(SEED + i);
    const file = join(dir, `street-${String(i + 1).padStart(2, '0')}.png`);
    await writeFile(file, encodePng(scene.width, scene.height, scene.rgb));
    out.push({ file, width: scene.width, height: scene.height, objects: scene.objects, results: machineBoxes(scene.objects, i, scene) });
  }
  return out;
}

export async function* imageDemoRows(images: readonly StreetImage[]): AsyncGenerator<RowResult> {
  let line = 0;
  for (const image of images) {
    line++;
    const predictions = [{ modelVersion: IMAGE_MODEL, score: meanScore(image.results), result: image.results }];
    yield { ok: true, row: { line, data: { image: image.file }, predictions, priority: 0 } };
  }
}

type Mistake = 'loose' | 'missed_and_ghost' | 'wrong_class' | 'shifted';
const MISTAKES: Mistake[] = ['loose', 'missed_and_ghost', 'wrong_class', 'shifted'];

/**
 * The detector's boxes: every object within a pixel or two, with a high score, except one mistake an
 * image (in turn: a loose box, a missed object with a box on nothing, a wrong class, a shifted box),
 * with a low score, as a real detector's doubtful boxes are.
 */
function machineBoxes(objects: readonly StreetObject[], index: number, size: { width: number; height: number }): RectangleResult[] {
  const r = seeded(SEED * 7 + index);
  const mistake = MISTAKES[index % MISTAKES.length]!;
  const victim = objects.length > 1 ? 1 + Math.floor(r.next() * (objects.length - 1)) : -1; // never the nearest, the easiest
  const results: RectangleResult[] = [];
  const score = () => Math.round(r.between(0.8, 0.98) * 100) / 100;
  objects.forEach((o, i) => {
    const jitter = (v: number) => v + r.between(-1.5, 1.5);
    let box: PixelBox = { x: jitter(o.box.x), y: jitter(o.box.y), width: jitter(o.box.width), height: jitter(o.box.height) };
    let label: string = o.label;
    let s = score();
    if (i === victim) {
      if (mistake === 'missed_and_ghost') return;
      if (mistake === 'loose') box = { ...box, width: box.width * 1.3, height: box.height * 1.2 };
      if (mistake === 'shifted') box = { ...box, x: box.x + box.width * 0.35, y: box.y - box.height * 0.1 };
      if (mistake === 'wrong_class') label = o.label === 'car' ? 'pedestrian' : 'car';
      s = Math.round(r.between(0.4, 0.62) * 100) / 100;
    }
    results.push(rectangle(`m${i + 1}`, label, inside(box, size), size, s));
  });
  if (mistake === 'missed_and_ghost') {
    // A box on an empty stretch of road above the bonnet: nothing there to label.
    const ghost = { x: size.width * 0.58, y: size.height * 0.8, width: size.width * 0.07, height: size.height * 0.06 };
    results.push(rectangle('m0', 'car', ghost, size, 0.36));
  }
  return results;
}

/** Keeps a box inside the picture, where the checks want every box. */
function inside(b: PixelBox, size: { width: number; height: number }): PixelBox {
  const x0 = Math.max(0, b.x), y0 = Math.max(0, b.y);
  const x1 = Math.min(size.width, b.x + b.width), y1 = Math.min(size.height, b.y + b.height);
  return { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
}
