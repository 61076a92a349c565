import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { ServiceDeps } from '../../services/index.ts';

export const systemRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/api/health', {
    config: { public: true },
    schema: {
      tags: ['system'], summary: 'Liveness and database reachability',
      response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok') }), 503: Type.Object({ status: Type.String(), database: Type.String() }) },
    },
  }, async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(deps.db);
      return { status: 'ok' as const, database: 'ok' as const };
    } catch {
      return reply.status(503).send({ status: 'degraded', database: 'unreachable' });
    }
  });
};
