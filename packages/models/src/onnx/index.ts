// A user's ONNX model with a YOLO-style head (YOLOv5, v8, v11; detection or v8-style segmentation),
// run by onnxruntime-node on the CPU with one thread. The input size is read from the model (or the
// spec, or 640 when the model takes any size); the head is recognised from the shape of what the
// model answers for the user's class names (./head.ts), and checked by one run on a grey image when
// the model is opened, so a wrong classes file fails then and not on the first item of a job.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import ort from 'onnxruntime-node';
import { decodeImage } from '../image/decode.ts';
import { letterbox, LETTERBOX_GREY, toImageBox, toImagePoint, type Letterbox } from '../image/letterbox.ts';
import { POSTPROCESS_DEFAULTS, postprocess } from '../postprocess/index.ts';
import { ModelError, type Detection, type Detector, type ImageInput, type Proposal, type RgbImage } from '../types.ts';
import { maskCoefficients, readCandidates, readHead, type Candidate, type HeadLayout } from './head.ts';
import { maskOutline, simplifyOutline, type ProtoGrid } from './mask-outline.ts';
import { checkOnnxSpec, type OnnxSpec } from './spec.ts';

export const DEFAULT_INPUT_SIZE = 640;

export interface OnnxDetection extends Detection {
  /** Candidates the model answered NaN for, dropped (a broken or overflowing export when not 0). */
  nanCandidates: number;
}

export interface OnnxDetector extends Detector {
  detect(image: ImageInput, signal?: AbortSignal): Promise<OnnxDetection>;
  /** The head the model was recognised as. */
  readonly head: HeadLayout;
  readonly inputWidth: number;
  readonly inputHeight: number;
}

export async function openOnnxDetector(spec: OnnxSpec): Promise<OnnxDetector> {
  checkOnnxSpec(spec);
  const bytes = await readModel(spec.file);
  const name = basename(spec.file).replace(/\.onnx$/i, '');
  const version = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' });
  } catch (e) {
    throw new ModelError(`${spec.file} is not an ONNX model onnxruntime can load (${firstLine(e)})`, 'bad_model');
  }
  try {
    return await ready(spec, session, name, version);
  } catch (e) {
    await session.release();
    throw e;
  }
}

async function ready(spec: OnnxSpec, session: ort.InferenceSession, name: string, version: string): Promise<OnnxDetector> {
  const { inputName, inputWidth, inputHeight } = readInput(spec, session, name);
  const classes = [...spec.classes];
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  /** One run at a time: the session has one thread, and machineMs should be this image's time. */
  const run = (data: Float32Array): Promise<ort.InferenceSession.ReturnType> => {
    const turn = queue.then(() => session.run({ [inputName]: new ort.Tensor('float32', data, [1, 3, inputHeight, inputWidth]) }));
    queue = turn.catch(() => undefined);
    return turn;
  };
  const readOutputs = (out: ort.InferenceSession.ReturnType) => {
    const tensors = session.outputNames.map((n) => ({ name: n, tensor: out[n]! }));
    const det = tensors.find((t) => t.tensor.dims.length === 3);
    const proto = tensors.find((t) => t.tensor.dims.length === 4);
    if (!det) throw new ModelError(`${name}: no output is a YOLO detection head (outputs: ${tensors.map((t) => `${t.name} [${t.tensor.dims.join(', ')}]`).join(', ')})`, 'bad_model');
    for (const t of [det, proto]) {
      if (t && t.tensor.type !== 'float32') throw new ModelError(`${name}: output ${t.name} is ${t.tensor.type}; export the model with float32 outputs (half=False)`, 'bad_model');
    }
    const masks = proto ? proto.tensor.dims[1]! : 0;
    const head = readHead(name, det.name, det.tensor.dims, classes.length, masks, { width: inputWidth, height: inputHeight });
    const protos: ProtoGrid | undefined = proto && { data: proto.tensor.data as Float32Array, masks, height: proto.tensor.dims[2]!, width: proto.tensor.dims[3]! };
    return { head, data: det.tensor.data as Float32Array, protos };
  };

  // One run on a grey image: the head must fit the classes before any item is given to the model.
  const { head } = readOutputs(await run(new Float32Array(3 * inputWidth * inputHeight).fill(LETTERBOX_GREY / 255)));
  const lowest = Math.min(spec.minScore ?? POSTPROCESS_DEFAULTS.minScore, ...Object.values(spec.classMinScore ?? {}));

  return {
    info: { name, version, classes },
    head,
    inputWidth,
    inputHeight,
    async detect(image, signal) {
      if (closed) throw new ModelError(`${name} is closed`, 'bad_model');
      const started = performance.now();
      if (signal?.aborted) throw new ModelError(`${name}: cancelled before ${image.name}`, 'cancelled');
      const rgb = imageOf(image);
      const { data: input, placement } = letterbox(rgb, inputWidth, inputHeight);
      const out = readOutputs(await run(input));
      if (signal?.aborted) throw new ModelError(`${name}: cancelled during ${image.name}`, 'cancelled');
      let read: ReturnType<typeof readCandidates>;
      try {
        read = readCandidates(out.data, out.head, lowest);
      } catch (e) {
        throw e instanceof ModelError ? new ModelError(`${name}, ${image.name}: ${e.message}`, e.code) : e;
      }
      const { candidates, nan } = read;
      if (nan > 0 && nan === out.head.anchors) {
        throw new ModelError(`${name}: the model answered NaN for all ${nan} candidates of ${image.name} (a broken export, or float16 overflow)`, 'bad_response');
      }
      const source = new Map<Proposal, Candidate>();
      const proposals = candidates.map((c) => {
        const p: Proposal = { class: classes[c.class]!, ...toImageBox(placement, c), score: c.score };
        source.set(p, c);
        return p;
      });
      const kept = postprocess(proposals, spec);
      if (out.protos) {
        for (const p of kept) {
          const polygon = outline(out.protos, out.head, out.data, source.get(p)!, placement);
          if (polygon) p.polygon = polygon;
        }
      }
      return { proposals: kept, machineMs: performance.now() - started, nanCandidates: nan };
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await session.release();
    },
  };
}

/** The mask of candidate `index` as an outline in image pixels, simplified to within a pixel. */
function outline(protos: ProtoGrid, head: HeadLayout, data: Float32Array, c: Candidate, placement: Letterbox): number[] | undefined {
  // Cropped to the candidate's box in model-input pixels, before clamping (as Ultralytics crops).
  const points = maskOutline(protos, maskCoefficients(data, head, c.index), c, placement.inputWidth, placement.inputHeight);
  if (!points) return undefined;
  const image: number[] = [];
  for (let i = 0; i < points.length; i += 2) image.push(...toImagePoint(placement, points[i]!, points[i + 1]!));
  const simple = simplifyOutline(image, 1).map((v) => Math.round(v * 10) / 10);
  return simple.length >= 6 ? simple : undefined;
}

function readInput(spec: OnnxSpec, session: ort.InferenceSession, name: string): { inputName: string; inputWidth: number; inputHeight: number } {
  if (session.inputNames.length !== 1) {
    throw new ModelError(`${name}: a YOLO model takes one image input; this one takes ${session.inputNames.length} (${session.inputNames.join(', ')})`, 'bad_model');
  }
  const meta = session.inputMetadata[0]!;
  if (!meta.isTensor) throw new ModelError(`${name}: input ${meta.name} is not a tensor`, 'bad_model');
  const shape = meta.shape.map((d) => (typeof d === 'number' && d > 0 ? d : undefined));
  const shown = `[${meta.shape.join(', ')}]`;
  if (shape.length !== 4) {
    throw new ModelError(`${name}: input ${meta.name} has rank ${shape.length} ${shown}; a YOLO model takes images as [1, 3, height, width]`, 'bad_model');
  }
  if (shape[1] !== undefined && shape[1] !== 3) {
    throw new ModelError(`${name}: input ${meta.name} ${shown} does not take 3 colour planes first ([1, 3, height, width]; channels-last exports are not read)`, 'bad_model');
  }
  if (meta.type !== 'float32') throw new ModelError(`${name}: input ${meta.name} is ${meta.type}; export the model with float32 input (half=False, int8=False)`, 'bad_model');
  const [h, w] = [shape[2], shape[3]];
  if (h !== undefined && w !== undefined) {
    if (spec.inputSize !== undefined && (spec.inputSize !== w || spec.inputSize !== h)) {
      throw new ModelError(`${name}: the model's input is fixed at ${w}×${h}; inputSize ${spec.inputSize} cannot be used (leave it out)`, 'bad_model');
    }
    return { inputName: meta.name, inputWidth: w, inputHeight: h };
  }
  const side = spec.inputSize ?? DEFAULT_INPUT_SIZE;
  return { inputName: meta.name, inputWidth: w ?? side, inputHeight: h ?? side };
}

function imageOf(image: ImageInput): RgbImage {
  if (image.decoded) return image.decoded;
  if (image.bytes) return decodeImage(image.bytes, image.name);
  throw new ModelError(`${image.name}: an ONNX model needs the image's bytes`, 'bad_image');
}

async function readModel(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ModelError(`ONNX model ${file} not found`, 'bad_model');
    if (code === 'EISDIR') throw new ModelError(`ONNX model ${file} is a folder, not a file`, 'bad_model');
    throw new ModelError(`ONNX model ${file} cannot be read (${firstLine(e)})`, 'bad_model');
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 300);
}
