// Machine jobs as managers see them: started for a project and a model, listed, read with their
// progress (rate and time left computed from the counts), cancelled.
import { uuidv7 } from '@cadre/core';
import type { AutoLabelBody, LearningStatus, MachineJob, MachineJobKind, StartJobBody } from '@cadre/contract';
import { gold, items, learning, machineJobs, models, projects, tasks, type MachineJobResult, type MachineJobRow, type ModelRow } from '@cadre/db';
import type { Ontology } from '@cadre/core';
import { AppError, invalid, notFound } from '../../errors.ts';
import { ALL_ROLES, requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { cachedProject } from '../project-cache.ts';
import { attachShippedLidar, attachShippedText, modelLabel, specOf } from './models.service.ts';
import { classOf, learningCurve, qaVerdict, roundToWire, textClassesOf } from './text-learning.ts';
import { enqueueMachineJob } from './runtime.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function jobToWire(j: MachineJobRow, label: string | null, now = Date.now()): MachineJob {
  const options = j.options as { scope?: 'prelabel' | 'open' | 'item' | 'gold'; importId?: string | null; itemId?: string };
  const result = (j as MachineJobRow & { result?: MachineJobResult }).result ?? {};
  const finished = j.done + j.failed;
  const remaining = Math.max(0, j.total - finished);
  const started = j.started_at ? new Date(j.started_at).getTime() : null;
  const until = j.finished_at ? new Date(j.finished_at).getTime() : now;
  const seconds = started !== null ? (until - started) / 1000 : 0;
  const rate = finished > 0 && seconds > 0 ? finished / seconds : null;
  return {
    id: j.id, projectId: j.project_id, modelId: j.model_id, modelLabel: label, kind: j.kind, state: j.state,
    scope: options.scope ?? 'prelabel', importId: options.importId ?? null, itemId: options.itemId ?? null,
    total: j.total, done: j.done, failed: j.failed, remaining,
    itemsPerSecond: rate, secondsLeft: rate && j.state !== 'done' && j.state !== 'cancelled' && j.state !== 'failed' ? remaining / rate : null,
    error: j.error, cancelRequested: j.cancel_requested, attempts: j.attempts,
    unmapped: Object.entries(result.unmapped ?? {}).map(([c, count]) => ({ class: c, count })).sort((a, b) => b.count - a.count || a.class.localeCompare(b.class)),
    failures: result.failures ?? [],
    evaluation: (result.evaluation as MachineJob['evaluation'] | undefined) ?? null,
    training: (result.training as MachineJob['training'] | undefined) ?? null,
    learning: (result.learning as MachineJob['learning'] | undefined) ?? null,
    qualification: (result.qualification as MachineJob['qualification'] | undefined) ?? null,
    createdAt: iso(j.created_at)!, startedAt: iso(j.started_at), updatedAt: iso(j.updated_at)!, finishedAt: iso(j.finished_at),
  };
}

async function labelOf(deps: ServiceDeps, modelId: string | null): Promise<string | null> {
  const m = modelId ? await models.findModel(deps.db, modelId) : undefined;
  return m ? modelLabel(m) : null;
}

/** Starts a job: checks what it needs now, so a manager hears at once what is wrong. */
export async function startJob(deps: ServiceDeps, actor: Actor, projectId: string, body: StartJobBody): Promise<MachineJob> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  const project = await cachedProject(deps.db, projectId);
  if (!project) throw notFound('project');
  const model = await models.findModel(deps.db, body.modelId);
  if (!model) throw notFound('model');
  if (model.archived_at) throw invalid(`model ${modelLabel(model)} is archived`);
  if (!(await models.findProjectModel(deps.db, projectId, model.id))) {
    throw invalid(`model ${modelLabel(model)} is not used by this project: attach it first (PUT /api/projects/${projectId}/models/${model.id}) so its classes map onto the ontology`);
  }
  const scope = body.scope ?? 'prelabel';
  if (body.kind === 'learn' || specOf(model).type === 'text') {
    if (body.kind !== 'learn' || specOf(model).type !== 'text') throw invalid(`learn jobs are the text learner's (POST /api/projects/${projectId}/learn); model ${modelLabel(model)} is a ${specOf(model).type} model`);
    return startLearning(deps, actor, projectId);
  }
  if (body.kind !== 'prelabel' && specOf(model).type === 'llm') {
    throw invalid(`model ${modelLabel(model)} is an LLM: it pre-labels texts (prelabel job); its agreement with people is on the quality page`);
  }
  if (scope === 'gold') {
    if (specOf(model).type !== 'llm') throw invalid('scope gold: only an LLM qualifies on the gold items (people do, in the workspace)');
    if ((await gold.countGoldItems(deps.db, projectId)) === 0) throw invalid('scope gold: this project has no gold items yet (make some on the Quality or Gold page)');
  } else if (specOf(model).type === 'llm' && (await gold.countGoldItems(deps.db, projectId)) > 0) {
    // Where the project qualifies its newcomers on gold, an LLM qualifies first too.
    const q = await gold.findQualification(deps.db, projectId, model.worker_id);
    if (!q) throw invalid(`model ${modelLabel(model)} has not qualified in this project: run it on the gold items first (scope "gold"), as a newcomer would`);
    if (q.status !== 'qualified') throw invalid(`model ${modelLabel(model)} failed qualification in this project (${Math.round(q.accuracy * 1000) / 10}% on the gold items, ${Math.round(project.settings.qualificationAccuracy * 1000) / 10}% needed)`);
  }
  if (body.kind !== 'prelabel' && specOf(model).type === 'lidar') {
    throw invalid(`model ${modelLabel(model)} is the LiDAR auto-labeller: it pre-labels point clouds (its outcomes are in the model report); evaluate and train jobs are for image models`);
  }
  if (body.kind === 'train' && specOf(model).type !== 'ls-backend') {
    throw invalid(`model ${modelLabel(model)} is a ${specOf(model).type} model: only a Label Studio ML backend takes accepted labels for training (its /webhook)`);
  }
  if (body.kind === 'evaluate' || body.kind === 'train') {
    if (body.scope || body.importId) throw invalid(`scope and importId: only for prelabel jobs (${body.kind === 'train' ? 'training' : 'an evaluation'} takes every item with accepted labels)`);
    if ((await machineJobs.countAccepted(deps.db, projectId)) === 0) throw invalid('this project has no accepted labels yet to measure the model against');
  } else if (scope === 'prelabel' && project.settings.stages[0] !== 'prelabel') {
    throw invalid(`this project's workflow (${project.settings.stages.join(', ')}) has no prelabel stage: start its stages with "prelabel", or use scope "open" to pre-label its open tasks at annotate`);
  }
  if (body.importId) {
    if (scope !== 'open') throw invalid('importId: only with scope "open" (a prelabel-stage job takes every task of the stage)');
    if (!(await machineJobs.importOfProject(deps.db, projectId, body.importId))) throw invalid(`importId: no import ${body.importId} in this project`);
  }
  const running = await machineJobs.unfinishedJob(deps.db, projectId, model.id, body.kind);
  if (running) throw new AppError('conflict', `a ${body.kind} job of ${modelLabel(model)} is ${running.state} in this project (job ${running.id}); cancel it or wait for it`, { jobId: running.id });
  return queueJob(deps, actor.userId, projectId, model, body.kind, body.kind !== 'prelabel' ? {} : { scope, importId: body.importId ?? null });
}

/**
 * A learning round now: the project's text learner (the shipped one, attached on first use) trains on
 * the accepted labels and proposes, orders and auto-accepts. Asked while one is queued or running, that one.
 */
export async function startLearning(deps: ServiceDeps, actor: Actor, projectId: string): Promise<MachineJob> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  return queueLearning(deps, actor.userId, projectId);
}

async function queueLearning(deps: ServiceDeps, userId: string | null, projectId: string): Promise<MachineJob> {
  const project = await cachedProject(deps.db, projectId);
  if (!project) throw notFound('project');
  const ontology = project.ontology as Ontology;
  const classes = textClassesOf(ontology);
  if (classes.length < 2 && !ontology.classes.some((c) => c.kind === 'text_span')) {
    throw invalid(`the text learner classifies texts and finds spans in them: the ontology needs at least two text classification (text_class) classes or a span (text_span) class; it has ${classes.length} and no span class`);
  }
  const model = await attachShippedText(deps, projectId);
  const running = await machineJobs.unfinishedJob(deps.db, projectId, model.id, 'learn');
  if (running) return jobToWire(running, modelLabel(model));
  return queueJob(deps, userId, projectId, model, 'learn', {});
}

/** The job runner's beat: a learning round for each project with learning on whose people accepted enough new labels. */
export async function queueDueLearning(deps: ServiceDeps): Promise<number> {
  const due = await learning.projectsDue(deps.db);
  for (const { project_id } of due) await queueLearning(deps, null, project_id).catch(() => undefined);
  return due.length;
}

/** The project's learning, for its managers: rounds, curve on the random share, auto-accept and QA. */
export async function learningStatus(deps: ServiceDeps, actor: Actor, projectId: string): Promise<LearningStatus> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  const project = await cachedProject(deps.db, projectId);
  if (!project) throw notFound('project');
  const { settings } = project;
  const model = await models.findModelByName(deps.db, 'cadre-text', '1');
  const rounds = await learning.rounds(deps.db, projectId);
  const texts = await learning.texts(deps.db, projectId);
  const labelOf = new Map<string, string>();
  for (const t of texts) {
    const c = t.author_kind === 'human' ? classOf(t.payload) : null;
    if (c !== null) labelOf.set(t.item_id, c);
  }
  const qa = await qaVerdict(deps, projectId);
  const jobs = model ? (await machineJobs.listJobs(deps.db, projectId)).filter((j) => j.kind === 'learn') : [];
  const last = rounds.at(-1);
  return {
    activeLearning: settings.activeLearning, randomShare: settings.learningRandomShare, retrainAfter: settings.learningRetrainAfter, autoAcceptTarget: settings.autoAcceptTarget,
    modelLabel: model ? modelLabel(model) : null,
    rounds: rounds.map(roundToWire),
    curve: learningCurve(await learning.picks(deps.db, projectId), labelOf),
    humanAccepted: labelOf.size, automatic: qa.automatic, items: texts.length,
    qa: { sampled: qa.sampled, checked: qa.checked, right: qa.right, accuracy: qa.checked > 0 ? qa.right / qa.checked : null },
    threshold: last?.threshold ?? null, floor: last?.floor ?? null,
    job: jobs[0] && model ? jobToWire(jobs[0], modelLabel(model)) : null,
  };
}

async function queueJob(deps: ServiceDeps, createdBy: string | null, projectId: string, model: ModelRow, kind: MachineJobKind, options: Record<string, unknown>): Promise<MachineJob> {
  const job = await machineJobs.insertJob(deps.db, { id: uuidv7(), projectId, modelId: model.id, kind, options, createdBy });
  try {
    await enqueueMachineJob(deps, job.id);
  } catch (e) {
    await machineJobs.finishJob(deps.db, job.id, 'failed', `could not be queued: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  }
  return jobToWire(job, modelLabel(model));
}

/**
 * Auto-labels one point-cloud item from its workspace: asked by the person holding one of its tasks,
 * or a manager. The model is the one given, else the project's LiDAR model, else the shipped one
 * (registered and attached on first use, its classes mapped by name).
 */
export async function autoLabelItem(deps: ServiceDeps, actor: Actor, itemId: string, body: AutoLabelBody): Promise<MachineJob> {
  const item = await items.findItem(deps.db, itemId);
  if (!item) throw notFound('item');
  const roles = await requireProjectRole(deps, actor, item.project_id, ALL_ROLES).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'not_found' ? notFound('item') : e;
  });
  const holds = (await tasks.heldLeases(deps.db, actor.userId, item.project_id)).some((t) => t.item_id === itemId);
  if (!holds && !actor.isAdmin && !roles.includes('manager')) throw new AppError('forbidden', 'auto-label an item you are working on (its task is yours), or ask a manager of the project');
  if (item.kind !== 'pointcloud') throw invalid(`this item is a ${item.kind} item: auto-label labels point clouds (pre-label images with a model job from the project page)`);
  const model = await lidarModelFor(deps, item.project_id, body.modelId);
  if (await machineJobs.hasModelPrediction(deps.db, itemId, model.id)) {
    throw new AppError('conflict', `this item has ${modelLabel(model)}'s proposals already (accept, adjust or delete them in the workspace)`);
  }
  const running = await machineJobs.unfinishedItemJob(deps.db, itemId, model.id);
  if (running) return jobToWire(running, modelLabel(model)); // asked twice: the same job
  return queueJob(deps, actor.userId, item.project_id, model, 'prelabel', { scope: 'item', itemId });
}

async function lidarModelFor(deps: ServiceDeps, projectId: string, modelId: string | undefined): Promise<ModelRow> {
  if (modelId) {
    const m = await models.findModel(deps.db, modelId);
    if (!m || !(await models.findProjectModel(deps.db, projectId, m.id))) throw invalid(`modelId: no model ${modelId} is used by this project`);
    if (specOf(m).type !== 'lidar') throw invalid(`model ${modelLabel(m)} is a ${specOf(m).type} model: auto-label needs a LiDAR model`);
    return m;
  }
  // The one attached last: a manager who attaches a 3D detector of the project's own after the
  // shipped labeller (attached on first use) means the new one.
  for (const pm of (await models.listProjectModels(deps.db, projectId)).reverse()) {
    const m = await models.findModel(deps.db, pm.model_id);
    if (m && !m.archived_at && specOf(m).type === 'lidar') return m;
  }
  return attachShippedLidar(deps, projectId);
}

export async function projectJobs(deps: ServiceDeps, actor: Actor, projectId: string): Promise<{ jobs: MachineJob[] }> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  const rows = await machineJobs.listJobs(deps.db, projectId);
  const labels = new Map<string | null, string | null>();
  for (const r of rows) if (!labels.has(r.model_id)) labels.set(r.model_id, await labelOf(deps, r.model_id));
  return { jobs: rows.map((r) => jobToWire(r, labels.get(r.model_id) ?? null)) };
}

/** The job, for a manager of its project or the person who started it (to anyone else it does not exist). */
export async function getJob(deps: ServiceDeps, actor: Actor, jobId: string): Promise<MachineJob> {
  const job = await machineJobs.findJob(deps.db, jobId);
  if (!job) throw notFound('job');
  const own = job.created_by === actor.userId && (await projects.rolesOf(deps.db, actor.userId, job.project_id)).length > 0;
  if (!own) {
    await requireProjectRole(deps, actor, job.project_id, ['manager']).catch((e: unknown) => {
      throw e instanceof AppError && e.code === 'not_found' ? notFound('job') : e;
    });
  }
  return jobToWire(job, await labelOf(deps, job.model_id));
}

export async function cancelJob(deps: ServiceDeps, actor: Actor, jobId: string): Promise<MachineJob> {
  const job = await getJob(deps, actor, jobId);
  if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') return job;
  const row = await machineJobs.requestCancel(deps.db, jobId);
  return jobToWire(row!, job.modelLabel);
}

export const jobEnded = (j: MachineJob) => j.state === 'done' || j.state === 'failed' || j.state === 'cancelled';
