import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceDeps } from '../../services/index.ts';
import { closePayPeriod, correct, getRateCards, invoiceAsCsv, invoices, money, putRateCard, statementAsCsv, statements } from '../../services/pay/pay.service.ts';
import { actorOf } from '../auth.ts';
import { errors, Uuid } from '../schemas.ts';

const ProjectParams = Type.Object({ projectId: Uuid });
const Card = Type.Object({ id: Uuid, effectiveFrom: Type.String(), createdAt: Type.String(), card: Type.Unknown() });
const Statement = Type.Object({
  id: Uuid, period: Type.String(), userId: Uuid, userName: Type.String(), currency: Type.String(), totalMinor: Type.Integer(), units: Type.Integer(),
  lines: Type.Array(Type.Object({ description: Type.String(), quantity: Type.Integer(), amountMinor: Type.Integer() })), closedAt: Type.String(),
});
const Invoice = Type.Object({ id: Uuid, period: Type.String(), currency: Type.String(), totalMinor: Type.Integer(), units: Type.Integer(), closedAt: Type.Union([Type.Null(), Type.String()]) });
const csvHeaders = (name: string) => ({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` });

export const payRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/api/projects/:projectId/rate-cards', {
    schema: { tags: ['pay'], summary: 'The project\'s rate cards, newest first (manager)', params: ProjectParams, response: { 200: Type.Array(Card), ...errors } },
  }, async (request) => getRateCards(deps, actorOf(request), request.params.projectId));

  app.put('/api/projects/:projectId/rate-card', {
    schema: {
      tags: ['pay'], summary: 'A new version of the rate card, in force from effectiveFrom (default now); amounts in minor units (manager)', params: ProjectParams,
      body: Type.Unknown({ description: '{ currency, period?, effectiveFrom?, annotator, difficulty?, review?, qa?, client, machinePerItem?, reassignedShareBps? }' }),
      response: { 200: Card, ...errors },
    },
  }, async (request) => putRateCard(deps, actorOf(request), request.params.projectId, request.body));

  app.post('/api/projects/:projectId/pay-periods/close', {
    schema: {
      tags: ['pay'], summary: 'Close the pay period holding `at` (default: yesterday\'s) into statements and an invoice (manager)', params: ProjectParams,
      body: Type.Object({ at: Type.Optional(Type.String({ description: 'an ISO date inside the period' })) }),
      response: { 200: Type.Object({ id: Uuid, label: Type.String(), startsAt: Type.String(), endsAt: Type.String(), statements: Type.Integer(), invoiceTotalMinor: Type.Integer(), replayed: Type.Boolean() }), ...errors },
    },
  }, async (request) => closePayPeriod(deps, actorOf(request), request.params.projectId, request.body.at));

  app.get('/api/projects/:projectId/statements', {
    schema: { tags: ['pay'], summary: 'Closed statements: all (manager) or my own', params: ProjectParams, response: { 200: Type.Array(Statement), ...errors } },
  }, async (request) => statements(deps, actorOf(request), request.params.projectId));

  app.get('/api/projects/:projectId/statements/:statementId/csv', {
    schema: { tags: ['pay'], summary: 'A statement as CSV (RFC 4180, UTF-8 with BOM)', params: Type.Object({ projectId: Uuid, statementId: Uuid }), response: { 200: Type.String(), ...errors } },
  }, async (request, reply) => {
    const csv = await statementAsCsv(deps, actorOf(request), request.params.projectId, request.params.statementId);
    return reply.headers(csvHeaders(`statement-${request.params.statementId}`)).send(csv);
  });

  app.get('/api/projects/:projectId/invoices', {
    schema: { tags: ['pay'], summary: 'Invoices at the client price (manager, client)', params: ProjectParams, response: { 200: Type.Array(Invoice), ...errors } },
  }, async (request) => invoices(deps, actorOf(request), request.params.projectId));

  app.get('/api/projects/:projectId/invoices/:invoiceId/csv', {
    schema: { tags: ['pay'], summary: 'An invoice as CSV (RFC 4180, UTF-8 with BOM)', params: Type.Object({ projectId: Uuid, invoiceId: Uuid }), response: { 200: Type.String(), ...errors } },
  }, async (request, reply) => {
    const csv = await invoiceAsCsv(deps, actorOf(request), request.params.projectId, request.params.invoiceId);
    return reply.headers(csvHeaders(`invoice-${request.params.invoiceId}`)).send(csv);
  });

  app.get('/api/projects/:projectId/money', {
    schema: {
      tags: ['pay'], summary: 'Revenue, labour, machine cost, margin and labour per accepted item by method (manager)', params: ProjectParams,
      response: { 200: Type.Object({
        currency: Type.String(), revenueMinor: Type.Integer(), labourMinor: Type.Integer(), machineMinor: Type.Integer(), marginMinor: Type.Integer(),
        costPerItem: Type.Array(Type.Object({ method: Type.String(), items: Type.Integer(), labourMinor: Type.Integer(), perItemMinor: Type.Integer() })),
      }), ...errors },
    },
  }, async (request) => money(deps, actorOf(request), request.params.projectId));

  app.post('/api/projects/:projectId/ledger/:entryId/correct', {
    schema: {
      tags: ['pay'], summary: 'Correct a ledger entry: a reversal and a new posting, never an edit (manager)', params: Type.Object({ projectId: Uuid, entryId: Uuid }),
      body: Type.Object({ amountMinor: Type.Integer({ minimum: 0 }), note: Type.String({ minLength: 1, maxLength: 2000 }) }),
      response: { 200: Type.Object({ reversalId: Uuid, replacementId: Type.Union([Type.Null(), Uuid]) }), ...errors },
    },
  }, async (request) => correct(deps, actorOf(request), request.params.projectId, request.params.entryId, request.body));
};
