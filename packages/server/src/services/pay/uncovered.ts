// Work accepted while the project had no rate card in force earned nothing then; once a card is in
// force it is settled through the same path as any acceptance, so the ledger's unique keys make a
// second run (or a racing server) post nothing twice.
import { pay, withTransaction, kyselyOn, type Db } from '@cadre/db';
import type pg from 'pg';
import { ACCEPTED } from '@cadre/core';
import { cardOf } from './cards.ts';
import { settleAccepted } from './ledger.ts';

const BATCH = 200;

/** Accepted items the ledger holds nothing for: what the admin dashboard warns about. */
export function uncoveredCount(db: Db, projectId: string): Promise<number> {
  return pay.unsettledAcceptedCount(db, projectId, ACCEPTED);
}

/** Settles the accepted work no card covered, at the card in force at `at`; returns the entries posted. */
export async function settleUncovered(pool: pg.Pool, projectId: string, at: Date = new Date()): Promise<number> {
  let posted = 0;
  for (;;) {
    const { rows, written } = await withTransaction(pool, async (client) => {
      const tx = kyselyOn(client);
      if (!(await cardOf(tx, projectId, at))) return { rows: 0, written: 0 };
      const batch = await pay.unsettledAccepted(tx, projectId, ACCEPTED, BATCH);
      let n = 0;
      for (const t of batch) n += await settleAccepted(tx, { task: t, annotationId: t.annotation_id, annotatorId: null }, at);
      return { rows: batch.length, written: n };
    });
    posted += written;
    // A short batch is the last; a batch that posted nothing would only come back the same.
    if (rows < BATCH || written === 0) return posted;
  }
}
