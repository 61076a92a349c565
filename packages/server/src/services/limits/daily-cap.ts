// The daily cap: after `dailyCap` items taken on today (in the project's time zone), no new task is
// leased until tomorrow. Rework of the person's own returned work is still leased: it was counted
// when first taken, and leaving it would hold the whole item up in the pipeline.
import { limits, type TaskRow } from '@cadre/db';
import { AppError } from '../../errors.ts';
import { requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { STAGE_ROLES } from '../workflow/stages.ts';
import type { ProjectSettings } from '@cadre/core';
import { leaseFor } from '../lease.service.ts';

export interface CapState { cap: number; taken: number; left: number | null; reached: boolean; resetsAt: string }

export async function capState(deps: ServiceDeps, projectId: string, userId: string, settings: Pick<ProjectSettings, 'dailyCap' | 'timeZone'>): Promise<CapState> {
  const day = await limits.takenToday(deps.db, projectId, userId, settings.timeZone);
  const cap = settings.dailyCap;
  return {
    cap, taken: day.taken, left: cap > 0 ? Math.max(0, cap - day.taken) : null,
    reached: cap > 0 && day.taken >= cap, resetsAt: day.dayEnd.toISOString(),
  };
}

/** `capState` of many people at once, in one query (the admin dashboard's list of everyone). */
export async function capStates(deps: ServiceDeps, projectId: string, userIds: readonly string[], settings: Pick<ProjectSettings, 'dailyCap' | 'timeZone'>): Promise<Map<string, CapState>> {
  const day = await limits.takenTodayOf(deps.db, projectId, userIds, settings.timeZone);
  const cap = settings.dailyCap;
  const resetsAt = day.dayEnd?.toISOString() ?? '';
  return new Map(userIds.map((userId) => {
    const taken = day.taken.get(userId) ?? 0;
    return [userId, { cap, taken, left: cap > 0 ? Math.max(0, cap - taken) : null, reached: cap > 0 && taken >= cap, resetsAt }];
  }));
}

/**
 * The gate before a labelling lease. Under the cap: undefined (lease as usual). At the cap: the
 * person's own rework if there is some, else the error `daily_cap` with the count and the cap.
 * Two claims by one person at the same instant may both pass at cap − 1; the cap can then be
 * passed by one, which we accept rather than serialise every claim.
 */
export async function capGate(deps: ServiceDeps, actor: Actor, projectId: string, settings: ProjectSettings): Promise<TaskRow | undefined> {
  if (settings.dailyCap <= 0) return undefined;
  const state = await capState(deps, projectId, actor.userId, settings);
  if (!state.reached) return undefined;
  await requireProjectRole(deps, actor, projectId, STAGE_ROLES.annotate);
  const rework = await leaseFor(deps, actor, projectId, settings, { kind: 'rework', stage: 'annotate' });
  if (rework) return rework;
  throw new AppError('daily_cap', `you have taken on ${state.taken} items today, the daily cap of this project is ${state.cap}; new work opens again at ${state.resetsAt}`, {
    taken: state.taken, cap: state.cap, resetsAt: state.resetsAt,
  });
}
