// Size priors a project has taught itself: the median length, width and height of each cuboid class
// in its accepted work. The 3D workspace completes a half-seen vehicle to these sizes rather than to a
// fixed typical car (4.6 m, too long for KITTI's 3.9 m cars); a class with fewer accepted boxes than
// MIN_LEARNED_BOXES keeps the ontology's prior.
import type { LabeledObject } from '@cadre/core';
import { annotations } from '@cadre/db';
import { learnPriors, MIN_LEARNED_BOXES, type LearnedPrior } from '@cadre/pointcloud';
import { requireProjectRole } from './access.ts';
import { ChangeAwareCache } from './changes.ts';
import type { Actor, ServiceDeps } from './context.ts';

/** The most recently accepted items this many at most: enough for a median, bounded for a large project. */
const ITEMS = 2000;
/**
 * Every task the 3D workspace opens asks for them, and they move slowly: a project's answer is kept
 * a minute instead of reading its accepted payloads on each next-task.
 */
const cache = new ChangeAwareCache<Record<string, LearnedPrior>>('size-priors', 60_000);

export async function projectSizePriors(deps: ServiceDeps, actor: Actor, projectId: string): Promise<{ priors: Record<string, LearnedPrior>; minBoxes: number }> {
  await requireProjectRole(deps, actor, projectId, ['manager', 'reviewer', 'annotator']);
  return { priors: await learnedPriorsOf(deps, projectId), minBoxes: MIN_LEARNED_BOXES };
}

/** The project's learned priors by class, without an access check (the machine's auto-labeller). */
export async function learnedPriorsOf(deps: ServiceDeps, projectId: string): Promise<Record<string, LearnedPrior>> {
  const known = cache.get(projectId);
  if (known) return known;
  const boxes: { label: string; dx: number; dy: number; dz: number }[] = [];
  for (const payload of await annotations.recentAcceptedPayloads(deps.db, projectId, ITEMS)) {
    for (const o of (payload as { objects?: LabeledObject[] } | null)?.objects ?? []) {
      if (o.kind !== 'cuboid3d') continue;
      const g = o.geometry as { dx: number; dy: number; dz: number };
      boxes.push({ label: o.label, dx: g.dx, dy: g.dy, dz: g.dz });
    }
  }
  const priors = learnPriors(boxes);
  cache.set(projectId, priors);
  return priors;
}
