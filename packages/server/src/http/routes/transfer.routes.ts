import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import { Readable } from 'node:stream';
import { detectFormat, readTaskRows, type ImportFormat } from '../../import/index.ts';
import { exporter, importer, textImporter, type ServiceDeps } from '../../services/index.ts';
import type { ConllLabels } from '../../text/conll-format.ts';
import { looksLikeConll } from '../../text/detect.ts';
import { sendConll } from './text-export.ts';
import { sendLabels } from './label-export.ts';
import { actorOf } from '../auth.ts';

export const transferRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  // The import body is a file of any size: hand the raw stream to the importer instead of parsing it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.post(routes.importFile.url, {
    config: { takesFiles: true },
    schema: routes.importFile.schema,
  }, async (request) => {
    const { file, skipInvalid } = request.query;
    const format = request.query.format ?? formatFromContentType(request.headers['content-type']) ?? (looksLikeConll(file) ? 'conll' : detectFormat(file));
    const body = request.body as Readable;
    try {
      if (format === 'conll') {
        const labels = request.query.conllLabels as ConllLabels;
        return await textImporter.importConll(deps, actorOf(request), body, { projectId: request.params.projectId, file, labels, skipInvalid });
      }
      const rows = readTaskRows(body, { format, file });
      return await importer.importRows(deps, actorOf(request), rows, { projectId: request.params.projectId, file, format, skipInvalid });
    } finally {
      body.resume(); // drain what a failed import left unread, so the connection can answer
    }
  });

  app.get(routes.exportProject.url, {
    schema: routes.exportProject.schema,
  }, async (request, reply) => {
    const { format } = request.query;
    if (format === 'conll') return sendConll(deps, actorOf(request), request.params.projectId, request.query, reply);
    if (format !== 'jsonl') return sendLabels(deps, actorOf(request), request.params.projectId, request.query, reply, format);
    const lines = exporter.exportJsonl(deps, actorOf(request), request.params.projectId, request.query);
    const first = await lines.next(); // the access check runs here, before any header is sent
    async function* all() { if (!first.done) yield first.value; yield* lines; }
    reply.header('content-type', 'application/x-ndjson; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="project-${request.params.projectId}.jsonl"`);
    return reply.send(Readable.from(all()));
  });
};

function formatFromContentType(type: string | undefined): ImportFormat | 'conll' | undefined {
  if (!type) return undefined;
  if (type.includes('conll') || type.includes('tab-separated')) return 'conll';
  if (type.includes('ndjson') || type.includes('jsonl')) return 'jsonl';
  if (type.includes('csv')) return 'csv';
  if (type.includes('application/json')) return 'json';
  return undefined;
}
