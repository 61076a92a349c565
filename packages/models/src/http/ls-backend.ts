// A Label Studio ML backend as a Detector, speaking the protocol those backends already serve
// (label-studio-ml-backend's api.py): GET /health must say UP; POST /setup hands it the labeling
// config and answers its model_version; POST /predict sends one task an image and answers
// {"results": [one prediction]}; POST /webhook carries training events.
import { postprocess } from '../postprocess/index.ts';
import { ModelError, type Detection, type Detector, type ImageInput, type ModelInfo, type ModelSpec } from '../types.ts';
import { Reader } from './fields.ts';
import { dataUri, knownSize, requireSource, taskIdFor } from './image-payload.ts';
import { configFor, type LsConfig } from './ls-config.ts';
import { readPrediction } from './ls-results.ts';
import { endpoint, requestJson, type RemoteOptions } from './request.ts';

/** The stored spec, plus optional keys a spec may carry (read at run time; not in ModelSpec). */
export type LsBackendSpec = Extract<ModelSpec, { type: 'ls-backend' }> & RemoteOptions & {
  /** Label Studio's project uid, "id.timestamp"; a plain id gets ".0". Default "0.0". Backends key their state by the id. */
  project?: string | number;
  /** Sent to /setup as Label Studio sends its own address, for backends that fetch relative URLs. */
  hostname?: string;
  /** Sent to /setup as `access_token`, for backends that fetch the images with a token. */
  accessToken?: string;
};

export async function openLsBackend(spec: LsBackendSpec): Promise<Detector> {
  const ep = endpoint(spec.url);
  const config = configFor(spec);
  const project = projectUid(spec.project);

  const health = await requestJson(ep, { method: 'GET', route: 'health' }, spec);
  const h = new Reader(health.url).object(health.json, 'the body');
  if (h.status !== 'UP') throw new ModelError(`${health.url} says status ${JSON.stringify(h.status ?? null)}, not "UP"`, 'unreachable');

  const setup = await requestJson(ep, {
    method: 'POST',
    route: 'setup',
    body: {
      project,
      schema: config.xml,
      ...(spec.hostname !== undefined ? { hostname: spec.hostname } : {}),
      ...(spec.accessToken !== undefined ? { access_token: spec.accessToken } : {}),
      ...(spec.extraParams !== undefined ? { extra_params: spec.extraParams } : {}),
    },
  }, spec);
  const s = new Reader(setup.url);
  let version = s.version(s.object(setup.json, 'the body').model_version, 'model_version');

  const modelClass = typeof h.model_class === 'string' && h.model_class !== '' ? h.model_class : undefined;
  let info: ModelInfo = { name: modelClass ?? `Label Studio ML backend at ${ep.base.host}`, version: version ?? 'unknown', classes: config.classes };
  let closed = false;

  return {
    get info() { return info; },
    async detect(image: ImageInput, signal?: AbortSignal): Promise<Detection> {
      if (closed) throw new ModelError(`${info.name} is closed`, 'bad_model');
      requireSource(image);
      const started = performance.now();
      const task = { id: taskIdFor(image.url ?? image.name), data: { [config.dataKey]: image.url ?? dataUri(image as ImageInput & { bytes: Uint8Array }) } };
      const answer = await requestJson(ep, {
        method: 'POST',
        route: 'predict',
        body: { tasks: [task], ...(version !== undefined ? { model_version: version } : {}), project, label_config: config.xml, params: { login: null, password: null, context: null } },
        clientErrorCode: 'bad_image',
      }, spec, signal);
      const machineMs = performance.now() - started;
      const r = new Reader(answer.url);
      const body = r.object(answer.json, 'the body');
      const results = r.array(body.results, 'results');
      if (results.length !== 1) r.fail('results', `with ${results.length} entries for 1 task`);
      const read = readPrediction(r, results[0], 'results[0]', knownSize(image));
      const newVersion = read.version ?? r.version(body.model_version, 'model_version');
      if (newVersion !== undefined && newVersion !== version) {
        version = newVersion;
        info = { ...info, version };
      }
      const proposals = postprocess(read.proposals, { ...spec, nmsIou: spec.nmsIou ?? 1 });
      return { proposals, machineMs, ...(read.skipped.length ? { skipped: read.skipped } : {}) };
    },
    async close() { closed = true; },
  };
}

/** Label Studio's project uid: "id.timestamp". */
export function projectUid(project: string | number | undefined): string {
  if (project === undefined) return '0.0';
  const s = String(project);
  if (s === '' || /\s/.test(s)) throw new ModelError(`project ${JSON.stringify(project)} must be an id without spaces`, 'bad_model');
  return s.includes('.') ? s : `${s}.0`;
}

export type { LsConfig };
