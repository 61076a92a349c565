// A 3D detector over HTTP: the contract Cadre defines for a user's own LiDAR model (PointPillars,
// CenterPoint, … behind a small web server; docs/models-http.md). POST the URL
// {frame: {name, index, count, points_base64}} (the frame's points as x, y, z float32 little-endian,
// in the cloud's own frame) for {boxes: [{x, y, z, dx, dy, dz, yaw, class, score?}], cost_minor?}
// (metres, radians, z at the box centre, dx along the heading: what `cadre pointcloud detect`
// prints), or for that list alone. The rules every remote model shares apply (request.ts).
import { ModelError } from '../types.ts';
import { Reader } from './fields.ts';
import { endpoint, requestJson, type RemoteOptions } from './request.ts';

export interface CloudModelSpec extends RemoteOptions { url: string; headers?: Record<string, string> }

/** One frame to label: `positions` x, y, z per point. `index`: its place in a sequence, null for a single cloud. */
export interface CloudFrame { name: string; index: number | null; positions: Float32Array }

export interface CloudBox { x: number; y: number; z: number; dx: number; dy: number; dz: number; yaw: number; class: string; score: number }

export interface CloudDetection { boxes: CloudBox[]; machineMs: number; costMinor?: number }

export interface CloudDetector { detect(frame: CloudFrame, signal?: AbortSignal): Promise<CloudDetection> }

export function openCloudModel(spec: CloudModelSpec): CloudDetector {
  const ep = endpoint(spec.url, spec.headers ?? {});
  return {
    async detect(frame, signal) {
      const { positions } = frame;
      if (positions.length % 3 !== 0) throw new ModelError(`${frame.name}: ${positions.length} numbers are not whole x, y, z points`, 'bad_image');
      const bytes = Buffer.allocUnsafe(positions.length * 4);
      for (let i = 0; i < positions.length; i++) bytes.writeFloatLE(positions[i]!, i * 4);
      const body = { frame: { name: frame.name, index: frame.index, count: positions.length / 3, points_base64: bytes.toString('base64') } };
      const started = performance.now();
      const answer = await requestJson(ep, { method: 'POST', route: '', body, clientErrorCode: 'bad_image' }, spec, signal);
      const machineMs = performance.now() - started;
      const r = new Reader(answer.url);
      const list = Array.isArray(answer.json) ? answer.json : r.object(answer.json, 'the body').boxes;
      const prefix = Array.isArray(answer.json) ? '' : 'boxes';
      const boxes = r.array(list, prefix || 'the body').map((b, i) => readBox(r, b, `${prefix}[${i}]`));
      const cost = Array.isArray(answer.json) ? undefined : r.optionalNumber((answer.json as Record<string, unknown>).cost_minor, 'cost_minor');
      if (cost !== undefined && (cost < 0 || !Number.isInteger(cost))) r.fail('cost_minor', `as ${cost}, expected a whole number of minor units, 0 or more`);
      return { boxes, machineMs, ...(cost !== undefined ? { costMinor: cost } : {}) };
    },
  };
}

function readBox(r: Reader, raw: unknown, p: string): CloudBox {
  const o = r.object(raw, p);
  const n = (k: string) => r.number(o[k], `${p}.${k}`);
  const size = (k: string) => {
    const v = n(k);
    if (!(v > 0)) r.fail(`${p}.${k}`, `as ${v}, expected a size above 0 metres`);
    return v;
  };
  return {
    x: n('x'), y: n('y'), z: n('z'), dx: size('dx'), dy: size('dy'), dz: size('dz'), yaw: n('yaw'),
    class: r.string(o.class, `${p}.class`), score: r.score(o.score, `${p}.score`) ?? 1,
  };
}
