// The pay services people call, each behind the project gate: managers run the books; a person sees
// their own statements; a client sees invoices (client prices only), never pay rates or statements.
import { pay, projects } from '@cadre/db';
import { AppError, notFound } from '../../errors.ts';
import { requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { cardView, writeRateCard, type CardView } from './cards.ts';
import { correctEntry, type Correction } from './ledger.ts';
import { closePeriod, type ClosedPeriod } from './periods.ts';
import { settleUncovered } from './uncovered.ts';
import { invoiceCsv, listInvoices, listStatements, projectMoney, statementCsv, type StatementView } from './reports.ts';

export async function getRateCards(deps: ServiceDeps, actor: Actor, projectId: string): Promise<CardView[]> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  return (await pay.rateCards(deps.db, projectId)).map(cardView);
}

export async function putRateCard(deps: ServiceDeps, actor: Actor, projectId: string, input: unknown): Promise<CardView> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  const project = await projects.findProject(deps.db, projectId);
  if (!project) throw notFound('project');
  const classes = ((project.ontology as { classes?: { name: string }[] }).classes ?? []).map((c) => c.name);
  const view = await writeRateCard(deps.db, projectId, classes, input, actor.userId);
  // Work accepted before any card was in force is paid now that one is.
  await settleUncovered(deps.pool, projectId);
  return view;
}

export async function closePayPeriod(deps: ServiceDeps, actor: Actor, projectId: string, at: string | undefined): Promise<ClosedPeriod> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  // By default the period holding yesterday (UTC): the latest that can have ended.
  const now = new Date();
  const when = at ? new Date(at) : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 1);
  // Years 1 to 9999: what the period's bounds can be computed and stored for (JavaScript and PostgreSQL dates end elsewhere).
  if (Number.isNaN(when.getTime()) || when.getUTCFullYear() < 1 || when.getUTCFullYear() > 9999) {
    throw new AppError('validation_failed', `at: must be an ISO date between the years 1 and 9999, got ${JSON.stringify(at)}`);
  }
  return closePeriod(deps.pool, projectId, when, actor.userId);
}

/** Managers see every statement; anyone else with a role in the project (not a client) their own. */
export async function statements(deps: ServiceDeps, actor: Actor, projectId: string): Promise<StatementView[]> {
  const roles = await requireProjectRole(deps, actor, projectId, ['manager', 'reviewer', 'annotator']);
  return listStatements(deps.db, projectId, roles.includes('manager') ? undefined : actor.userId);
}

export async function statementAsCsv(deps: ServiceDeps, actor: Actor, projectId: string, statementId: string): Promise<string> {
  const s = (await statements(deps, actor, projectId)).find((x) => x.id === statementId);
  if (!s) throw notFound('statement');
  return statementCsv(s);
}

export async function invoices(deps: ServiceDeps, actor: Actor, projectId: string) {
  await requireProjectRole(deps, actor, projectId, ['manager', 'client']);
  return listInvoices(deps.db, projectId);
}

export async function invoiceAsCsv(deps: ServiceDeps, actor: Actor, projectId: string, invoiceId: string): Promise<string> {
  await requireProjectRole(deps, actor, projectId, ['manager', 'client']);
  const csv = await invoiceCsv(deps.db, projectId, invoiceId);
  if (csv === null) throw notFound('invoice');
  return csv;
}

export async function money(deps: ServiceDeps, actor: Actor, projectId: string) {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  return projectMoney(deps.db, projectId);
}

export async function correct(deps: ServiceDeps, actor: Actor, projectId: string, entryId: string, c: Correction) {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  const entry = await pay.entryById(deps.db, entryId);
  if (!entry || entry.project_id !== projectId) throw notFound('ledger entry');
  const r = await correctEntry(deps.pool, entryId, c, actor.userId);
  return { reversalId: r.reversal.id, replacementId: r.replacement?.id ?? null };
}
