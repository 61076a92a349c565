// Bulk actions of the tasks view (managers only; the route is audited): reassign, priority, send back,
// give back, remove; on chosen tasks or on every task a filter matches, up to the count the manager
// confirmed. One transaction per batch; each task is locked, judged by the rule that applies to it
// (a task someone holds right now is refused, say), and acted on through the service that owns the
// rule (removal, the dispenser's give-back, the workflow's move). A retry changes nothing twice.
import type { BulkAction, BulkResult, TasksFilter } from '@cadre/contract';
import { events, projects, tasksView, users, workflow, type Db, type Role } from '@cadre/db';
import { AppError } from '../../errors.ts';
import { requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { giveBack } from '../dispenser.service.ts';
import { cachedProject } from '../project-cache.ts';
import { removeWithin } from '../removal.service.ts';
import { STAGE_ROLES } from '../workflow/stages.ts';
import { workDone } from '../changes.ts';
import { toFilter } from './filter.ts';

const BATCH = 200;
const REFUSALS_SHOWN = 200;

export interface BulkInput { action: BulkAction; taskIds?: string[] | undefined; filter?: TasksFilter | undefined; confirmCount?: number | undefined }

type Locked = tasksView.LockedTask;
/** What became of one task: acted on, already so, or refused with why. */
type Verdict = 'changed' | 'unchanged' | { refused: string };
type Judge = (tx: Db, task: Locked) => Promise<Verdict>;

const bad = (path: string, message: string) => new AppError('bad_request', `${path}: ${message}`, [{ path, message }]);
const PERSON_STAGES = Object.keys(STAGE_ROLES) as (keyof typeof STAGE_ROLES)[];
const isPersonStage = (s: string): s is keyof typeof STAGE_ROLES => (PERSON_STAGES as string[]).includes(s);

export async function bulk(deps: ServiceDeps, actor: Actor, projectId: string, input: BulkInput): Promise<BulkResult> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  if ((input.taskIds === undefined) === (input.filter === undefined)) throw bad('body', 'name the tasks (taskIds) or a filter (filter), one of the two');
  if (input.filter !== undefined && input.confirmCount === undefined) throw bad('body.confirmCount', 'acting on every task a filter matches needs the count that was shown and confirmed');
  const judge = await judgeFor(deps, actor, projectId, input.action);
  const result: BulkResult = { matched: 0, changed: 0, unchanged: 0, refused: [], refusedCount: 0 };
  const batches = input.taskIds ? chunks([...new Set(input.taskIds)], BATCH) : walk(deps, projectId, toFilter(input.filter!, 'body.filter'), input.confirmCount!);
  for await (const ids of batches) {
    await deps.db.transaction().execute(async (tx) => {
      const locked = await tasksView.lockTasks(tx, ids);
      const found = new Set(locked.map((t) => t.id));
      for (const id of ids) {
        if (found.has(id)) continue;
        // A removed task is what a retried removal expects; anything else names a task that is not there.
        count(result, id, input.action.kind === 'remove' ? 'unchanged' : { refused: 'no such task (removed?)' });
      }
      for (const task of locked) count(result, task.id, task.project_id === projectId ? await judge(tx, task) : { refused: 'not a task of this project' });
    });
  }
  if (result.changed > 0) workDone(deps.db, projectId);
  return result;
}

function count(r: BulkResult, taskId: string, v: Verdict): void {
  r.matched++;
  if (v === 'changed') r.changed++;
  else if (v === 'unchanged') r.unchanged++;
  else {
    r.refusedCount++;
    if (r.refused.length < REFUSALS_SHOWN) r.refused.push({ taskId, reason: v.refused });
  }
}

function* chunks<T>(all: T[], size: number): Generator<T[]> {
  for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
}

/** Every task the filter matches, oldest first, a batch at a time, at most `max` of them. */
async function* walk(deps: ServiceDeps, projectId: string, filter: tasksView.TaskViewFilter, max: number): AsyncGenerator<string[]> {
  let after: string | null = null;
  let left = max;
  while (left > 0) {
    const ids = await tasksView.matchingIds(deps.db, projectId, filter, after, Math.min(BATCH, left));
    if (ids.length === 0) return;
    yield ids;
    left -= ids.length;
    after = ids.at(-1)!;
  }
}

const held = (t: Locked) => `${t.assignee_name ?? 'someone'} holds it right now: give it back first`;

function log(tx: Db, actor: Actor, t: Locked, action: string, data: Record<string, unknown>) {
  return events.appendEvent(tx, { actorId: actor.userId, actorKind: 'user', projectId: t.project_id, entity: 'task', entityId: t.id, action, data: { ...data, bulk: true } });
}

async function judgeFor(deps: ServiceDeps, actor: Actor, projectId: string, action: BulkAction): Promise<Judge> {
  const project = await cachedProject(deps.db, projectId);
  const stages = project?.settings.stages ?? [];
  switch (action.kind) {
    case 'reassign': {
      const roles = await projects.rolesOf(deps.db, action.userId, projectId);
      if (roles.length === 0) throw bad('body.action.userId', 'is not a member of this project');
      const name = (await users.findUser(deps.db, action.userId))?.name ?? 'them';
      return async (tx, t) => {
        if (t.status === 'leased') return { refused: held(t) };
        if (t.status !== 'open') return { refused: t.status === 'done' ? 'finished' : 'waits for its QA batch verdict' };
        if (!isPersonStage(t.stage)) return { refused: `the ${t.stage} stage is not a person's` };
        if (!STAGE_ROLES[t.stage].some((r: Role) => roles.includes(r))) return { refused: `${name} may not work the ${t.stage} stage (roles: ${roles.join(', ')})` };
        if (t.stage !== 'annotate' && t.annotator_id === action.userId) return { refused: `${name} did this work: nobody checks their own` };
        if (t.reserved_for === action.userId) return 'unchanged';
        if (await tasksView.hasSkipped(tx, t.id, action.userId)) return { refused: `${name} gave this task back earlier` };
        await workflow.moveTask(tx, t.id, { stage: t.stage, status: 'open', reservedFor: action.userId });
        await log(tx, actor, t, 'reassigned', { to: action.userId, from: t.reserved_for });
        return 'changed';
      };
    }
    case 'priority':
      return async (tx, t) => {
        if (t.status === 'done') return { refused: 'finished' };
        const value = action.mode === 'set' ? action.value : t.priority + action.value;
        if (value === t.priority) return 'unchanged';
        await tasksView.setPriority(tx, t.id, value);
        await log(tx, actor, t, 'prioritised', { from: t.priority, to: value });
        return 'changed';
      };
    case 'sendBack': {
      const to = stages.indexOf(action.stage as (typeof stages)[number]);
      if (to < 0 || !isPersonStage(action.stage)) throw bad('body.action.stage', `this project has no ${action.stage} stage for people (its stages: ${stages.join(', ')})`);
      return async (tx, t) => {
        if (t.stage === action.stage && t.status === 'open') return 'unchanged';
        if (t.status === 'leased') return { refused: held(t) };
        if (t.status === 'waiting') return { refused: 'waits for its QA batch verdict' };
        if (t.status === 'done') return { refused: t.stage === 'gold' ? 'a gold task' : 'accepted: its pay is settled, so it is not sent back in bulk' };
        const from = stages.indexOf(t.stage as (typeof stages)[number]);
        if (from < 0 || from < to) return { refused: `${action.stage} does not come before ${t.stage}: a task only goes back` };
        await workflow.moveTask(tx, t.id, { stage: action.stage, status: 'open', reservedFor: null, batchId: null });
        await log(tx, actor, t, 'sent_back', { from: t.stage, to: action.stage });
        return 'changed';
      };
    }
    case 'skip':
      return async (tx, t) => {
        if (t.status !== 'leased' || !t.assignee_id) return 'unchanged';
        await giveBack(tx, t, t.assignee_id, actor.userId, 'given back by a manager');
        return 'changed';
      };
    case 'remove':
      return async (tx, t) => {
        if (t.status === 'leased') return { refused: held(t) };
        return (await removeWithin(tx, actor, 'task', t.id)) ? 'changed' : 'unchanged';
      };
  }
}
