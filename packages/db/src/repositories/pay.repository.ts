import { sql } from 'kysely';
import type { Db } from '../connection.ts';
import type { LedgerAccount, LedgerEntryRow, LedgerKind, RateCardRow, TaskRow } from '../schema.ts';

// Reads and appends of the pay ledger; the prices, the units and when anything is owed are the
// server's pay services' business. Nothing here updates or deletes: the tables refuse it.

export async function insertRateCard(db: Db, c: { id: string; projectId: string; effectiveFrom: Date; currency: string; card: unknown; createdBy: string | null }): Promise<RateCardRow> {
  return db.insertInto('rate_cards').values({
    id: c.id, project_id: c.projectId, effective_from: c.effectiveFrom, currency: c.currency, card: JSON.stringify(c.card), created_by: c.createdBy,
  }).returningAll().executeTakeFirstOrThrow();
}

/** The card in force at `at`: the latest to take effect by then (the newest written, on a tie). */
export async function rateCardAt(db: Db, projectId: string, at: Date): Promise<RateCardRow | undefined> {
  return db.selectFrom('rate_cards').selectAll().where('project_id', '=', projectId).where('effective_from', '<=', at)
    .orderBy('effective_from', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function anyRateCard(db: Db, projectId: string): Promise<RateCardRow | undefined> {
  return db.selectFrom('rate_cards').selectAll().where('project_id', '=', projectId).orderBy('created_at').limit(1).executeTakeFirst();
}

export async function rateCards(db: Db, projectId: string): Promise<RateCardRow[]> {
  return db.selectFrom('rate_cards').selectAll().where('project_id', '=', projectId).orderBy('effective_from', 'desc').orderBy('created_at', 'desc').execute();
}

/** An item's efforts (every consensus copy's) with what they produced: labelling attempts carry their annotation's payload. */
export async function attemptsOfItem(db: Db, itemId: string) {
  return db.selectFrom('work_attempts').leftJoin('annotations', 'annotations.id', 'work_attempts.annotation_id')
    .select(['work_attempts.id', 'work_attempts.user_id', 'work_attempts.stage', 'work_attempts.outcome', 'work_attempts.annotation_id', 'work_attempts.created_at', 'annotations.payload'])
    .where('work_attempts.item_id', '=', itemId).orderBy('work_attempts.created_at').orderBy('work_attempts.id').execute();
}

/** A person's labelling not yet decided, with its payload and item (what their pending pay is worth). */
export async function pendingAttempts(db: Db, projectId: string, userId: string) {
  return db.selectFrom('work_attempts').innerJoin('items', 'items.id', 'work_attempts.item_id')
    .leftJoin('annotations', 'annotations.id', 'work_attempts.annotation_id')
    .select(['work_attempts.id', 'annotations.payload', 'items.kind', 'items.frames', 'items.metadata'])
    .where('work_attempts.project_id', '=', projectId).where('work_attempts.user_id', '=', userId)
    .where('work_attempts.stage', '=', 'annotate').where('work_attempts.outcome', '=', 'pending').execute();
}

export async function itemOf(db: Db, itemId: string) {
  return db.selectFrom('items').select(['id', 'kind', 'frames', 'metadata']).where('id', '=', itemId).executeTakeFirst();
}

export async function annotationPayload(db: Db, annotationId: string): Promise<unknown> {
  return (await db.selectFrom('annotations').select('payload').where('id', '=', annotationId).executeTakeFirst())?.payload;
}

/**
 * Finished tasks (in `acceptedStage`) whose item has nothing in the ledger: work accepted while no
 * rate card was in force. One task per item (consensus copies share the item's pay), with the
 * item's accepted annotation.
 */
export async function unsettledAccepted(db: Db, projectId: string, acceptedStage: string, limit: number): Promise<(TaskRow & { annotation_id: string | null })[]> {
  const r = await sql<TaskRow & { annotation_id: string | null }>`
    SELECT DISTINCT ON (t.item_id) t.*,
      (SELECT a.id FROM annotations a WHERE a.item_id = t.item_id AND a.state = 'accepted' ORDER BY a.version DESC LIMIT 1) AS annotation_id
    FROM tasks t
    WHERE t.project_id = ${projectId} AND t.stage = ${acceptedStage} AND t.status = 'done'
      AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.item_id = t.item_id)
    ORDER BY t.item_id, t.id LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** How many items `unsettledAccepted` would return, without a limit. */
export async function unsettledAcceptedCount(db: Db, projectId: string, acceptedStage: string): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(DISTINCT t.item_id)::int AS n FROM tasks t
    WHERE t.project_id = ${projectId} AND t.stage = ${acceptedStage} AND t.status = 'done'
      AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.item_id = t.item_id)`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export interface NewLeg { account: LedgerAccount; userId: string | null; amountMinor: number }
export interface NewEntry {
  id: string; key: string; projectId: string; kind: LedgerKind; userId: string | null; taskId: string | null; itemId: string | null;
  attemptId: string | null; rateCardId: string | null; currency: string; amountMinor: number; method: string | null;
  detail: Record<string, unknown>; reverses?: string | null; legs: NewLeg[];
}

/**
 * Appends entries whose key is new; an entry already posted (a retry, or another server that got
 * there first: the unique key makes this one wait for that one's commit) is skipped. Returns the
 * entries it wrote.
 */
export async function postEntries(db: Db, entries: NewEntry[]): Promise<string[]> {
  if (entries.length === 0) return [];
  const written = await db.insertInto('ledger_entries').values(entries.map((e) => ({
    id: e.id, key: e.key, project_id: e.projectId, kind: e.kind, user_id: e.userId, task_id: e.taskId, item_id: e.itemId,
    attempt_id: e.attemptId, rate_card_id: e.rateCardId, currency: e.currency, amount_minor: e.amountMinor, method: e.method,
    detail: JSON.stringify(e.detail), reverses: e.reverses ?? null,
  }))).onConflict((oc) => oc.column('key').doNothing()).returning('id').execute();
  const ids = new Set(written.map((r) => r.id));
  const legs = entries.filter((e) => ids.has(e.id)).flatMap((e) => e.legs.map((l) => ({ entry_id: e.id, account: l.account, user_id: l.userId, amount_minor: l.amountMinor })));
  if (legs.length > 0) await db.insertInto('ledger_legs').values(legs).execute();
  return [...ids];
}

export async function entryById(db: Db, id: string): Promise<LedgerEntryRow | undefined> {
  return db.selectFrom('ledger_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function legsOf(db: Db, entryId: string) {
  return db.selectFrom('ledger_legs').selectAll().where('entry_id', '=', entryId).execute();
}

export async function entriesOfProject(db: Db, projectId: string): Promise<LedgerEntryRow[]> {
  return db.selectFrom('ledger_entries').selectAll().where('project_id', '=', projectId).orderBy('created_at').orderBy('id').execute();
}

/** Every leg of the project, summed per account (and person, for what is payable). */
export async function accountTotals(db: Db, projectId: string) {
  return db.selectFrom('ledger_legs').innerJoin('ledger_entries', 'ledger_entries.id', 'ledger_legs.entry_id')
    .select(['ledger_legs.account', 'ledger_legs.user_id', sql<number>`sum(ledger_legs.amount_minor)::bigint`.as('total')])
    .where('ledger_entries.project_id', '=', projectId).groupBy(['ledger_legs.account', 'ledger_legs.user_id']).execute();
}

/** What is payable to a person, since an instant (the credit legs, as a positive sum). */
export async function payableTo(db: Db, projectId: string, userId: string, since?: Date): Promise<number> {
  let q = db.selectFrom('ledger_legs').innerJoin('ledger_entries', 'ledger_entries.id', 'ledger_legs.entry_id')
    .select(sql<number>`coalesce(-sum(ledger_legs.amount_minor), 0)::bigint`.as('total'))
    .where('ledger_entries.project_id', '=', projectId).where('ledger_legs.account', '=', 'payable').where('ledger_legs.user_id', '=', userId);
  if (since) q = q.where('ledger_entries.created_at', '>=', since);
  return Number((await q.executeTakeFirst())?.total ?? 0);
}

/**
 * Labour and machine cost (expense legs) per accepted item, with the item's method from its
 * `machine:<item>` entry (one per item; a model's measured cost is an entry of its own beside it).
 */
export async function labourPerItem(db: Db, projectId: string) {
  const r = await sql<{ item_id: string; method: string; labour: number; machine: number }>`
    SELECT m.item_id, m.method,
      coalesce(sum(l.amount_minor) FILTER (WHERE l.account = 'labour_expense'), 0)::bigint AS labour,
      coalesce(sum(l.amount_minor) FILTER (WHERE l.account = 'machine_expense'), 0)::bigint AS machine
    FROM ledger_entries m
    LEFT JOIN ledger_entries e ON e.item_id = m.item_id AND e.project_id = m.project_id
    LEFT JOIN ledger_legs l ON l.entry_id = e.id AND l.account IN ('labour_expense', 'machine_expense')
    WHERE m.project_id = ${projectId} AND m.kind = 'machine' AND m.reverses IS NULL AND m.key = 'machine:' || m.item_id::text
    GROUP BY m.item_id, m.method`.execute(db);
  return r.rows;
}

/** Entries of the project made before `before` that no closed period holds yet. */
export async function unperiodEntries(db: Db, projectId: string, before: Date): Promise<LedgerEntryRow[]> {
  return db.selectFrom('ledger_entries').selectAll().where('project_id', '=', projectId).where('created_at', '<', before)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('period_entries').select('entry_id').whereRef('period_entries.entry_id', '=', 'ledger_entries.id'))))
    .orderBy('created_at').orderBy('id').execute();
}

export async function legsOfEntries(db: Db, entryIds: string[]) {
  if (entryIds.length === 0) return [];
  return db.selectFrom('ledger_legs').selectAll().where('entry_id', 'in', entryIds).execute();
}

export async function insertPeriod(db: Db, p: { id: string; projectId: string; label: string; startsAt: Date; endsAt: Date; closedBy: string | null }) {
  return db.insertInto('pay_periods').values({ id: p.id, project_id: p.projectId, label: p.label, starts_at: p.startsAt, ends_at: p.endsAt, closed_by: p.closedBy })
    .onConflict((oc) => oc.columns(['project_id', 'starts_at']).doNothing()).returningAll().executeTakeFirst();
}

export async function periodByStart(db: Db, projectId: string, startsAt: Date) {
  return db.selectFrom('pay_periods').selectAll().where('project_id', '=', projectId).where('starts_at', '=', startsAt).executeTakeFirst();
}

export async function insertPeriodEntries(db: Db, periodId: string, entryIds: string[]): Promise<void> {
  if (entryIds.length > 0) await db.insertInto('period_entries').values(entryIds.map((entry_id) => ({ period_id: periodId, entry_id }))).execute();
}

export async function insertStatement(db: Db, s: { id: string; periodId: string; projectId: string; userId: string; currency: string; totalMinor: number; units: number; lines: unknown[] }) {
  await db.insertInto('statements').values({ id: s.id, period_id: s.periodId, project_id: s.projectId, user_id: s.userId, currency: s.currency, total_minor: s.totalMinor, units: s.units, lines: JSON.stringify(s.lines) }).execute();
}

export async function insertInvoice(db: Db, s: { id: string; periodId: string; projectId: string; currency: string; totalMinor: number; units: number; lines: unknown[] }) {
  await db.insertInto('invoices').values({ id: s.id, period_id: s.periodId, project_id: s.projectId, currency: s.currency, total_minor: s.totalMinor, units: s.units, lines: JSON.stringify(s.lines) }).execute();
}

export async function statementsOf(db: Db, projectId: string, userId?: string) {
  let q = db.selectFrom('statements').innerJoin('pay_periods', 'pay_periods.id', 'statements.period_id').innerJoin('users', 'users.id', 'statements.user_id')
    .select(['statements.id', 'statements.user_id', 'users.name as user_name', 'users.email as user_email', 'statements.currency', 'statements.total_minor', 'statements.units', 'statements.lines',
      'pay_periods.label as period', 'pay_periods.starts_at', 'pay_periods.ends_at', 'pay_periods.closed_at'])
    .where('statements.project_id', '=', projectId);
  if (userId) q = q.where('statements.user_id', '=', userId);
  return q.orderBy('pay_periods.starts_at', 'desc').orderBy('users.name').execute();
}

export async function invoicesOf(db: Db, projectId: string) {
  return db.selectFrom('invoices').innerJoin('pay_periods', 'pay_periods.id', 'invoices.period_id')
    .select(['invoices.id', 'invoices.currency', 'invoices.total_minor', 'invoices.units', 'invoices.lines', 'pay_periods.label as period', 'pay_periods.starts_at', 'pay_periods.ends_at', 'pay_periods.closed_at'])
    .where('invoices.project_id', '=', projectId).orderBy('pay_periods.starts_at', 'desc').execute();
}
