// Rate cards, pay periods, statements, invoices and the money view.
import { Type, type Static } from '@sinclair/typebox';
import { errors, ProjectParams, Uuid } from './common.ts';
import { route } from './route.ts';

export const RateCardVersion = Type.Object({ id: Uuid, effectiveFrom: Type.String(), createdAt: Type.String(), card: Type.Unknown() });
export type RateCardVersion = Static<typeof RateCardVersion>;
export const Statement = Type.Object({
  id: Uuid, period: Type.String(), userId: Uuid, userName: Type.String(), currency: Type.String(), totalMinor: Type.Integer(), units: Type.Integer(),
  lines: Type.Array(Type.Object({ description: Type.String(), quantity: Type.Integer(), amountMinor: Type.Integer() })), closedAt: Type.String(),
});
export type Statement = Static<typeof Statement>;
export const Invoice = Type.Object({ id: Uuid, period: Type.String(), currency: Type.String(), totalMinor: Type.Integer(), units: Type.Integer(), closedAt: Type.Union([Type.Null(), Type.String()]) });
export type Invoice = Static<typeof Invoice>;
export const Money = Type.Object({
  currency: Type.String(), revenueMinor: Type.Integer(), labourMinor: Type.Integer(), machineMinor: Type.Integer(), marginMinor: Type.Integer(),
  // Per accepted item by method: perItemMinor is labour; totalPerItemMinor adds the machine cost.
  costPerItem: Type.Array(Type.Object({
    method: Type.String(), items: Type.Integer(), labourMinor: Type.Integer(), perItemMinor: Type.Integer(), machineMinor: Type.Integer(), totalPerItemMinor: Type.Integer(),
  })),
});
export type Money = Static<typeof Money>;

export const payRoutes = {
  rateCards: route('GET', '/api/projects/:projectId/rate-cards', { tags: ['pay'], summary: 'The project\'s rate cards, newest first (manager)', params: ProjectParams, response: { 200: Type.Array(RateCardVersion), ...errors } }),
  putRateCard: route('PUT', '/api/projects/:projectId/rate-card', {
    tags: ['pay'], summary: 'A new version of the rate card, in force from effectiveFrom (default now); amounts in minor units (manager)', params: ProjectParams,
    body: Type.Unknown({ description: '{ currency, period?, effectiveFrom?, annotator, difficulty?, review?, qa?, client, machinePerItem?, reassignedShareBps? }' }),
    response: { 200: RateCardVersion, ...errors },
  }),
  closePayPeriod: route('POST', '/api/projects/:projectId/pay-periods/close', {
    tags: ['pay'], summary: 'Close the pay period holding `at` (default: yesterday\'s) into statements and an invoice (manager)', params: ProjectParams,
    body: Type.Object({ at: Type.Optional(Type.String({ description: 'an ISO date inside the period' })) }),
    response: { 200: Type.Object({ id: Uuid, label: Type.String(), startsAt: Type.String(), endsAt: Type.String(), statements: Type.Integer(), invoiceTotalMinor: Type.Integer(), replayed: Type.Boolean() }), ...errors },
  }),
  statements: route('GET', '/api/projects/:projectId/statements', { tags: ['pay'], summary: 'Closed statements: all (manager) or my own', params: ProjectParams, response: { 200: Type.Array(Statement), ...errors } }),
  statementCsv: route('GET', '/api/projects/:projectId/statements/:statementId/csv', {
    tags: ['pay'], summary: 'A statement as CSV (RFC 4180, UTF-8 with BOM)', params: Type.Object({ projectId: Uuid, statementId: Uuid }), response: { 200: Type.String(), ...errors },
  }),
  invoices: route('GET', '/api/projects/:projectId/invoices', { tags: ['pay'], summary: 'Invoices at the client price (manager, client)', params: ProjectParams, response: { 200: Type.Array(Invoice), ...errors } }),
  invoiceCsv: route('GET', '/api/projects/:projectId/invoices/:invoiceId/csv', {
    tags: ['pay'], summary: 'An invoice as CSV (RFC 4180, UTF-8 with BOM)', params: Type.Object({ projectId: Uuid, invoiceId: Uuid }), response: { 200: Type.String(), ...errors },
  }),
  money: route('GET', '/api/projects/:projectId/money', {
    tags: ['pay'], summary: 'Revenue, labour, machine cost, margin and labour per accepted item by method (manager)', params: ProjectParams,
    response: { 200: Money, ...errors },
  }),
  correctLedger: route('POST', '/api/projects/:projectId/ledger/:entryId/correct', {
    tags: ['pay'], summary: 'Correct a ledger entry: a reversal and a new posting, never an edit (manager)', params: Type.Object({ projectId: Uuid, entryId: Uuid }),
    body: Type.Object({ amountMinor: Type.Integer({ minimum: 0 }), note: Type.String({ minLength: 1, maxLength: 2000 }) }),
    response: { 200: Type.Object({ reversalId: Uuid, replacementId: Type.Union([Type.Null(), Uuid]) }), ...errors },
  }),
};
