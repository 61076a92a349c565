// A plain HTTP model: the small contract Cadre defines for anything that is not a Label Studio
// backend (docs/models-http.md). GET the URL for {name, version, classes?}; POST it
// {image: {name, url?, data_base64?, width?, height?}} for
// {model?, objects: [{class, x, y, w, h, score, polygon?}], cost_minor?}, in pixels.
import { postprocess } from '../postprocess/index.ts';
import { ModelError, type Detection, type Detector, type ImageInput, type ModelInfo, type ModelSpec, type Proposal } from '../types.ts';
import { Reader } from './fields.ts';
import { base64, knownSize, requireSource } from './image-payload.ts';
import { endpoint, requestJson, type RemoteOptions } from './request.ts';

export type HttpModelSpec = Extract<ModelSpec, { type: 'http' }> & RemoteOptions;

export async function openHttpModel(spec: HttpModelSpec): Promise<Detector> {
  const ep = endpoint(spec.url, spec.headers ?? {});
  const got = await requestJson(ep, { method: 'GET', route: '' }, spec);
  const r0 = new Reader(got.url);
  let info = readInfo(r0, r0.object(got.json, 'the body'), '');
  let closed = false;

  return {
    get info() { return info; },
    async detect(image: ImageInput, signal?: AbortSignal): Promise<Detection> {
      if (closed) throw new ModelError(`${info.name} is closed`, 'bad_model');
      requireSource(image);
      const size = knownSize(image);
      const payload = {
        name: image.name,
        ...(image.url ? { url: image.url } : { data_base64: base64(image.bytes!) }),
        ...(size ? { width: size.width, height: size.height } : {}),
      };
      const started = performance.now();
      const answer = await requestJson(ep, { method: 'POST', route: '', body: { image: payload }, clientErrorCode: 'bad_image' }, spec, signal);
      const machineMs = performance.now() - started;
      const r = new Reader(answer.url);
      const body = r.object(answer.json, 'the body');
      if (body.model !== undefined && body.model !== null) {
        const m = readInfo(r, r.object(body.model, 'model'), 'model.');
        if (m.version !== info.version || m.name !== info.name) info = { ...m, classes: m.classes.length ? m.classes : info.classes };
      }
      const proposals = r.array(body.objects, 'objects').map((o, i) => readObject(r, o, `objects[${i}]`));
      const cost = r.optionalNumber(body.cost_minor, 'cost_minor');
      if (cost !== undefined && (cost < 0 || !Number.isInteger(cost))) r.fail('cost_minor', `as ${cost}, expected a whole number of minor units, 0 or more`);
      return {
        proposals: postprocess(proposals, { ...spec, nmsIou: spec.nmsIou ?? 1 }),
        machineMs,
        ...(cost !== undefined ? { costMinor: cost } : {}),
      };
    },
    async close() { closed = true; },
  };
}

function readInfo(r: Reader, o: Record<string, unknown>, prefix: string): ModelInfo {
  const name = r.string(o.name, `${prefix}name`);
  const version = r.version(o.version, `${prefix}version`) ?? r.fail(`${prefix}version`, 'as nothing, expected a string');
  const classes = o.classes === undefined || o.classes === null ? [] : r.array(o.classes, `${prefix}classes`).map((c, i) => r.string(c, `${prefix}classes[${i}]`));
  return { name, version, classes };
}

function readObject(r: Reader, raw: unknown, p: string): Proposal {
  const o = r.object(raw, p);
  const w = r.number(o.w, `${p}.w`);
  const h = r.number(o.h, `${p}.h`);
  if (w < 0) r.fail(`${p}.w`, `as ${w}, expected a size of 0 or more`);
  if (h < 0) r.fail(`${p}.h`, `as ${h}, expected a size of 0 or more`);
  const score = r.score(o.score, `${p}.score`) ?? r.fail(`${p}.score`, 'as nothing, expected a score from 0 to 1');
  const proposal: Proposal = { class: r.string(o.class, `${p}.class`), x: r.number(o.x, `${p}.x`), y: r.number(o.y, `${p}.y`), w, h, score };
  if (o.polygon !== undefined && o.polygon !== null) {
    const poly = r.array(o.polygon, `${p}.polygon`).map((v, i) => r.number(v, `${p}.polygon[${i}]`));
    if (poly.length < 6 || poly.length % 2 !== 0) r.fail(`${p}.polygon`, `with ${poly.length} numbers, expected x, y pairs for at least 3 points`);
    proposal.polygon = poly;
  }
  return proposal;
}
