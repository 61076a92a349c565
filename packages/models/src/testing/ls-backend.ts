// A local Label Studio ML backend for tests, answering as label-studio-ml-backend's api.py does:
// GET /health (and GET /) {"status": "UP", "model_class"}; POST /setup {project "id.ts", schema,
// extra_params…} → {"model_version"}; POST /predict {tasks, project, label_config, params} →
// {"results": [one prediction per task]}; POST /webhook {action, project: {id, label_config}, …}
// → 201 {"result", "status": "ok"} (200 {"status": "Unknown event"} for other actions). What the
// Python would crash on (no project, no tasks) answers 500 with the Python error, as Flask does.
// Every request is recorded; `misbehave(path, …)` makes the next ones fail (see scripted-server.ts).
import { ScriptedServer, type Misbehaviour, type Received, type ScriptedServerOptions } from './scripted-server.ts';

export { ScriptedServer, pythonJson, type Misbehaviour, type Received, type ScriptedServerOptions } from './scripted-server.ts';

export interface LsTask {
  id: unknown;
  data: Record<string, unknown>;
}

/** One prediction, as a backend's predict() returns it for a task. */
export interface LsPrediction {
  result: unknown[];
  score?: number;
  model_version?: string;
}

/** What the fake model answers for one task: a prediction, a list of them, or any value a broken backend might send. */
export type LsPredictor = (task: LsTask, request: Record<string, unknown>) => LsPrediction | LsPrediction[] | unknown;

export interface LsBackendOptions extends ScriptedServerOptions {
  /** /health's model_class (default "TestModel"). */
  modelClass?: string;
  /** The model version /setup answers and predictions carry (default "test-0.0.1"; null: none). */
  modelVersion?: string | null;
  /** Default: no regions for any task. */
  predict?: LsPredictor;
  /** Also put model_version at the top of /predict's answer, as label-studio-ml-backend before 2.0 did. */
  legacy?: boolean;
  /** What /webhook answers as `result` (default null, as the SDK's fit() returns). */
  fit?: (action: string, data: Record<string, unknown>) => unknown;
}

export class LsBackendServer {
  modelVersion: string | null;
  predictor: LsPredictor;

  private constructor(readonly server: ScriptedServer, private readonly options: LsBackendOptions) {
    this.modelVersion = options.modelVersion === undefined ? 'test-0.0.1' : options.modelVersion;
    this.predictor = options.predict ?? (() => ({ result: [] }));
  }

  static async start(options: LsBackendOptions = {}): Promise<LsBackendServer> {
    let self: LsBackendServer | undefined;
    const health = () => ({ json: { status: 'UP', model_class: options.modelClass ?? 'TestModel' } });
    const server = await ScriptedServer.start({
      'GET /health': health,
      'GET /': health,
      'POST /setup': (body) => self!.setup(body),
      'POST /predict': (body) => self!.predict(body),
      'POST /webhook': (body) => self!.webhook(body),
    }, options);
    self = new LsBackendServer(server, options);
    return self;
  }

  /** Base URL, ending with '/'. */
  get url(): string { return this.server.url; }
  get received(): Received[] { return this.server.received; }
  requests(path: '/health' | '/setup' | '/predict' | '/webhook' | string): Received[] { return this.server.requests(path); }
  misbehave(path: string, m: Misbehaviour, times = 1): this { this.server.misbehave(path, m, times); return this; }
  behave(): this { this.server.behave(); return this; }
  close(): Promise<void> { return this.server.close(); }

  private setup(body: unknown) {
    const data = pyDict(body);
    projectId(data.project);
    return { json: { model_version: this.modelVersion } };
  }

  private predict(body: unknown) {
    const data = pyDict(body);
    if (!Array.isArray(data.tasks)) throw new Error(`TypeError: '${pyType(data.tasks)}' object is not iterable`);
    const results = data.tasks.map((task) => {
      const out = this.predictor(task as LsTask, data);
      const withVersion = (p: unknown) => (p && typeof p === 'object' && !Array.isArray(p) && (p as LsPrediction).model_version === undefined && this.modelVersion !== null
        ? { ...(p as object), model_version: this.modelVersion } : p);
      return Array.isArray(out) ? out.map(withVersion) : withVersion(out);
    });
    return { json: this.options.legacy ? { results, model_version: this.modelVersion } : { results } };
  }

  private webhook(body: unknown) {
    const data = { ...pyDict(body) };
    const action = data.action;
    if (action === undefined) throw new Error("KeyError: 'action'");
    delete data.action;
    if (!['ANNOTATION_CREATED', 'ANNOTATION_UPDATED', 'ANNOTATION_DELETED', 'START_TRAINING'].includes(action as string)) return { json: { status: 'Unknown event' } };
    const project = pyDict(data.project, "KeyError: 'project'");
    if (project.id === undefined) throw new Error("KeyError: 'id'");
    if (project.label_config === undefined) throw new Error("KeyError: 'label_config'");
    return { status: 201, json: { result: this.options.fit ? this.options.fit(action as string, data) : null, status: 'ok' } };
  }
}

export function startLsBackend(options: LsBackendOptions = {}): Promise<LsBackendServer> {
  return LsBackendServer.start(options);
}

// Regions as backends write them (percent of the image), for tests' predictors.

export interface RectangleRegionOptions {
  rotation?: number;
  score?: number;
  /** original_width / original_height, which many backends add and some leave out. */
  original?: { width: number; height: number };
  fromName?: string;
  toName?: string;
}

export function lsRectangle(label: string, box: { x: number; y: number; width: number; height: number }, o: RectangleRegionOptions = {}): Record<string, unknown> {
  return {
    from_name: o.fromName ?? 'label',
    to_name: o.toName ?? 'image',
    type: 'rectanglelabels',
    value: { ...box, rotation: o.rotation ?? 0, rectanglelabels: [label] },
    ...(o.original ? { original_width: o.original.width, original_height: o.original.height } : {}),
    ...(o.score !== undefined ? { score: o.score } : {}),
  };
}

export function lsPolygon(label: string, points: [number, number][], score?: number): Record<string, unknown> {
  return { from_name: 'polygon', to_name: 'image', type: 'polygonlabels', value: { points, closed: true, polygonlabels: [label] }, ...(score !== undefined ? { score } : {}) };
}

export function lsKeypoint(label: string, x: number, y: number, score?: number): Record<string, unknown> {
  return { from_name: 'kp', to_name: 'image', type: 'keypointlabels', value: { x, y, width: 0.5, keypointlabels: [label] }, ...(score !== undefined ? { score } : {}) };
}

function pyDict(v: unknown, error = "AttributeError: 'NoneType' object has no attribute 'get'"): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(error);
  return v as Record<string, unknown>;
}

function projectId(project: unknown): string {
  if (typeof project !== 'string') throw new Error(`AttributeError: '${pyType(project)}' object has no attribute 'split'`);
  return project.split('.', 1)[0]!;
}

function pyType(v: unknown): string {
  if (v === undefined || v === null) return 'NoneType';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? 'dict' : typeof v;
}
