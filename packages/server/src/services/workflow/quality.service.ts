// The quality page: per annotator (submitted, accepted, rejected, QA and gold accuracy, agreement),
// per class (how often its objects are rejected) and the rejection reasons counted.
import { sql } from 'kysely';
import { requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { cachedProject } from '../project-cache.ts';
import { settingsOf } from '@cadre/core';

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export async function projectQuality(deps: ServiceDeps, actor: Actor, projectId: string) {
  await requireProjectRole(deps, actor, projectId, ['manager', 'reviewer']);
  const settings = settingsOf((await cachedProject(deps.db, projectId))?.settings);
  const [people, qaRows, gold, agreement, classObjects, classRejected, reasons] = await Promise.all([
    sql<{ user_id: string; name: string; submitted: number; accepted: number; rejected: number }>`
      SELECT w.user_id, u.name, count(*)::int AS submitted,
        count(*) FILTER (WHERE w.outcome = 'accepted')::int AS accepted,
        count(*) FILTER (WHERE w.outcome IN ('rejected', 'reassigned'))::int AS rejected
      FROM work_attempts w JOIN users u ON u.id = w.user_id
      WHERE w.project_id = ${projectId} AND w.stage = 'annotate' GROUP BY w.user_id, u.name`.execute(deps.db),
    sql<{ user_id: string; inspected: number; correct: number }>`
      SELECT t.annotator_id AS user_id, count(*)::int AS inspected, count(*) FILTER (WHERE r.verdict = 'accept')::int AS correct
      FROM reviews r JOIN tasks t ON t.id = r.task_id
      WHERE r.project_id = ${projectId} AND r.stage = 'qa' AND r.reviewer_kind = 'human' AND t.annotator_id IS NOT NULL
      GROUP BY t.annotator_id`.execute(deps.db),
    sql<{ user_id: string; name: string; n: number; mean: number }>`
      SELECT g.user_id, u.name, count(*)::int AS n, avg(g.score) AS mean FROM gold_results g JOIN users u ON u.id = g.user_id
      WHERE g.project_id = ${projectId} GROUP BY g.user_id, u.name`.execute(deps.db),
    sql<{ user_id: string; mean: number }>`
      SELECT s->>'authorId' AS user_id, avg(c.agreement) AS mean FROM consensus c, jsonb_array_elements(c.sources) s
      WHERE c.project_id = ${projectId} AND c.agreement IS NOT NULL GROUP BY 1`.execute(deps.db),
    sql<{ label: string; n: number }>`
      SELECT o->>'label' AS label, count(*)::int AS n FROM reviews r JOIN annotations a ON a.id = r.annotation_id,
        jsonb_array_elements(a.payload->'objects') o
      WHERE r.project_id = ${projectId} AND r.reviewer_kind = 'human' AND r.stage = 'review' GROUP BY 1`.execute(deps.db),
    sql<{ label: string; n: number }>`
      SELECT o->>'label' AS label, count(DISTINCT (r.id, o->>'id'))::int AS n FROM reviews r JOIN annotations a ON a.id = r.annotation_id,
        jsonb_array_elements(r.reasons) why, jsonb_array_elements(a.payload->'objects') o
      WHERE r.project_id = ${projectId} AND r.verdict = 'reject' AND why->>'objectId' = o->>'id' GROUP BY 1`.execute(deps.db),
    sql<{ code: string; n: number }>`
      SELECT why->>'code' AS code, count(*)::int AS n FROM reviews r, jsonb_array_elements(r.reasons) why
      WHERE r.project_id = ${projectId} AND r.verdict = 'reject' GROUP BY 1 ORDER BY 2 DESC`.execute(deps.db),
  ]);
  const names = new Map<string, string>();
  for (const r of [...people.rows, ...gold.rows]) names.set(r.user_id, r.name);
  const byUser = <T extends { user_id: string }>(rows: T[]) => new Map(rows.map((r) => [r.user_id, r]));
  const work = byUser(people.rows);
  const qaBy = byUser(qaRows.rows);
  const goldBy = byUser(gold.rows);
  const agreeBy = byUser(agreement.rows);
  const annotators = [...names].map(([userId, name]) => {
    const w = work.get(userId);
    const q = qaBy.get(userId);
    const g = goldBy.get(userId);
    const a = agreeBy.get(userId);
    const decided = (w?.accepted ?? 0) + (w?.rejected ?? 0);
    return {
      userId, name, submitted: w?.submitted ?? 0, accepted: w?.accepted ?? 0, rejected: w?.rejected ?? 0,
      rejectionRate: ratio(w?.rejected ?? 0, decided),
      qaInspected: q?.inspected ?? 0, qaAccuracy: q ? ratio(q.correct, q.inspected) : null,
      goldScored: g?.n ?? 0, goldAccuracy: g ? Number(g.mean) : null,
      agreement: a ? Number(a.mean) : null,
    };
  }).sort((x, y) => x.name.localeCompare(y.name));
  const rejectedBy = new Map(classRejected.rows.map((r) => [r.label, r.n]));
  const classes = classObjects.rows.map((c) => ({ name: c.label, objects: c.n, rejected: rejectedBy.get(c.label) ?? 0, rejectionRate: ratio(rejectedBy.get(c.label) ?? 0, c.n) }))
    .sort((x, y) => (y.rejectionRate ?? 0) - (x.rejectionRate ?? 0) || x.name.localeCompare(y.name));
  const labels = new Map(settings.rejectReasons.map((r) => [r.code, r.label]));
  return {
    annotators, classes,
    reasons: reasons.rows.map((r) => ({ code: r.code, label: labels.get(r.code) ?? (r.code.startsWith('check_') ? `Machine check: ${r.code.slice(6).replaceAll('_', ' ')}` : r.code === 'qa_batch_failed' ? 'QA batch below threshold' : r.code), count: r.n })),
  };
}
