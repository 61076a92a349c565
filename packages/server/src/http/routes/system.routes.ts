import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import { system } from '@cadre/db';
import type { ServiceDeps } from '../../services/index.ts';

export const systemRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.get(routes.health.url, {
    config: { public: true },
    schema: routes.health.schema,
  }, async (_request, reply) => {
    try {
      await system.ping(deps.db);
      return { status: 'ok' as const, database: 'ok' as const };
    } catch {
      return reply.status(503).send({ status: 'degraded', database: 'unreachable' });
    }
  });
};
