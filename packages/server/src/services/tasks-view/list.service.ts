// The manager's tasks view, read: a page of a project's tasks with what the table shows.
import type { TasksFilter, TasksSort, TasksTotal, TasksViewRow } from '@cadre/contract';
import { tasksView } from '@cadre/db';
import { requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { toFilter } from './filter.ts';

/** Who reads the view; only managers act on it (bulk.service.ts). */
export const READERS = ['manager', 'reviewer'] as const;
/** Counted exactly up to here, then estimated. */
export const EXACT_UP_TO = 10_000;
const COUNT_BUDGET_MS = 60;

export interface TasksPageQuery extends TasksFilter {
  sort?: TasksSort | undefined; dir?: 'asc' | 'desc' | undefined; cursor?: string | undefined; limit?: number | undefined;
}

export interface TasksPage { tasks: TasksViewRow[]; next: string | null; total: TasksTotal | null }

/** The first page comes with the total (exact up to 10,000, else an estimate); the pages after it without. */
export async function tasksPage(deps: ServiceDeps, actor: Actor, projectId: string, q: TasksPageQuery): Promise<TasksPage> {
  await requireProjectRole(deps, actor, projectId, READERS);
  const sort = q.sort ?? 'created';
  const desc = (q.dir ?? 'desc') === 'desc';
  const limit = q.limit ?? 50;
  const filter = toFilter(q);
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, sort, desc);
  const [rows, total] = await Promise.all([
    tasksView.page(deps.db, { projectId, filter, sort, desc, after, limit }),
    after ? null : tasksView.countMatching(deps.db, projectId, filter, EXACT_UP_TO, COUNT_BUDGET_MS),
  ]);
  const last = rows.at(-1);
  const next = rows.length === limit && last ? encodeCursor(sort, desc, { key: last.sort_key, itemId: sort === 'score' ? last.item_id : null, id: last.id }) : null;
  return { tasks: rows.map(toRow), next, total };
}

/** The plan of a page's query as it ran (EXPLAIN ANALYZE): the bench checks each shape rides an index. */
export async function explainTasksPage(deps: ServiceDeps, actor: Actor, projectId: string, q: TasksPageQuery): Promise<string> {
  await requireProjectRole(deps, actor, projectId, READERS);
  const sort = q.sort ?? 'created';
  const desc = (q.dir ?? 'desc') === 'desc';
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, sort, desc);
  return tasksView.explainPage(deps.db, { projectId, filter: toFilter(q), sort, desc, after, limit: q.limit ?? 50 });
}

function itemName(r: tasksView.TaskViewRow): string {
  const path = r.item_media_ref ?? r.item_asset;
  if (path) return path.split(/[/\\]/).filter(Boolean).at(-1) ?? path;
  return r.item_text ? r.item_text.slice(0, 60) : r.item_id;
}

function toRow(r: tasksView.TaskViewRow): TasksViewRow {
  return {
    id: r.id, itemId: r.item_id,
    item: { kind: r.item_kind, name: itemName(r), text: r.item_text },
    stage: r.stage, status: r.status,
    person: r.person_id ? { id: r.person_id, name: r.person_name ?? '', holds: r.person_holds } : null,
    priority: r.priority, attempts: r.attempts, rejections: r.rejections, classes: r.classes ?? [],
    score: r.score, agreement: r.agreement, createdAt: r.created_at.toISOString(), changedAt: r.updated_at.toISOString(),
  };
}
