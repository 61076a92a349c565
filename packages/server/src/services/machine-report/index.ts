// The report of models: one project's (its managers) or every project's (administrators).
import { notFound } from '../../errors.ts';
import { requireAdmin, requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { cachedProject } from '../project-cache.ts';
import { buildModelReport, type ModelReport } from './report.ts';

export async function projectModelReport(deps: ServiceDeps, actor: Actor, projectId: string): Promise<ModelReport> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  if (!(await cachedProject(deps.db, projectId))) throw notFound('project');
  return buildModelReport(deps.db, projectId);
}

export async function allModelsReport(deps: ServiceDeps, actor: Actor): Promise<ModelReport> {
  requireAdmin(actor);
  return buildModelReport(deps.db, null);
}

export { recordOutcomes } from './record.ts';
export { machineCostMinor, type MachineUse } from './cost.ts';
export { buildModelReport, DEFINITIONS, type ModelReport, type ModelVersionReport, type MethodCost, type Seconds } from './report.ts';
