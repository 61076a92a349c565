import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import type { ServiceDeps } from '../../services/index.ts';
import { alertsCsv, listAlerts } from '../../services/alerts/index.ts';
import { actorOf } from '../auth.ts';

export const alertRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.get(routes.projectAlerts.url, { schema: routes.projectAlerts.schema }, async (request) => listAlerts(deps, actorOf(request), request.params.projectId, request.query));
  app.get(routes.projectAlertsCsv.url, { schema: routes.projectAlertsCsv.schema }, async (request, reply) => {
    const csv = await alertsCsv(deps, actorOf(request), request.params.projectId);
    return reply.headers({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="cadre-alerts.csv"' }).send(csv);
  });
};
