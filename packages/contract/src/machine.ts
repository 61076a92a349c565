// Machines as workers: the models registry, a project's models with their class maps, and machine
// jobs (pre-label a project) with their progress.
import { Type, type Static } from '@sinclair/typebox';
import { errors, Nullable, ProjectParams, Uuid } from './common.ts';
import { route } from './route.ts';

export const ModelType = Type.Union([Type.Literal('default'), Type.Literal('onnx'), Type.Literal('ls-backend'), Type.Literal('http'), Type.Literal('lidar'), Type.Literal('text'), Type.Literal('llm')]);
export type ModelType = Static<typeof ModelType>;

/** A registered model: one version of it. It works as its own worker user (`workerId`), who cannot sign in. */
export const Model = Type.Object({
  id: Uuid, name: Type.String(), version: Type.String(),
  /** `name@version`, what its predictions are stored under. */
  label: Type.String(),
  type: ModelType,
  // A ModelSpec of @cadre/models (type, file or url, thresholds); kept open so nothing is filtered out.
  spec: Type.Unknown({ description: 'how the model is opened: { type: default|onnx|ls-backend|http, file?, url?, classes?, minScore?, classMinScore?, nmsIou?, … }' }),
  classes: Type.Array(Type.String(), { description: 'the model\'s class names, in its output order' }),
  hourRateMinor: Type.Integer({ description: 'what a machine hour of this model costs, in minor units' }),
  workerId: Uuid, createdAt: Type.String(), archivedAt: Nullable(Type.String()),
});
export type Model = Static<typeof Model>;

export const RegisterModelBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  version: Type.String({ minLength: 1, maxLength: 100 }),
  spec: Type.Unknown({ description: 'a ModelSpec: { type: "default" } | { type: "onnx", file, classes } | { type: "ls-backend", url } | { type: "http", url }, with optional minScore, classMinScore, nmsIou, maxProposals' }),
  hourRateMinor: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'default 0' })),
  classes: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'the model\'s classes; by default read from the opened model' })),
});
export type RegisterModelBody = Static<typeof RegisterModelBody>;

export const UpdateModelBody = Type.Object({
  hourRateMinor: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
  archived: Type.Optional(Type.Boolean()),
});
export type UpdateModelBody = Static<typeof UpdateModelBody>;

/** Ontology kinds an image model's proposals can become: boxes, and polygons (its outline, or the box's corners). */
export const MODEL_TARGET_KINDS: readonly string[] = ['bbox2d', 'polygon'];
/** Ontology kinds the LiDAR auto-labeller's proposals become: cuboids. */
export const LIDAR_TARGET_KINDS: readonly string[] = ['cuboid3d'];

/** Ontology kinds the text learner's and an LLM's proposals become: whole-text classes (the project's own: their class map is empty). */
export const TEXT_TARGET_KINDS: readonly string[] = ['text_class'];

/** The ontology kinds a model of this type can fill. */
export const modelTargetKinds = (type: string): readonly string[] => (type === 'lidar' ? LIDAR_TARGET_KINDS : type === 'text' || type === 'llm' ? TEXT_TARGET_KINDS : MODEL_TARGET_KINDS);

/** A model a project uses, and how its classes map onto the project's ontology. */
export const ProjectModel = Type.Object({
  projectId: Uuid,
  model: Model,
  classMap: Type.Record(Type.String(), Nullable(Type.String()), { description: 'model class → ontology class name, or null: not used' }),
  minScore: Nullable(Type.Number()),
  /** Model classes that map to nothing (null or absent from the map): their proposals are counted per class in each job, not stored. */
  unmapped: Type.Array(Type.String()),
});
export type ProjectModel = Static<typeof ProjectModel>;

export const AttachModelBody = Type.Object({
  classMap: Type.Optional(Type.Record(Type.String(), Nullable(Type.String()), { description: 'model class → ontology class name or null; by default classes whose name matches an ontology class (ignoring case) map to it' })),
  minScore: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1 }))),
});
export type AttachModelBody = Static<typeof AttachModelBody>;

export const MachineJobKind = Type.Union([Type.Literal('prelabel'), Type.Literal('evaluate'), Type.Literal('train'), Type.Literal('learn')]);
export type MachineJobKind = Static<typeof MachineJobKind>;
export const MachineJobState = Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed'), Type.Literal('cancelled')]);
export type MachineJobState = Static<typeof MachineJobState>;

/** A model measured against a project's accepted labels (COCO-style matching at `iou`, AP 101-point). */
export const ModelEvaluation = Type.Object({
  iou: Type.Number(), minScore: Type.Number({ description: 'the operating point precision and recall are read at' }),
  interpolation: Type.String(), map: Type.Number(), precision: Type.Number(), recall: Type.Number(),
  truePositives: Type.Integer(), falsePositives: Type.Integer(), falseNegatives: Type.Integer(), truths: Type.Integer(),
  classes: Type.Array(Type.Object({ class: Type.String(), truths: Type.Integer(), proposals: Type.Integer(), truePositives: Type.Integer(), ap: Type.Number() })),
});
export type ModelEvaluation = Static<typeof ModelEvaluation>;

/** One round of a text project's learning: what it trained on, how it measured, what it did. */
export const LearningRound = Type.Object({
  round: Type.Integer(),
  labels: Type.Integer({ description: 'accepted labels it trained on (the random share held out)' }),
  accepted: Type.Integer({ description: 'labels people had accepted when it ran' }),
  validation: Type.Integer({ description: 'random-share items people labelled, held out of training' }),
  validationAccuracy: Nullable(Type.Number({ description: 'this round\'s model on them' })),
  threshold: Nullable(Type.Number({ description: 'auto-accept threshold chosen (score at or above); null: none reaches the target yet' })),
  autoAccepted: Type.Integer(), qaSampled: Type.Integer(),
  proposals: Type.Integer({ description: 'open items given the model\'s proposal' }),
  trainSeconds: Type.Number(), createdAt: Type.String(),
});
export type LearningRound = Static<typeof LearningRound>;

export const MachineJob = Type.Object({
  id: Uuid, projectId: Uuid, modelId: Nullable(Uuid), modelLabel: Nullable(Type.String()),
  kind: MachineJobKind, state: MachineJobState,
  /** What it covers: `prelabel` (tasks at the project's prelabel stage) or `open` (open tasks at annotate whose item has no prediction of this model, of one import when importId is set). */
  scope: Type.Union([Type.Literal('prelabel'), Type.Literal('open'), Type.Literal('item'), Type.Literal('gold')]),
  importId: Nullable(Uuid),
  /** Scope `item`: the one item (a cloud or a whole sequence) auto-labelled from its workspace; progress counts its frames. */
  itemId: Nullable(Uuid),
  total: Type.Integer(), done: Type.Integer(), failed: Type.Integer(),
  /** total − done − failed, never below 0. */
  remaining: Type.Integer(),
  /** Items a second since the job started (done + failed over running time); null before the first item. */
  itemsPerSecond: Nullable(Type.Number()),
  /** remaining ÷ itemsPerSecond; null while unknown. */
  secondsLeft: Nullable(Type.Number()),
  error: Nullable(Type.String()),
  cancelRequested: Type.Boolean(),
  attempts: Type.Integer(),
  /** Proposals of model classes the project's class map does not use, counted per model class. */
  unmapped: Type.Array(Type.Object({ class: Type.String(), count: Type.Integer() })),
  /** An evaluate job's figures once done: the model against the accepted labels, at IoU 0.5. */
  evaluation: Nullable(ModelEvaluation),
  /** A train job's end: what the backend answered to START_TRAINING. */
  training: Nullable(Type.Union([
    Type.Object({ ok: Type.Literal(true), status: Type.Integer(), answer: Type.Unknown() }),
    Type.Object({ ok: Type.Literal(false), error: Type.String() }),
  ])),
  /** A gold-scope job (an LLM's qualification): its answers on the project's gold items, and the decision. */
  qualification: Nullable(Type.Object({ items: Type.Integer(), correct: Type.Integer(), accuracy: Type.Number(), required: Type.Number(), status: Type.Union([Type.Literal('qualified'), Type.Literal('failed')]) })),
  /** A learn job's round, once done. */
  learning: Nullable(LearningRound),
  /** Items the model failed on (the first 100), with the error. */
  failures: Type.Array(Type.Object({ itemId: Uuid, name: Type.String(), error: Type.String() })),
  createdAt: Type.String(), startedAt: Nullable(Type.String()), updatedAt: Type.String(), finishedAt: Nullable(Type.String()),
});
export type MachineJob = Static<typeof MachineJob>;

export const StartJobBody = Type.Object({
  kind: MachineJobKind,
  modelId: Uuid,
  scope: Type.Optional(Type.Union([Type.Literal('prelabel'), Type.Literal('open'), Type.Literal('gold')], { description: 'default prelabel; gold (an LLM only): label the project\'s gold items to qualify, as a newcomer does, before it may label the rest' })),
  importId: Type.Optional(Uuid),
});
export type StartJobBody = Static<typeof StartJobBody>;

/** Auto-label one item from its workspace: with the project's LiDAR model, or the shipped one (registered and attached on first use). */
export const AutoLabelBody = Type.Object({
  modelId: Type.Optional(Uuid),
});
export type AutoLabelBody = Static<typeof AutoLabelBody>;

/** A text project's learning: its settings, rounds, learning curve and what auto-accept did. */
export const LearningStatus = Type.Object({
  activeLearning: Type.String(), randomShare: Type.Number(), retrainAfter: Type.Integer(), autoAcceptTarget: Nullable(Type.Number()),
  modelLabel: Nullable(Type.String()),
  rounds: Type.Array(LearningRound),
  /** Accuracy on the random share, each item judged by the model of the round that picked it (none had trained on it), against the labels that model had. */
  curve: Type.Array(Type.Object({ labels: Type.Integer(), items: Type.Integer(), accuracy: Type.Number() })),
  /** Accepted labels by people, and items accepted automatically (of all the project's text items). */
  humanAccepted: Type.Integer(), automatic: Type.Integer(), items: Type.Integer(),
  /** Auto-accepted items QA looked at, and how many kept their label. */
  qa: Type.Object({ sampled: Type.Integer(), checked: Type.Integer(), right: Type.Integer(), accuracy: Nullable(Type.Number()) }),
  /** The last round's threshold, raised when QA found auto-accepted items below the target. */
  threshold: Nullable(Type.Number()), floor: Nullable(Type.Number()),
  job: Nullable(MachineJob),
});
export type LearningStatus = Static<typeof LearningStatus>;

const ModelParams = Type.Object({ modelId: Uuid });
const ProjectModelParams = Type.Object({ projectId: Uuid, modelId: Uuid });
const JobParams = Type.Object({ jobId: Uuid });

export const machineRoutes = {
  listModels: route('GET', '/api/models', {
    tags: ['machine'], summary: 'Registered models, newest first (administrator, or a manager of some project)',
    response: { 200: Type.Object({ models: Type.Array(Model) }), ...errors },
  }),
  registerModel: route('POST', '/api/models', {
    tags: ['machine'], summary: 'Register a model version: it is opened once to check it and read its classes, and gets its worker user (administrator)',
    body: RegisterModelBody, response: { 201: Model, ...errors },
  }),
  getModel: route('GET', '/api/models/:modelId', {
    tags: ['machine'], summary: 'One model (administrator, or a manager of some project)', params: ModelParams, response: { 200: Model, ...errors },
  }),
  updateModel: route('PATCH', '/api/models/:modelId', {
    tags: ['machine'], summary: 'Change a model\'s hour rate, or archive it (administrator)', params: ModelParams, body: UpdateModelBody, response: { 200: Model, ...errors },
  }),
  projectModels: route('GET', '/api/projects/:projectId/models', {
    tags: ['machine'], summary: 'The models this project uses, with their class maps (manager)', params: ProjectParams,
    response: { 200: Type.Object({ models: Type.Array(ProjectModel) }), ...errors },
  }),
  attachModel: route('PUT', '/api/projects/:projectId/models/:modelId', {
    tags: ['machine'], summary: 'Use a model in this project, or change its class map (manager); unknown ontology classes are refused', params: ProjectModelParams,
    body: AttachModelBody, response: { 200: ProjectModel, ...errors },
  }),
  detachModel: route('DELETE', '/api/projects/:projectId/models/:modelId', {
    tags: ['machine'], summary: 'Stop using a model in this project (manager); its stored predictions stay', params: ProjectModelParams,
    response: { 204: Type.Null(), ...errors },
  }),
  startJob: route('POST', '/api/projects/:projectId/jobs', {
    tags: ['machine'], summary: 'Start a machine job (manager): prelabel runs the model over the project\'s prelabel stage (or its open annotate tasks); evaluate runs it over the items with accepted labels and keeps precision, recall and AP; train sends the accepted labels to a Label Studio ML backend\'s /webhook, then START_TRAINING',
    params: ProjectParams, body: StartJobBody, response: { 201: MachineJob, ...errors },
  }),
  projectJobs: route('GET', '/api/projects/:projectId/jobs', {
    tags: ['machine'], summary: 'The project\'s machine jobs, newest first (manager)', params: ProjectParams,
    response: { 200: Type.Object({ jobs: Type.Array(MachineJob) }), ...errors },
  }),
  autoLabelItem: route('POST', '/api/items/:itemId/autolabel', {
    tags: ['machine'], summary: 'Auto-label one point-cloud item, every frame of a sequence with tracks across them, as a machine job (the person holding its task, or a manager); its proposals arrive as machine pre-labels',
    params: Type.Object({ itemId: Uuid }), body: AutoLabelBody, response: { 201: MachineJob, ...errors },
  }),
  startLearning: route('POST', '/api/projects/:projectId/learn', {
    tags: ['machine'], summary: 'Train the project\'s text model on its accepted labels now (manager): a learn job that proposes labels for the open items, orders the queue by uncertainty and auto-accepts where the target allows; asking while one runs returns it',
    params: ProjectParams, response: { 201: MachineJob, ...errors },
  }),
  learning: route('GET', '/api/projects/:projectId/learning', {
    tags: ['machine'], summary: 'The project\'s learning: rounds, the learning curve on the random share, auto-accept coverage and QA accuracy (manager)',
    params: ProjectParams, response: { 200: LearningStatus, ...errors },
  }),
  getJob: route('GET', '/api/jobs/:jobId', {
    tags: ['machine'], summary: 'A machine job with its progress (manager of its project, or the person who started it)', params: JobParams, response: { 200: MachineJob, ...errors },
  }),
  jobStream: route('GET', '/api/jobs/:jobId/stream', {
    tags: ['machine'], summary: 'The job as server-sent events (text/event-stream, `data: <MachineJob JSON>`): on connect and on each change, closed after it ends',
    params: JobParams,
  }),
  cancelJob: route('POST', '/api/jobs/:jobId/cancel', {
    tags: ['machine'], summary: 'Ask a job to stop (manager): it stops between items and ends cancelled; items already done keep their predictions',
    params: JobParams, response: { 200: MachineJob, ...errors },
  }),
};
