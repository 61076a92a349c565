import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import type { ServiceDeps } from '../../services/index.ts';
import { attachModel, detachModel, getModel, listModels, projectModels, registerModel, updateModel } from '../../services/machine/models.service.ts';
import { autoLabelItem, cancelJob, getJob, jobEnded, learningStatus, projectJobs, startJob, startLearning } from '../../services/machine/jobs.service.ts';
import { actorOf } from '../auth.ts';

const STREAM_EVERY_MS = 700;

export const machineRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => { for (const close of [...streams]) close(); });

  app.get(routes.listModels.url, { schema: routes.listModels.schema }, async (request) => listModels(deps, actorOf(request)));
  app.post(routes.registerModel.url, { schema: routes.registerModel.schema }, async (request, reply) => reply.code(201).send(await registerModel(deps, actorOf(request), request.body)));
  app.get(routes.getModel.url, { schema: routes.getModel.schema }, async (request) => getModel(deps, actorOf(request), request.params.modelId));
  app.patch(routes.updateModel.url, { schema: routes.updateModel.schema }, async (request) => updateModel(deps, actorOf(request), request.params.modelId, request.body));
  app.get(routes.projectModels.url, { schema: routes.projectModels.schema }, async (request) => projectModels(deps, actorOf(request), request.params.projectId));
  app.put(routes.attachModel.url, { schema: routes.attachModel.schema }, async (request) => attachModel(deps, actorOf(request), request.params.projectId, request.params.modelId, request.body));
  app.delete(routes.detachModel.url, { schema: routes.detachModel.schema }, async (request, reply) => {
    await detachModel(deps, actorOf(request), request.params.projectId, request.params.modelId);
    return reply.code(204).send(null);
  });
  app.post(routes.startJob.url, { schema: routes.startJob.schema }, async (request, reply) => reply.code(201).send(await startJob(deps, actorOf(request), request.params.projectId, request.body)));
  app.get(routes.projectJobs.url, { schema: routes.projectJobs.schema }, async (request) => projectJobs(deps, actorOf(request), request.params.projectId));
  app.post(routes.autoLabelItem.url, { schema: routes.autoLabelItem.schema }, async (request, reply) => reply.code(201).send(await autoLabelItem(deps, actorOf(request), request.params.itemId, request.body ?? {})));
  app.post(routes.startLearning.url, { schema: routes.startLearning.schema }, async (request, reply) => reply.code(201).send(await startLearning(deps, actorOf(request), request.params.projectId)));
  app.get(routes.learning.url, { schema: routes.learning.schema }, async (request) => learningStatus(deps, actorOf(request), request.params.projectId));
  app.get(routes.getJob.url, { schema: routes.getJob.schema }, async (request) => getJob(deps, actorOf(request), request.params.jobId));
  app.post(routes.cancelJob.url, { schema: routes.cancelJob.schema }, async (request) => cancelJob(deps, actorOf(request), request.params.jobId));

  // The progress bar's feed: the job on connect and whenever it changed, polled (a worker may be another process).
  app.get(routes.jobStream.url, { schema: routes.jobStream.schema }, async (request, reply) => {
    const actor = actorOf(request);
    const { jobId } = request.params;
    let last = await getJob(deps, actor, jobId); // access errors become normal responses
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(`data: ${JSON.stringify(last)}\n\n`);
    let timer: NodeJS.Timeout | null = null;
    const close = () => { if (timer) clearInterval(timer); streams.delete(close); res.end(); };
    streams.add(close);
    res.on('close', () => { if (timer) clearInterval(timer); streams.delete(close); });
    if (jobEnded(last)) { close(); return; }
    timer = setInterval(() => {
      void getJob(deps, actor, jobId).then((now) => {
        if (now.updatedAt !== last.updatedAt || now.state !== last.state) { last = now; res.write(`data: ${JSON.stringify(now)}\n\n`); }
        if (jobEnded(now)) close();
      }).catch(() => close());
    }, STREAM_EVERY_MS);
  });
};
