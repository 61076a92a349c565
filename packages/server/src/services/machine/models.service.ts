// The models registry: a model version is registered once (its spec checked by opening it, its
// classes read from it unless given) with its worker user, the machine that leases pre-label tasks
// as any worker does and cannot sign in. Projects attach models with a class map onto their ontology.
import { uuidv7, type Ontology } from '@cadre/core';
import { modelTargetKinds, type AttachModelBody, type Model, type ProjectModel, type RegisterModelBody, type UpdateModelBody } from '@cadre/contract';
import { kyselyOn, models, withTransaction, type ModelRow } from '@cadre/db';
import { openDetector, type ModelSpec } from '@cadre/models';
import { AppError, invalid, notFound } from '../../errors.ts';
import { requireAdmin, requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { cachedProject } from '../project-cache.ts';
import { checkSpec } from './spec.ts';
import { LIDAR_CLASSES, lidarClassMap } from './lidar.ts';

// The JSON columns come back parsed; the row type only knows them as JSON.
export const classesOf = (m: ModelRow): string[] => m.classes as unknown as string[];
export const specOf = (m: ModelRow): ModelSpec => m.spec as unknown as ModelSpec;
export const classMapOf = (pm: models.ProjectModelRow): Record<string, string | null> => pm.class_map as unknown as Record<string, string | null>;

export const modelLabel = (m: Pick<ModelRow, 'name' | 'version'>) => `${m.name}@${m.version}`;

export function modelToWire(m: ModelRow): Model {
  const spec = specOf(m);
  return {
    id: m.id, name: m.name, version: m.version, label: modelLabel(m), type: spec.type, spec, classes: classesOf(m),
    hourRateMinor: m.hour_rate_minor, workerId: m.worker_id, createdAt: new Date(m.created_at).toISOString(),
    archivedAt: m.archived_at ? new Date(m.archived_at).toISOString() : null,
  };
}

async function requireModelReader(deps: ServiceDeps, actor: Actor): Promise<void> {
  if (actor.isAdmin || (await models.managesAnyProject(deps.db, actor.userId))) return;
  throw new AppError('forbidden', 'models are shown to administrators and project managers');
}

/** Registers a model version; its classes come from the opened model unless given. */
export async function registerModel(deps: ServiceDeps, actor: Actor, body: RegisterModelBody): Promise<Model> {
  requireAdmin(actor);
  const name = body.name.trim();
  const version = body.version.trim();
  if (name === '' || version === '' || /[@\s]/.test(name) || /\s/.test(version)) {
    throw invalid('name and version: must be non-empty, without spaces (and the name without "@": models are named name@version)');
  }
  let spec = checkSpec(body.spec);
  // A Label Studio backend is told the project's labels as a labeling config: without one of its
  // own, it is built from the classes given here.
  if (spec.type === 'ls-backend' && spec.labelConfig === undefined && spec.extraParams?.classes === undefined && body.classes) {
    spec = { ...spec, extraParams: { ...spec.extraParams, classes: body.classes } };
  }
  if (await models.findModelByName(deps.db, name, version)) throw new AppError('conflict', `model ${name}@${version} is registered already; register a new version`);
  let classes = body.classes;
  if (spec.type === 'lidar' && spec.url !== undefined) {
    // A 3D detector of the user's own names the classes it answers only here.
    if (!classes || classes.length === 0) throw invalid('classes: the class names your 3D detector answers (its boxes\' "class")');
  } else if (spec.type === 'lidar') {
    const unknown = (classes ?? []).filter((c) => !LIDAR_CLASSES.includes(c));
    if (unknown.length > 0) throw invalid(`classes: the LiDAR auto-labeller knows ${LIDAR_CLASSES.join(', ')} (not ${unknown.join(', ')})`);
    classes ??= [...LIDAR_CLASSES];
  }
  // An LLM labels with each project's own text classes (its prompt names them): it has none of its own.
  if (spec.type === 'llm') classes = [];
  if (!classes) {
    let detector;
    try {
      detector = await openDetector(spec);
    } catch (e) {
      throw invalid(`the model could not be opened: ${e instanceof Error ? e.message : String(e)}`);
    }
    classes = [...detector.info.classes];
    await detector.close().catch(() => undefined);
  }
  if (classes.length === 0 && spec.type !== 'llm') throw invalid('classes: the model names no classes; give them in "classes"');
  if (new Set(classes).size !== classes.length) throw invalid('classes: a class is named twice');
  return modelToWire(await insertModel(deps, actor.userId, { name, version, spec, classes, hourRateMinor: body.hourRateMinor ?? 0 }));
}

async function insertModel(deps: ServiceDeps, createdBy: string | null, m: { name: string; version: string; spec: ModelSpec; classes: string[]; hourRateMinor: number }): Promise<ModelRow> {
  const { name, version, spec, classes } = m;
  const id = uuidv7();
  const workerId = uuidv7();
  const row = await withTransaction(deps.pool, async (client) => {
    const tx = kyselyOn(client);
    await models.insertWorkerUser(tx, { id: workerId, email: `model-${id}@machine.cadre`, name: `model ${name}@${version}` });
    return models.insertModel(tx, {
      id, name, version, spec: spec as unknown as Record<string, unknown>, classes, workerId, hourRateMinor: m.hourRateMinor, createdBy,
    });
  }).catch((e: unknown) => {
    if ((e as { code?: string }).code === '23505') throw new AppError('conflict', `model ${name}@${version} is registered already; register a new version`);
    throw e;
  });
  return row;
}

/** The models shipped with Cadre, as registered on first use. */
export const SHIPPED_LIDAR = { name: 'cadre-lidar', version: '1' } as const;
export const SHIPPED_TEXT = { name: 'cadre-text', version: '1' } as const;

/** A shipped model's row: registered once (machine time costs nothing until an administrator sets its hour rate). */
async function shippedModel(deps: ServiceDeps, which: { name: string; version: string }, spec: ModelSpec, classes: string[]): Promise<ModelRow> {
  const found = await models.findModelByName(deps.db, which.name, which.version);
  if (found) return found;
  return insertModel(deps, null, { ...which, spec, classes, hourRateMinor: 0 }).catch(async (e: unknown) => {
    // Two first uses at once: the other registered it.
    const other = await models.findModelByName(deps.db, which.name, which.version);
    if (e instanceof AppError && e.code === 'conflict' && other) return other;
    throw e;
  });
}

/** The shipped LiDAR auto-labeller, used by the project with its classes mapped by name. */
export async function attachShippedLidar(deps: ServiceDeps, projectId: string): Promise<ModelRow> {
  const model = await shippedModel(deps, SHIPPED_LIDAR, { type: 'lidar' }, [...LIDAR_CLASSES]);
  if (!(await models.findProjectModel(deps.db, projectId, model.id))) {
    const project = await cachedProject(deps.db, projectId);
    if (!project) throw notFound('project');
    await models.upsertProjectModel(deps.db, { projectId, modelId: model.id, classMap: lidarClassMap(project.ontology as Ontology), minScore: null });
  }
  return model;
}

/** The shipped text learner, used by the project: its classes are the project's own (it learns them), so its class map is empty. */
export async function attachShippedText(deps: ServiceDeps, projectId: string): Promise<ModelRow> {
  const model = await shippedModel(deps, SHIPPED_TEXT, { type: 'text' }, []);
  if (!(await models.findProjectModel(deps.db, projectId, model.id))) await models.upsertProjectModel(deps.db, { projectId, modelId: model.id, classMap: {}, minScore: null });
  return model;
}

export async function listModels(deps: ServiceDeps, actor: Actor): Promise<{ models: Model[] }> {
  await requireModelReader(deps, actor);
  return { models: (await models.listModels(deps.db)).map(modelToWire) };
}

export async function getModel(deps: ServiceDeps, actor: Actor, modelId: string): Promise<Model> {
  await requireModelReader(deps, actor);
  const m = await models.findModel(deps.db, modelId);
  if (!m) throw notFound('model');
  return modelToWire(m);
}

export async function updateModel(deps: ServiceDeps, actor: Actor, modelId: string, body: UpdateModelBody): Promise<Model> {
  requireAdmin(actor);
  // Nothing to change (no field, or only unknown ones): the model as it is.
  const m = body.hourRateMinor === undefined && body.archived === undefined ? await models.findModel(deps.db, modelId) : await models.updateModel(deps.db, modelId, body);
  if (!m) throw notFound('model');
  return modelToWire(m);
}

/** Model classes the map does not send anywhere. */
export const unmappedClasses = (classes: string[], map: Record<string, string | null>) => classes.filter((c) => !map[c]);

function projectModelToWire(projectId: string, m: ModelRow, classMap: Record<string, string | null>, minScore: number | null): ProjectModel {
  const classes = classesOf(m);
  return { projectId, model: modelToWire(m), classMap, minScore, unmapped: unmappedClasses(classes, classMap) };
}

export async function projectModels(deps: ServiceDeps, actor: Actor, projectId: string): Promise<{ models: ProjectModel[] }> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  const out: ProjectModel[] = [];
  for (const pm of await models.listProjectModels(deps.db, projectId)) {
    const m = await models.findModel(deps.db, pm.model_id);
    if (m) out.push(projectModelToWire(projectId, m, classMapOf(pm), pm.min_score));
  }
  return { models: out };
}

/** The default class map: model classes named like a class of the ontology the model can fill (ignoring case) map to it. */
export function defaultClassMap(classes: string[], ontology: Ontology, type: string): Record<string, string | null> {
  if (type === 'lidar') return lidarClassMap(ontology, classes);
  const targets = modelTargetKinds(type);
  const boxes = ontology.classes.filter((c) => targets.includes(c.kind));
  return Object.fromEntries(classes.map((c) => [c, boxes.find((b) => b.name.toLowerCase() === c.toLowerCase())?.name ?? null]));
}

/** Uses the model in the project, or changes its class map; every model class is listed in the stored map. */
export async function attachModel(deps: ServiceDeps, actor: Actor, projectId: string, modelId: string, body: AttachModelBody): Promise<ProjectModel> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  const project = await cachedProject(deps.db, projectId);
  if (!project) throw notFound('project');
  const m = await models.findModel(deps.db, modelId);
  if (!m) throw notFound('model');
  const ontology = project.ontology as Ontology;
  const classes = classesOf(m);
  // "Not used" is null; the HTTP schema's type coercion turns a JSON null into "", which names no class either.
  const type = specOf(m).type;
  const targets = modelTargetKinds(type);
  const given = Object.fromEntries(Object.entries(body.classMap ?? defaultClassMap(classes, ontology, type)).map(([k, v]) => [k, v === '' ? null : v]));
  const problems: string[] = [];
  for (const [from, to] of Object.entries(given)) {
    if (!classes.includes(from)) { problems.push(`"${from}" is not a class of ${modelLabel(m)} (its classes: ${classes.slice(0, 20).join(', ')}${classes.length > 20 ? ', …' : ''})`); continue; }
    if (to === null) continue;
    const target = ontology.classes.find((c) => c.name === to);
    if (!target) problems.push(`"${from}" maps to "${to}", which is not a class of the project (its classes: ${ontology.classes.map((c) => c.name).join(', ')})`);
    else if (!targets.includes(target.kind)) problems.push(`"${from}" maps to "${to}", a ${target.kind} class: ${type === 'lidar' ? 'the LiDAR auto-labeller\'s proposals go to cuboid (cuboid3d) classes' : 'an image model\'s proposals go to box (bbox2d) or polygon classes'}`);
  }
  if (problems.length > 0) throw invalid(`classMap: ${problems.join('; ')}`, { problems });
  const classMap = Object.fromEntries(classes.map((c) => [c, given[c] ?? null]));
  const minScore = body.minScore === undefined ? (await models.findProjectModel(deps.db, projectId, modelId))?.min_score ?? null : body.minScore;
  await models.upsertProjectModel(deps.db, { projectId, modelId, classMap, minScore });
  return projectModelToWire(projectId, m, classMap, minScore);
}

export async function detachModel(deps: ServiceDeps, actor: Actor, projectId: string, modelId: string): Promise<void> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  if (!(await models.deleteProjectModel(deps.db, projectId, modelId))) throw notFound('model of this project');
}
