import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import type { ServiceDeps } from '../../services/index.ts';
import { auditCsv, auditLog } from '../../services/audit.service.ts';
import { actorOf } from '../auth.ts';

export const auditRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.get(routes.auditLog.url, { schema: routes.auditLog.schema }, async (request) => auditLog(deps, actorOf(request), request.query));
  app.get(routes.auditCsv.url, { schema: routes.auditCsv.schema }, async (request, reply) => {
    const csv = await auditCsv(deps, actorOf(request), request.query);
    return reply.headers({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="cadre-audit.csv"' }).send(csv);
  });
};
