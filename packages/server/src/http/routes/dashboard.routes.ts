import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceDeps } from '../../services/index.ts';
import { dashboard, dashboardViews, openStream } from '../../services/dashboard/index.ts';
import { actorOf } from '../auth.ts';
import { errors, Uuid } from '../schemas.ts';

const View = Type.Union([Type.Literal('me'), Type.Literal('admin'), Type.Literal('client')]);
const Params = Type.Object({ projectId: Uuid, view: View });

// The dashboards' shapes are described in services/dashboard/README.md; the payload is built field by field
// by the services (a client's never holds rates, labour or names), so it is not re-filtered here.
export const dashboardRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  const streams = new Set<() => void>();
  // Before the server stops: it waits for open connections, and a stream stays open.
  app.addHook('preClose', async () => { for (const close of [...streams]) close(); });

  app.get('/api/projects/:projectId/dashboard', {
    schema: {
      tags: ['dashboard'], summary: 'The dashboard views this person may open, best first', params: Type.Object({ projectId: Uuid }),
      response: { 200: Type.Object({ views: Type.Array(View) }), ...errors },
    },
  }, async (request) => dashboardViews(deps, actorOf(request), request.params.projectId));

  app.get('/api/projects/:projectId/dashboard/:view', {
    schema: { tags: ['dashboard'], summary: 'A dashboard snapshot: me (annotator), admin (manager), client', params: Params, response: { 200: Type.Unknown(), ...errors } },
  }, async (request) => dashboard(deps, actorOf(request), request.params.projectId, request.params.view));

  app.get('/api/projects/:projectId/dashboard/:view/stream', {
    schema: { tags: ['dashboard'], summary: 'The same as server-sent events (text/event-stream): a snapshot on connect and on each change', params: Params },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const { projectId, view } = request.params;
    const load = () => dashboard(deps, actor, projectId, view);
    const first = await load(); // access errors become normal responses, before the stream opens
    reply.hijack();
    const close = await openStream(deps.db, projectId, reply.raw, load, first);
    streams.add(close);
    reply.raw.on('close', () => streams.delete(close));
  });
};
