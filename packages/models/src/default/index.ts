// The shipped COCO detector: MobileNetV3 + CenterNet as packaged in @vladmandic/human's models/
// folder, run by tfjs on its WebAssembly backend (one thread) with no network: the graph and its
// weights are read from node_modules. The model is loaded once a process; calls take turns.
//
// The graph takes one 512×512 RGB image, float 0..255, and answers (besides its heat maps)
// `tower_0/detections`: its 100 best peaks as [x1, y1, x2, y2, score, class] in input pixels, class
// 0..79 in COCO order. Thresholds and NMS come after, from the spec (../postprocess).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GraphModel } from '@tensorflow/tfjs';
import { decodeImage } from '../image/decode.ts';
import { postprocess } from '../postprocess/index.ts';
import { ModelError, type Detection, type Detector, type ImageInput, type ModelSpec, type Proposal, type RgbImage } from '../types.ts';
import { COCO_CLASSES } from './coco-classes.ts';
import { placement, toSquare } from './preprocess.ts';
import { graphFromMemory, inTurn, startBackend, type GraphJson } from '../tf-backend.ts';

export const DEFAULT_MODEL_NAME = 'cadre-default-centernet';
const OUTPUT = 'tower_0/detections';

/**
 * Letterbox (keep the aspect ratio, pad with black) rather than stretch: chosen by mAP@0.5 on the
 * even-numbered coco128 images (see default.test.ts), as the model's author fed it.
 */
export const LETTERBOX = true;

type Tf = typeof import('@tensorflow/tfjs');

export interface CenterNet {
  tf: Tf;
  model: GraphModel;
  /** 'wasm', or 'cpu' when WebAssembly could not start. */
  backend: string;
  /** Human's package version and the model files' hash prefix. */
  version: string;
  side: number;
}

let loading: Promise<CenterNet> | undefined;

/** Loads the model once a process (a failed load is retried on the next call). */
export function loadCenterNet(): Promise<CenterNet> {
  loading ??= load().catch((e: unknown) => {
    loading = undefined;
    throw e instanceof ModelError ? e : new ModelError(`${DEFAULT_MODEL_NAME}: cannot load the shipped model: ${(e as Error).message}`, 'bad_model');
  });
  return loading;
}

function humanModelsDir(): { dir: string; version: Promise<string> } {
  const require = createRequire(import.meta.url);
  // The package's exports hide package.json; its main file lies in dist/.
  const root = dirname(dirname(require.resolve('@vladmandic/human')));
  const version = readFile(join(root, 'package.json'), 'utf8').then((t) => String((JSON.parse(t) as { version?: unknown }).version ?? 'unknown'));
  return { dir: join(root, 'models'), version };
}

async function load(): Promise<CenterNet> {
  const tf = await import('@tensorflow/tfjs');
  const { dir, version } = humanModelsDir();
  const jsonFile = join(dir, 'centernet.json');
  const [jsonText, bin] = await Promise.all([
    readFile(jsonFile, 'utf8').catch((e: Error) => { throw new ModelError(`${DEFAULT_MODEL_NAME}: the model file ${jsonFile} cannot be read (${e.message}); is @vladmandic/human installed?`, 'bad_model'); }),
    readFile(join(dir, 'centernet.bin')).catch((e: Error) => { throw new ModelError(`${DEFAULT_MODEL_NAME}: the weights ${join(dir, 'centernet.bin')} cannot be read (${e.message})`, 'bad_model'); }),
  ]);
  const backend = await startBackend(tf, DEFAULT_MODEL_NAME);
  const model = await graphFromMemory(tf, JSON.parse(jsonText) as GraphJson, bin);
  const hash = createHash('sha256').update(jsonText).update(bin).digest('hex').slice(0, 12);
  const shape = model.inputs[0]?.shape;
  const side = shape && typeof shape[1] === 'number' && shape[1] > 0 ? shape[1] : 512;
  return { tf, model, backend, version: `human-${await version}+centernet-${hash}`, side };
}

/** Every detection the graph answers for one image (its 100 best), in image pixels, before thresholds and NMS. */
export async function rawProposals(net: CenterNet, image: RgbImage, letterbox = LETTERBOX): Promise<Proposal[]> {
  const { tf, model, side } = net;
  const p = placement(image.width, image.height, side, letterbox);
  const input = tf.tensor4d(toSquare(image, side, p), [1, side, side, 3], 'float32');
  let rows: Float32Array | Int32Array | Uint8Array;
  let count = 0;
  let width = 6;
  try {
    const out = model.execute(input, OUTPUT) as import('@tensorflow/tfjs').Tensor;
    try {
      rows = await out.data();
      count = out.shape[1] ?? 0;
      width = out.shape[2] ?? 6;
    } finally {
      out.dispose();
    }
  } finally {
    input.dispose();
  }
  const proposals: Proposal[] = [];
  const clampX = (v: number) => Math.min(Math.max((v - p.dx) / p.scaleX, 0), image.width);
  const clampY = (v: number) => Math.min(Math.max((v - p.dy) / p.scaleY, 0), image.height);
  for (let i = 0; i < count; i++) {
    const r = i * width;
    const cls = COCO_CLASSES[rows[r + 5]!];
    const score = rows[r + 4]!;
    if (cls === undefined || !Number.isFinite(score)) continue;
    const x1 = clampX(rows[r]!);
    const y1 = clampY(rows[r + 1]!);
    const x2 = clampX(rows[r + 2]!);
    const y2 = clampY(rows[r + 3]!);
    if (!(x2 > x1 && y2 > y1)) continue;
    proposals.push({ class: cls, x: x1, y: y1, w: x2 - x1, h: y2 - y1, score });
  }
  return proposals;
}

function cancelled(image: ImageInput): ModelError {
  return new ModelError(`${DEFAULT_MODEL_NAME}: cancelled before ${image.name} was run`, 'cancelled');
}

export async function openDefaultDetector(spec: Extract<ModelSpec, { type: 'default' }>): Promise<Detector> {
  const net = await loadCenterNet();
  return {
    info: { name: DEFAULT_MODEL_NAME, version: net.version, classes: [...COCO_CLASSES] },
    detect(image: ImageInput, signal?: AbortSignal): Promise<Detection> {
      if (signal?.aborted) return Promise.reject(cancelled(image));
      return inTurn(async () => {
        if (signal?.aborted) throw cancelled(image);
        const started = performance.now();
        let rgb = image.decoded;
        if (!rgb) {
          if (!image.bytes) throw new ModelError(`${DEFAULT_MODEL_NAME}: ${image.name} came without its bytes (the shipped model runs on the image itself, not a URL)`, 'bad_image');
          rgb = decodeImage(image.bytes, image.name);
        }
        const proposals = postprocess(await rawProposals(net, rgb), spec);
        return { proposals, machineMs: performance.now() - started };
      });
    },
    async close(): Promise<void> {
      // The model stays loaded for the next detector in this process.
    },
  };
}
