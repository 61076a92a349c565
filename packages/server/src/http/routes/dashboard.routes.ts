import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import type { ServiceDeps } from '../../services/index.ts';
import { dashboard, dashboardViews, openStream, STREAM_GAP_MS } from '../../services/dashboard/index.ts';
import { projectCharts } from '../../services/charts/index.ts';
import { actorOf } from '../auth.ts';

// The dashboards' shapes are described in services/dashboard/README.md; the payload is built field by field
// by the services (a client's never holds rates, labour or names), so it is not re-filtered here.
export const dashboardRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  const streams = new Set<() => void>();
  // Before the server stops: it waits for open connections, and a stream stays open.
  app.addHook('preClose', async () => { for (const close of [...streams]) close(); });

  app.get(routes.dashboardViews.url, {
    schema: routes.dashboardViews.schema,
  }, async (request) => dashboardViews(deps, actorOf(request), request.params.projectId));

  app.get(routes.dashboard.url, {
    schema: routes.dashboard.schema,
  }, async (request) => dashboard(deps, actorOf(request), request.params.projectId, request.params.view));

  app.get(routes.charts.url, {
    schema: routes.charts.schema,
  }, async (request) => projectCharts(deps, actorOf(request), request.params.projectId, { days: request.query.days }));

  app.get(routes.dashboardStream.url, {
    schema: routes.dashboardStream.schema,
  }, async (request, reply) => {
    const actor = actorOf(request);
    const { projectId, view } = request.params;
    const load = () => dashboard(deps, actor, projectId, view, { shared: true });
    const first = await dashboard(deps, actor, projectId, view); // fresh; access errors become normal responses, before the stream opens
    reply.hijack();
    const close = await openStream(deps.db, projectId, reply.raw, load, first, { minGapMs: STREAM_GAP_MS[view] });
    streams.add(close);
    reply.raw.on('close', () => streams.delete(close));
  });
};
