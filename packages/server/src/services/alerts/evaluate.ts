// One evaluation of a project's red lines: take the project's turn (alert_checks: one process, at
// most once every few seconds, whichever process asks), read only the figures the lines that are on
// need, raise what crossed and clear what is back under in one transaction that first checks no
// newer evaluation took over, then post the changes to the webhook (after the commit, never in the
// way of work). The partial unique index raises an alert once even if two evaluations get through.
import { anyRedLine, uuidv7, type ProjectSettings } from '@cadre/core';
import { alerts as alertsRepo, gated, kyselyOn, quality, withTransaction } from '@cadre/db';
import type pg from 'pg';
import type { ServiceDeps } from '../context.ts';
import { forecast, remainingTasks, throughput } from '../dashboard/figures.ts';
import { capStates } from '../limits/index.ts';
import { cachedProject } from '../project-cache.ts';
import { backlogOf } from '../workflow/queues.service.ts';
import { changes, figuresNeeded, readLines, type Figures } from './red-lines.ts';
import { postWebhook, slackMessage, type WebhookOptions } from './webhook.ts';

type AlertRow = alertsRepo.AlertRow;

/** Evaluations of one project, across every process, begin at least this far apart. */
export const MIN_GAP_MS = 2500;
/** A failed QA batch alerts for this long after its verdict. */
const QA_FAILED_FOR_MS = 24 * 3_600_000;

export interface EvaluateOptions {
  /** Shortest time since the project's last evaluation (default MIN_GAP_MS); 0 evaluates now. */
  gapMs?: number;
  webhook?: WebhookOptions;
  now?: Date;
}

export interface Evaluation {
  /** False when another evaluation had the project's turn (or took it over meanwhile). */
  ran: boolean;
  raised: AlertRow[];
  cleared: AlertRow[];
  /** The webhook posts, settled once each outcome is in the log. */
  delivered: Promise<void>;
}

const SKIPPED: Evaluation = { ran: false, raised: [], cleared: [], delivered: Promise.resolve() };

// The reads run one statement at a time per process (as the dashboards' do): an evaluation waits a
// little, the claims and submits do not wait for it.
const narrow = new WeakMap<pg.Pool, ServiceDeps>();
function readDeps(deps: ServiceDeps): ServiceDeps {
  let d = narrow.get(deps.pool);
  if (!d) narrow.set(deps.pool, (d = gated(deps.pool, 1)));
  return d;
}

export async function evaluateProject(deps: ServiceDeps, projectId: string, o: EvaluateOptions = {}): Promise<Evaluation> {
  const project = await cachedProject(deps.db, projectId);
  const token = await alertsRepo.claimCheck(deps.db, projectId, o.gapMs ?? MIN_GAP_MS).catch((e: { code?: string }) => {
    if (e.code === '23503') return null; // the project is gone
    throw e;
  });
  if (!token) return SKIPPED;
  const settings = project && !project.deleted_at ? project.settings : null;
  const readings = settings && anyRedLine(settings) ? readLines(settings, await figuresOf(readDeps(deps), projectId, settings, o.now), o.now) : [];
  const outcome = await withTransaction(deps.pool, async (client) => {
    const tx = kyselyOn(client);
    if (!(await alertsRepo.stillLatest(tx, projectId, token))) return null;
    const open = await alertsRepo.openAlerts(tx, projectId);
    const c = changes(readings, open.map((a) => ({ id: a.id, kind: a.kind, subjectId: a.subject_id })));
    const raised = await alertsRepo.raise(tx, projectId, c.raise.map((r) => ({
      id: uuidv7(), kind: r.kind, subjectKind: r.subjectKind, subjectId: r.subjectId, subjectName: r.subjectName, level: r.level, value: r.value, message: r.message,
    })));
    return { raised, cleared: await alertsRepo.clear(tx, projectId, c.clear) };
  });
  if (!outcome) return SKIPPED;
  const url = settings?.alertWebhookUrl ?? null;
  const delivered = url ? deliver(deps, url, project?.name ?? projectId, outcome.raised, outcome.cleared, o.webhook) : Promise.resolve();
  return { ran: true, ...outcome, delivered };
}

async function figuresOf(deps: ServiceDeps, projectId: string, s: ProjectSettings, now = new Date()): Promise<Figures> {
  const need = figuresNeeded(s);
  const f: Figures = {};
  if (need.stages) f.stages = await backlogOf(deps, projectId);
  if (need.forecast) f.forecast = forecast(remainingTasks(f.stages ?? []), await throughput(deps, projectId, now), now);
  if (need.rejections) f.annotators = (await quality.workByAnnotator(deps.db, projectId)).map((a) => ({ userId: a.user_id, name: a.name, accepted: a.accepted, rejected: a.rejected }));
  if (need.qaBatches) {
    f.failedBatches = (await alertsRepo.failedBatches(deps.db, projectId, new Date(now.getTime() - QA_FAILED_FOR_MS)))
      .map((b) => ({ id: b.id, key: b.key, annotatorName: b.annotator_name, accuracy: b.accuracy }));
  }
  if (need.dailyCap) {
    const caps = await capStates(deps, projectId, await alertsRepo.peopleToday(deps.db, projectId, s.timeZone), s);
    f.atCap = [...caps.values()].filter((c) => c.reached).length;
  }
  return f;
}

/** Posts each raised and cleared alert, one after another, and writes each outcome into the log. */
async function deliver(deps: ServiceDeps, url: string, project: string, raised: AlertRow[], cleared: AlertRow[], o?: WebhookOptions): Promise<void> {
  const posts = [...raised.map((a) => ({ a, phase: 'raised' as const })), ...cleared.map((a) => ({ a, phase: 'cleared' as const }))];
  for (const { a, phase } of posts) {
    const at = phase === 'raised' ? a.raised_at : a.cleared_at!;
    const d = await postWebhook(url, slackMessage({ phase, project, message: a.message, kind: a.kind, at }), o);
    await alertsRepo.recordDelivery(deps.db, a.id, phase, d.outcome).catch(() => undefined);
  }
}
