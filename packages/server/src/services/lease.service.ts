// The server's side of the one lease: which roles, stage and limits a kind of lease runs with, from
// the project's settings. The dispenser (queue), the daily cap (rework) and gold (gold tasks) all
// lease through here, and so will machine workers; `leases.lease` in @cadre/db does the rest in
// one statement (role and hold checks, skips, pick, lease, `leased` event).
import type { HumanStage, MachineWorkerStage, ProjectSettings } from '@cadre/core';
import { leases, type TaskRow } from '@cadre/db';
import type { Actor, ServiceDeps } from './context.ts';
import { STAGE_ROLES } from './workflow/stages.ts';

export interface LeaseRequest {
  kind: leases.LeaseKind;
  /** The human stage whose roles may take the task (gold and rework are labelling), or the machine stage a model works. */
  stage: HumanStage | MachineWorkerStage;
  /** People lease as `user` (the default); machine workers as `machine`. */
  workerKind?: leases.WorkerKind;
}

type LeaseSettings = Pick<ProjectSettings, 'stage' | 'leaseSeconds' | 'maxHeldTasks' | 'overlap'>;

/** The statement's input for this worker and kind of lease. */
export function leaseInput(actor: Actor, projectId: string, settings: LeaseSettings, req: LeaseRequest): leases.LeaseInput {
  const stage = req.kind === 'gold' ? 'gold' : req.kind === 'rework' ? 'annotate' : req.stage === 'annotate' ? settings.stage : req.stage;
  return {
    kind: req.kind, workerId: actor.userId, workerKind: req.workerKind ?? 'user', projectId, stage,
    leaseSeconds: settings.leaseSeconds, maxHeld: settings.maxHeldTasks,
    // A model's worker is no member of the project: the job that runs it was started by a manager.
    roles: req.stage === 'prelabel' ? [] : STAGE_ROLES[req.stage], bypassRoles: actor.isAdmin || req.workerKind === 'machine', copies: settings.overlap > 1,
  };
}

/** Leases the task this worker gets of this kind, or undefined when there is none for them. */
export async function leaseFor(deps: ServiceDeps, actor: Actor, projectId: string, settings: LeaseSettings, req: LeaseRequest): Promise<TaskRow | undefined> {
  return leases.lease(deps.pool, leaseInput(actor, projectId, settings, req));
}
