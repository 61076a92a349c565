// One Label Studio prediction ({result: [...], score, model_version}) to proposals in pixels.
// Label Studio regions are in percent of the image: x and width of its width, y and height of its
// height. A rectangle turned by `rotation` degrees (clockwise, about its top-left corner, in pixels)
// becomes its upright bounding box, and keeps its four corners as the proposal's polygon so the
// turn is not lost. A polygon keeps its points and gets their bounding box. Anything else a backend
// answers (keypoints, brushes, choices, text) is counted per type in `skipped`.
import type { Proposal } from '../types.ts';
import { ModelError } from '../types.ts';
import type { Reader } from './fields.ts';

export interface ImageSize {
  width: number;
  height: number;
}

export interface ReadPrediction {
  proposals: Proposal[];
  skipped: { type: string; count: number }[];
  /** The prediction's own model_version, when it gives one. */
  version?: string;
}

/**
 * Reads the prediction for one task (`path` names it in errors: `results[0]`). A task's entry may
 * also be a list of predictions (Label Studio's SDK allows several); the first is read.
 * `size` is the image's size when known; else each region's original_width/original_height.
 */
export function readPrediction(r: Reader, raw: unknown, path: string, size: ImageSize | undefined): ReadPrediction {
  if (Array.isArray(raw)) {
    if (raw.length === 0) return { proposals: [], skipped: [] };
    return readPrediction(r, raw[0], `${path}[0]`, size);
  }
  const pred = r.object(raw, path);
  const results = r.array(pred.result, `${path}.result`);
  const predScore = r.score(pred.score, `${path}.score`);
  const version = r.version(pred.model_version, `${path}.model_version`);
  const proposals: Proposal[] = [];
  const skipped = new Map<string, number>();
  results.forEach((item, i) => {
    const p = `${path}.result[${i}]`;
    const region = r.object(item, p);
    const type = r.string(region.type, `${p}.type`);
    const score = r.score(region.score, `${p}.score`) ?? predScore ?? 1;
    if (type === 'rectanglelabels') proposals.push({ ...rectangle(r, region, p, size), score });
    else if (type === 'polygonlabels') proposals.push({ ...polygon(r, region, p, size), score });
    else skipped.set(type, (skipped.get(type) ?? 0) + 1);
  });
  return { proposals, skipped: [...skipped].map(([type, count]) => ({ type, count })), ...(version !== undefined ? { version } : {}) };
}

function rectangle(r: Reader, region: Record<string, unknown>, p: string, size: ImageSize | undefined): Omit<Proposal, 'score'> {
  const v = r.object(region.value, `${p}.value`);
  const cls = firstLabel(r, v.rectanglelabels, `${p}.value.rectanglelabels`);
  const { width: W, height: H } = sizeOf(r, region, p, size);
  const x = (r.number(v.x, `${p}.value.x`) / 100) * W;
  const y = (r.number(v.y, `${p}.value.y`) / 100) * H;
  const w = (nonNegative(r, v.width, `${p}.value.width`) / 100) * W;
  const h = (nonNegative(r, v.height, `${p}.value.height`) / 100) * H;
  const rotation = r.optionalNumber(v.rotation, `${p}.value.rotation`) ?? 0;
  if (rotation % 360 === 0) return { class: cls, ...clampBox(x, y, w, h, W, H) };
  const rad = (rotation * Math.PI) / 180;
  const [cos, sin] = [Math.cos(rad), Math.sin(rad)];
  const corners = [
    [x, y],
    [x + w * cos, y + w * sin],
    [x + w * cos - h * sin, y + w * sin + h * cos],
    [x - h * sin, y + h * cos],
  ] as const;
  return fromPoints(cls, corners.map(([px, py]) => [px, py] as [number, number]), W, H);
}

function polygon(r: Reader, region: Record<string, unknown>, p: string, size: ImageSize | undefined): Omit<Proposal, 'score'> {
  const v = r.object(region.value, `${p}.value`);
  const cls = firstLabel(r, v.polygonlabels, `${p}.value.polygonlabels`);
  const { width: W, height: H } = sizeOf(r, region, p, size);
  const raw = r.array(v.points, `${p}.value.points`);
  if (raw.length < 3) r.fail(`${p}.value.points`, `with ${raw.length} point${raw.length === 1 ? '' : 's'}, expected at least 3`);
  const points = raw.map((pt, i): [number, number] => {
    const xy = r.array(pt, `${p}.value.points[${i}]`);
    if (xy.length !== 2) r.fail(`${p}.value.points[${i}]`, `with ${xy.length} numbers, expected [x, y]`);
    return [(r.number(xy[0], `${p}.value.points[${i}][0]`) / 100) * W, (r.number(xy[1], `${p}.value.points[${i}][1]`) / 100) * H];
  });
  return fromPoints(cls, points, W, H);
}

function fromPoints(cls: string, points: [number, number][], W: number, H: number): Omit<Proposal, 'score'> {
  const clamped = points.map(([x, y]) => [clamp(x, W), clamp(y, H)] as const);
  const xs = clamped.map((q) => q[0]);
  const ys = clamped.map((q) => q[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { class: cls, x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y, polygon: clamped.flat() };
}

function firstLabel(r: Reader, v: unknown, path: string): string {
  const labels = r.array(v, path);
  return r.string(labels[0], `${path}[0]`);
}

function nonNegative(r: Reader, v: unknown, path: string): number {
  const n = r.number(v, path);
  if (n < 0) r.fail(path, `as ${n}, expected a size of 0 or more`);
  return n;
}

function sizeOf(r: Reader, region: Record<string, unknown>, p: string, size: ImageSize | undefined): ImageSize {
  if (size) return size;
  const width = r.optionalNumber(region.original_width, `${p}.original_width`);
  const height = r.optionalNumber(region.original_height, `${p}.original_height`);
  if (width !== undefined && height !== undefined && width > 0 && height > 0) return { width, height };
  throw new ModelError(`${r.url} answered ${p} in percent without original_width/original_height, and the image's size is unknown (give the image's width and height, or its bytes)`, 'bad_image');
}

function clampBox(x: number, y: number, w: number, h: number, W: number, H: number): Pick<Proposal, 'x' | 'y' | 'w' | 'h'> {
  const x0 = clamp(x, W);
  const y0 = clamp(y, H);
  return { x: x0, y: y0, w: clamp(x + w, W) - x0, h: clamp(y + h, H) - y0 };
}

function clamp(v: number, max: number): number {
  return Math.min(Math.max(v, 0), max);
}
