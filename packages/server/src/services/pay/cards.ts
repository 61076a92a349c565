// Rate cards as the services see them: the card in force at an instant, and writing a new version.
import { uuidv7 } from '@cadre/core';
import { pay, type Db, type RateCardRow } from '@cadre/db';
import { invalid } from '../../errors.ts';
import { parseRateCard, type RateCard } from './rate-card.ts';

export async function cardOf(db: Db, projectId: string, at: Date): Promise<{ row: RateCardRow; card: RateCard } | undefined> {
  const row = await pay.rateCardAt(db, projectId, at);
  // Stored cards were validated when written; parse again without class checks (classes may have been renamed since).
  return row ? { row, card: row.card as unknown as RateCard } : undefined;
}

export interface CardView { id: string; effectiveFrom: string; createdAt: string; card: RateCard }
export const cardView = (row: RateCardRow): CardView => ({
  id: row.id, effectiveFrom: new Date(row.effective_from).toISOString(), createdAt: new Date(row.created_at).toISOString(), card: row.card as unknown as RateCard,
});

/**
 * Writes a new version of the project's card, in force from `effectiveFrom` (default now). The
 * currency of a project's books is fixed by its first card.
 */
export async function writeRateCard(db: Db, projectId: string, classes: readonly string[], input: unknown, by: string | null, now = new Date()): Promise<CardView> {
  const card = parseRateCard(input, classes);
  const raw = (input as { effectiveFrom?: unknown }).effectiveFrom;
  let effectiveFrom = now;
  if (raw !== undefined) {
    effectiveFrom = new Date(typeof raw === 'string' ? raw : NaN);
    if (Number.isNaN(effectiveFrom.getTime())) throw invalid('the rate card has problems', [{ path: 'effectiveFrom', message: `must be an ISO date-time, got ${JSON.stringify(raw)}` }]);
  }
  const first = await pay.anyRateCard(db, projectId);
  if (first && first.currency !== card.currency) {
    throw invalid('the rate card has problems', [{ path: 'currency', message: `this project keeps its books in ${first.currency}; a card cannot change the currency` }]);
  }
  const row = await pay.insertRateCard(db, { id: uuidv7(), projectId, effectiveFrom, currency: card.currency, card, createdBy: by });
  return cardView(row);
}
