// The manager's tasks view on the 1,000,000-task project: the median and p95 time to answer a page
// (the first, with its total, and the next by cursor) for each representative filter or sort, and a
// bulk reassign of a filtered set, through the services the API calls. Each query shape's plan is
// read with EXPLAIN ANALYZE and must use an index: a sequential scan of tasks or items fails the phase.
//
// In `npm run bench` it runs on the import phase's project (bench/run.ts). Alone, on a project of its
// own: node --import tsx bench/tasks-view.ts [--tasks 1000000]; at 1,000,000 tasks it merges `ui` into
// bench/results/latest.json (every other figure kept), else into bench/results/quick.json.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { connect, migrateToLatest } from '@cadre/db';
import { auth, projectService, tasksView, type Actor, type ServiceDeps } from '@cadre/server';
import type { TasksPageQuery } from '../packages/server/src/services/tasks-view/index.ts';
import { openBenchDatabase } from './database.ts';
import { importPhase } from './import.ts';
import { mergeResults } from './load-bench.ts';
import { provenance } from './provenance.ts';
import { createAdmin, createProject, settle } from './setup.ts';
import { log, mapLimit, percentile, round } from './stats.ts';

const PEOPLE = 20;
const RUNS = 20;
const TARGET_MS = 100;

export interface TasksViewFigures {
  tasks_page_ms_1m: number; tasks_page_p95_ms_1m: number; target_ms: number; tasks: number;
  page_ms_by_filter: Record<string, number>; page_p95_ms_by_filter: Record<string, number>; next_page_ms_by_filter: Record<string, number>;
  totals_by_filter: Record<string, string>;
  bulk_reassign_ms: number; bulk_reassign_tasks: number; bulk_reassign_changed: number;
  plans: Record<string, string>; seq_scans: number;
}

/** People who worked the project, and the work that the filters find: 1 in 10 tasks labelled, some rejected, a few held. */
async function seedWork(deps: ServiceDeps, admin: Actor, projectId: string): Promise<string[]> {
  const people = await mapLimit(Array.from({ length: PEOPLE }, (_, i) => i), 4, async (i) => {
    const u = await auth.createUser(deps, { email: `view-${i}@bench.local`, name: `Person ${i}`, password: 'bench-password-1' });
    await projectService.setMember(deps, admin, projectId, { userId: u.id, role: i < PEOPLE - 2 ? 'annotator' : 'reviewer' });
    return u.id;
  });
  const db = deps.db;
  await sql`CREATE TEMP TABLE bench_view AS SELECT id, item_id, row_number() OVER (ORDER BY id) AS n FROM tasks WHERE project_id = ${projectId}::uuid`.execute(db);
  const who = sql`(${people}::uuid[])[1 + (n % ${PEOPLE - 2})]`;
  await sql`
    INSERT INTO work_attempts (id, project_id, task_id, item_id, user_id, stage, objects, outcome, created_at)
    SELECT uuidv7(), ${projectId}::uuid, id, item_id, ${who}, 'annotate', 1, CASE WHEN n % 20 = 0 THEN 'accepted' ELSE 'pending' END,
           now() - make_interval(secs => (1000000 - n)::float8)
    FROM bench_view WHERE n % 10 = 0`.execute(db);
  // A bus on 1 item in 500, a car on the rest of the labelled ones.
  await sql`
    INSERT INTO annotations (id, project_id, item_id, task_id, version, author_id, author_kind, state, schema_version, payload, created_at)
    SELECT uuidv7(), ${projectId}::uuid, item_id, id, 1, ${who}, 'human', 'submitted', 1,
           jsonb_build_object('schemaVersion', 1, 'objects', jsonb_build_array(jsonb_build_object('id', 'o1',
             'label', CASE WHEN n % 500 = 0 THEN 'bus' ELSE 'car' END, 'kind', 'bbox2d',
             'geometry', jsonb_build_object('x', 1, 'y', 2, 'width', 30, 'height', 40), 'attributes', '{}'::jsonb))), now()
    FROM bench_view WHERE n % 10 = 0`.execute(db);
  await sql`
    UPDATE tasks t SET stage = CASE WHEN b.n % 20 = 0 THEN 'accepted' ELSE 'review' END, status = CASE WHEN b.n % 20 = 0 THEN 'done' ELSE 'open' END,
      annotator_id = (${people}::uuid[])[1 + (b.n % ${PEOPLE - 2})], attempts = 1, updated_at = now() - make_interval(secs => (1000000 - b.n)::float8)
    FROM bench_view b WHERE t.id = b.id AND b.n % 10 = 0`.execute(db);
  await sql`UPDATE tasks t SET rejections = 1 + b.n % 3 FROM bench_view b WHERE t.id = b.id AND b.n % 37 = 0`.execute(db);
  await sql`
    UPDATE tasks t SET status = 'leased', assignee_id = (${people}::uuid[])[1 + (b.n % ${PEOPLE - 2})], lease_expires_at = now() + interval '1 day', updated_at = now()
    FROM bench_view b WHERE t.id = b.id AND b.n % 25000 = 1`.execute(db);
  await sql`DROP TABLE bench_view`.execute(db);
  await settle(deps);
  return people;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function tasksViewPhase(deps: ServiceDeps, admin: Actor, projectId: string): Promise<TasksViewFigures> {
  log('tasks view: people, labelled work, rejections and held tasks on the project');
  const people = await seedWork(deps, admin, projectId);
  const shapes: Record<string, TasksPageQuery> = {
    unfiltered: {},
    stage_status: { stage: 'review', status: 'open' },
    person: { person: people[4]! },
    class: { class: 'bus' },
    search: { q: 'img_004242' },
    rejections_sort: { sort: 'rejections', dir: 'desc' },
    score_sort: { sort: 'score', dir: 'desc' },
  };
  const page = (q: TasksPageQuery) => tasksView.tasksPage(deps, admin, projectId, { limit: 50, ...q });
  const figures: TasksViewFigures = {
    tasks_page_ms_1m: 0, tasks_page_p95_ms_1m: 0, target_ms: TARGET_MS, tasks: 0,
    page_ms_by_filter: {}, page_p95_ms_by_filter: {}, next_page_ms_by_filter: {}, totals_by_filter: {},
    bulk_reassign_ms: 0, bulk_reassign_tasks: 0, bulk_reassign_changed: 0, plans: {}, seq_scans: 0,
  };
  for (const [name, q] of Object.entries(shapes)) {
    const first = await page(q);
    for (let i = 0; i < 3; i++) await page(q); // warm
    const firstMs: number[] = [];
    const nextMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      firstMs.push(await timed(() => page(q)));
      if (first.next) nextMs.push(await timed(() => page({ ...q, cursor: first.next! })));
    }
    figures.page_ms_by_filter[name] = round(percentile(firstMs, 50), 2);
    figures.page_p95_ms_by_filter[name] = round(percentile(firstMs, 95), 2);
    if (nextMs.length) figures.next_page_ms_by_filter[name] = round(percentile(nextMs, 50), 2);
    figures.totals_by_filter[name] = first.total ? `${first.total.exact ? '' : '~'}${first.total.count}` : '?';
    for (const [which, cursor] of [['first', undefined], ['next', first.next ?? undefined]] as const) {
      if (which === 'next' && !cursor) continue;
      const plan = await tasksView.explainTasksPage(deps, admin, projectId, { limit: 50, ...q, ...(cursor ? { cursor } : {}) });
      const seq = plan.match(/Seq Scan on (tasks|items|annotations|work_attempts|predictions)\b/g) ?? [];
      figures.seq_scans += seq.length;
      const indexes = [...new Set([...plan.matchAll(/(?:Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/g)].map((m) => m[1]!))];
      figures.plans[`${name}_${which}`] = `${indexes.join(', ') || 'no index'}${seq.length ? `; SEQ SCAN: ${seq.join(', ')}` : ''}`;
      if (seq.length) log(`tasks view: ${name} (${which} page) scans sequentially:\n${plan}`);
    }
    log(`tasks view: ${name}: first page ${figures.page_ms_by_filter[name]} ms (p95 ${figures.page_p95_ms_by_filter[name]}), next ${figures.next_page_ms_by_filter[name] ?? '-'} ms, total ${figures.totals_by_filter[name]}; ${figures.plans[`${name}_first`]}`);
  }
  figures.tasks_page_ms_1m = Math.max(...Object.values(figures.page_ms_by_filter));
  figures.tasks_page_p95_ms_1m = Math.max(...Object.values(figures.page_p95_ms_by_filter));
  figures.tasks = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM tasks WHERE project_id = ${projectId}::uuid`.execute(deps.db)).rows[0]!.n);

  // Reassign everything a filter matches: open labelling tasks of the items img_001000 to img_001999, counted and confirmed first.
  const filter = { stage: 'annotate' as const, status: 'open' as const, q: 'img_001' };
  const shown = (await page(filter)).total!;
  const t0 = performance.now();
  const done = await tasksView.bulk(deps, admin, projectId, { action: { kind: 'reassign', userId: people[0]! }, filter, confirmCount: shown.count });
  figures.bulk_reassign_ms = round(performance.now() - t0, 1);
  figures.bulk_reassign_tasks = done.matched;
  figures.bulk_reassign_changed = done.changed;
  log(`tasks view: bulk reassign of ${done.matched} matching tasks (${done.changed} changed, ${done.refusedCount} refused) in ${figures.bulk_reassign_ms} ms`);
  if (figures.seq_scans > 0) throw new Error(`tasks view: ${figures.seq_scans} query shapes scan a table sequentially (see above)`);
  return figures;
}

async function alone(tasks: number): Promise<void> {
  const measured = provenance();
  const database = await openBenchDatabase();
  const { db, pool } = connect({ url: database.url, max: 10 });
  try {
    await migrateToLatest(db);
    const deps: ServiceDeps = { db, pool };
    const admin = await createAdmin(deps);
    const projectId = await createProject(deps, admin, 'bench tasks view');
    log(`tasks view: importing ${tasks.toLocaleString('en')} Label Studio rows (1 in 10 with a prediction)`);
    await importPhase(deps, admin, projectId, tasks, database.dir);
    const ui = await tasksViewPhase(deps, admin, projectId);
    log(`tasks view: worst median ${ui.tasks_page_ms_1m} ms a page, worst p95 ${ui.tasks_page_p95_ms_1m} ms (target ${TARGET_MS})`);
    const file = new URL(tasks === 1_000_000 ? 'results/latest.json' : 'results/quick.json', import.meta.url);
    mergeResults(file, { ui: { ...ui, provenance: { ...measured, postgres: database.where } } });
    log(`merged ui into ${file.pathname}`);
  } finally {
    await db.destroy().catch(() => undefined);
    await database.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { tasks: { type: 'string', default: '1000000' } } });
  const tasks = Number(values.tasks);
  if (!Number.isInteger(tasks) || tasks < 10_000) throw new Error(`--tasks must be a whole number of at least 10,000, got ${values.tasks}`);
  await alone(tasks);
}
