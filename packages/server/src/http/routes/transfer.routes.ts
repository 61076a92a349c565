import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Readable } from 'node:stream';
import { detectFormat, readTaskRows, type ImportFormat } from '../../import/index.ts';
import { exporter, importer, textImporter, type ServiceDeps } from '../../services/index.ts';
import { CONLL_LABELS, type ConllLabels } from '../../text/conll-format.ts';
import { looksLikeConll } from '../../text/detect.ts';
import { sendConll } from './text-export.ts';
import { sendLabels } from './label-export.ts';
import { actorOf } from '../auth.ts';
import { errors, Uuid } from '../schemas.ts';
import { ImportReport } from './import-report.ts';

const ProjectParams = Type.Object({ projectId: Uuid });
const Format = Type.Union([Type.Literal('json'), Type.Literal('jsonl'), Type.Literal('csv'), Type.Literal('conll')]);

export const transferRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  // The import body is a file of any size: hand the raw stream to the importer instead of parsing it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.post('/api/projects/:projectId/import', {
    config: { takesFiles: true },
    schema: {
      tags: ['import/export'], summary: 'Import tasks: a JSON array, JSONL or CSV file in Label Studio task shape, or a CoNLL/BIO token file (one text item a sentence), sent as the raw body',
      params: ProjectParams,
      querystring: Type.Object({
        file: Type.String({ default: 'upload', description: 'the file name, for messages and format detection' }),
        format: Type.Optional(Format),
        skipInvalid: Type.Boolean({ default: false, description: 'import the valid rows and report the invalid ones' }),
        conllLabels: Type.Union(CONLL_LABELS.map((l) => Type.Literal(l)), { default: 'as-predictions', description: 'conll: the tags become predictions to review, accepted annotations, or are ignored' }),
      }),
      response: {
        200: ImportReport,
        413: errors[422], ...errors,
      },
    },
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

  app.get('/api/projects/:projectId/export', {
    schema: {
      tags: ['import/export'],
      summary: 'The items with their latest accepted annotation: JSONL (default), CoNLL/BIO (text items, the imported layout; warnings in the x-cadre-export-warnings header), or 3D labels as a tar of SUSTechPOINTS `<scene>/label/<frame>.json` or KITTI `<scene>/label_2/<frame>.txt` + `calib/`, or one JSON of boxes',
      params: ProjectParams,
      querystring: Type.Object({
        which: Type.Union([Type.Literal('accepted'), Type.Literal('latest')], { default: 'accepted' }),
        onlyAnnotated: Type.Boolean({ default: false }),
        format: Type.Union([Type.Literal('jsonl'), Type.Literal('conll'), Type.Literal('sustech'), Type.Literal('kitti'), Type.Literal('boxes')], { default: 'jsonl' }),
        calib: Type.Optional(Type.String({ description: 'kitti: calib file text for items imported without one' })),
      }),
    },
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
