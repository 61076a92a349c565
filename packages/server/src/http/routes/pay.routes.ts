import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import type { ServiceDeps } from '../../services/index.ts';
import { closePayPeriod, correct, getRateCards, invoiceAsCsv, invoices, money, putRateCard, statementAsCsv, statements } from '../../services/pay/pay.service.ts';
import { actorOf } from '../auth.ts';

const csvHeaders = (name: string) => ({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` });

export const payRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.get(routes.rateCards.url, {
    schema: routes.rateCards.schema,
  }, async (request) => getRateCards(deps, actorOf(request), request.params.projectId));

  app.put(routes.putRateCard.url, {
    schema: routes.putRateCard.schema,
  }, async (request) => putRateCard(deps, actorOf(request), request.params.projectId, request.body));

  app.post(routes.closePayPeriod.url, {
    schema: routes.closePayPeriod.schema,
  }, async (request) => closePayPeriod(deps, actorOf(request), request.params.projectId, request.body.at));

  app.get(routes.statements.url, {
    schema: routes.statements.schema,
  }, async (request) => statements(deps, actorOf(request), request.params.projectId));

  app.get(routes.statementCsv.url, {
    schema: routes.statementCsv.schema,
  }, async (request, reply) => {
    const csv = await statementAsCsv(deps, actorOf(request), request.params.projectId, request.params.statementId);
    return reply.headers(csvHeaders(`statement-${request.params.statementId}`)).send(csv);
  });

  app.get(routes.invoices.url, {
    schema: routes.invoices.schema,
  }, async (request) => invoices(deps, actorOf(request), request.params.projectId));

  app.get(routes.invoiceCsv.url, {
    schema: routes.invoiceCsv.schema,
  }, async (request, reply) => {
    const csv = await invoiceAsCsv(deps, actorOf(request), request.params.projectId, request.params.invoiceId);
    return reply.headers(csvHeaders(`invoice-${request.params.invoiceId}`)).send(csv);
  });

  app.get(routes.money.url, {
    schema: routes.money.schema,
  }, async (request) => money(deps, actorOf(request), request.params.projectId));

  app.post(routes.correctLedger.url, {
    schema: routes.correctLedger.schema,
  }, async (request) => correct(deps, actorOf(request), request.params.projectId, request.params.entryId, request.body));
};
