// Liveness.
import { Type } from '@sinclair/typebox';
import { route } from './route.ts';

export const systemRoutes = {
  health: route('GET', '/api/health', {
    tags: ['system'], summary: 'Liveness and database reachability',
    response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok') }), 503: Type.Object({ status: Type.String(), database: Type.String() }) },
  }),
};
