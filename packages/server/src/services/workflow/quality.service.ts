// The quality page: per annotator (submitted, accepted, rejected, QA and gold accuracy, agreement),
// per class (how often its objects are rejected) and the rejection reasons counted.
import { cohensKappa, DEFAULT_SETTINGS, textClassOf } from '@cadre/core';
import { quality } from '@cadre/db';
import { requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { cachedProject } from '../project-cache.ts';

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** Per class: objects reviewed, how many of them were rejected, and the rate; the most rejected first. */
export async function classRejectionOf(deps: ServiceDeps, projectId: string) {
  const [reviewed, rejected] = await Promise.all([quality.reviewedObjectsByClass(deps.db, projectId), quality.rejectedObjectsByClass(deps.db, projectId)]);
  return classRejection(reviewed, rejected);
}

function classRejection(reviewed: { label: string; n: number }[], rejected: { label: string; n: number }[]) {
  const rejectedBy = new Map(rejected.map((r) => [r.label, r.n]));
  return reviewed.map((c) => ({ name: c.label, objects: c.n, rejected: rejectedBy.get(c.label) ?? 0, rejectionRate: ratio(rejectedBy.get(c.label) ?? 0, c.n) }))
    .sort((x, y) => (y.rejectionRate ?? 0) - (x.rejectionRate ?? 0) || x.name.localeCompare(y.name));
}

export async function projectQuality(deps: ServiceDeps, actor: Actor, projectId: string) {
  await requireProjectRole(deps, actor, projectId, ['manager', 'reviewer']);
  const settings = (await cachedProject(deps.db, projectId))?.settings ?? DEFAULT_SETTINGS;
  const [people, qaRows, gold, agreement, classObjects, classRejected, reasons, textAgreement] = await Promise.all([
    quality.workByAnnotator(deps.db, projectId), quality.qaByAnnotator(deps.db, projectId),
    quality.goldByAnnotator(deps.db, projectId), quality.agreementByAnnotator(deps.db, projectId),
    quality.reviewedObjectsByClass(deps.db, projectId), quality.rejectedObjectsByClass(deps.db, projectId),
    quality.rejectionReasons(deps.db, projectId), textAgreementOf(deps, projectId),
  ]);
  const names = new Map<string, string>();
  for (const r of [...people, ...gold]) names.set(r.user_id, r.name);
  const byUser = <T extends { user_id: string }>(rows: T[]) => new Map(rows.map((r) => [r.user_id, r]));
  const work = byUser(people);
  const qaBy = byUser(qaRows);
  const goldBy = byUser(gold);
  const agreeBy = byUser(agreement);
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
  const classes = classRejection(classObjects, classRejected);
  const labels = new Map(settings.rejectReasons.map((r) => [r.code, r.label]));
  return {
    annotators, classes, textAgreement,
    reasons: reasons.map((r) => ({ code: r.code, label: labels.get(r.code) ?? (r.code.startsWith('check_') ? `Machine check: ${r.code.slice(6).replaceAll('_', ' ')}` : r.code === 'qa_batch_failed' ? 'QA batch below threshold' : r.code), count: r.n })),
  };
}

/** Each person's and model's classes against the accepted ones, on the items both have. */
async function textAgreementOf(deps: ServiceDeps, projectId: string) {
  const [accepted, persons, machines] = await Promise.all([
    quality.acceptedTextLabels(deps.db, projectId), quality.personTextLabels(deps.db, projectId), quality.modelTextLabels(deps.db, projectId),
  ]);
  const truth = new Map<string, string>();
  for (const a of accepted) {
    const c = textClassOf(a.payload);
    if (c !== null) truth.set(a.item_id, c);
  }
  const raters = new Map<string, { kind: 'person' | 'model'; name: string; theirs: string[]; ours: string[] }>();
  for (const [kind, rows] of [['person', persons], ['model', machines]] as const) {
    for (const r of rows) {
      const mine = textClassOf(r.payload);
      const right = truth.get(r.item_id);
      if (mine === null || right === undefined) continue;
      const key = `${kind}:${r.rater_id}`;
      const rater = raters.get(key) ?? { kind, name: r.name, theirs: [], ours: [] };
      rater.theirs.push(mine);
      rater.ours.push(right);
      raters.set(key, rater);
    }
  }
  return [...raters.entries()].map(([key, r]) => {
    const perClass = new Map<string, { items: number; right: number }>();
    r.ours.forEach((c, i) => {
      const b = perClass.get(c) ?? { items: 0, right: 0 };
      b.items++;
      if (r.theirs[i] === c) b.right++;
      perClass.set(c, b);
    });
    const right = r.theirs.filter((c, i) => c === r.ours[i]).length;
    return {
      kind: r.kind, id: key.slice(key.indexOf(':') + 1), name: r.name, items: r.theirs.length, accuracy: right / r.theirs.length, kappa: cohensKappa(r.theirs, r.ours),
      classes: [...perClass.entries()].map(([c, b]) => ({ class: c, items: b.items, accuracy: b.right / b.items })).sort((a, b) => a.class.localeCompare(b.class)),
    };
  }).sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'person' ? -1 : 1));
}
