import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Readable } from 'node:stream';
import { detectFormat, readTaskRows, type ImportFormat } from '../../import/index.ts';
import { exporter, importer, type ServiceDeps } from '../../services/index.ts';
import { sendLabels } from './label-export.ts';
import { actorOf } from '../auth.ts';
import { errors, Uuid } from '../schemas.ts';

const ProjectParams = Type.Object({ projectId: Uuid });
const Format = Type.Union([Type.Literal('json'), Type.Literal('jsonl'), Type.Literal('csv')]);

export const transferRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  // The import body is a file of any size: hand the raw stream to the importer instead of parsing it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.post('/api/projects/:projectId/import', {
    schema: {
      tags: ['import/export'], summary: 'Import tasks: a JSON array, JSONL or CSV file in Label Studio task shape, sent as the raw body',
      params: ProjectParams,
      querystring: Type.Object({
        file: Type.String({ default: 'upload', description: 'the file name, for messages and format detection' }),
        format: Type.Optional(Format),
        skipInvalid: Type.Boolean({ default: false, description: 'import the valid rows and report the invalid ones' }),
      }),
      response: {
        200: Type.Object({
          importId: Uuid, imported: Type.Integer(), predictions: Type.Integer(), skipped: Type.Integer(),
          errors: Type.Array(Type.Object({ file: Type.String(), line: Type.Integer(), field: Type.String(), message: Type.String() })),
        }),
        413: errors[422], ...errors,
      },
    },
  }, async (request) => {
    const { file, skipInvalid } = request.query;
    const format: ImportFormat = request.query.format ?? formatFromContentType(request.headers['content-type']) ?? detectFormat(file);
    const body = request.body as Readable;
    const rows = readTaskRows(body, { format, file });
    try {
      return await importer.importRows(deps, actorOf(request), rows, { projectId: request.params.projectId, file, format, skipInvalid });
    } finally {
      body.resume(); // drain what a failed import left unread, so the connection can answer
    }
  });

  app.get('/api/projects/:projectId/export', {
    schema: {
      tags: ['import/export'],
      summary: 'The items with their latest accepted annotation: JSONL (default), or 3D labels as a tar of SUSTechPOINTS `<scene>/label/<frame>.json` or KITTI `<scene>/label_2/<frame>.txt` + `calib/`, or one JSON of boxes',
      params: ProjectParams,
      querystring: Type.Object({
        which: Type.Union([Type.Literal('accepted'), Type.Literal('latest')], { default: 'accepted' }),
        onlyAnnotated: Type.Boolean({ default: false }),
        format: Type.Union([Type.Literal('jsonl'), Type.Literal('sustech'), Type.Literal('kitti'), Type.Literal('boxes')], { default: 'jsonl' }),
        calib: Type.Optional(Type.String({ description: 'kitti: calib file text for items imported without one' })),
      }),
    },
  }, async (request, reply) => {
    const { format } = request.query;
    if (format !== 'jsonl') return sendLabels(deps, actorOf(request), request.params.projectId, request.query, reply, format);
    const lines = exporter.exportJsonl(deps, actorOf(request), request.params.projectId, request.query);
    const first = await lines.next(); // the access check runs here, before any header is sent
    async function* all() { if (!first.done) yield first.value; yield* lines; }
    reply.header('content-type', 'application/x-ndjson; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="project-${request.params.projectId}.jsonl"`);
    return reply.send(Readable.from(all()));
  });
};

function formatFromContentType(type: string | undefined): ImportFormat | undefined {
  if (!type) return undefined;
  if (type.includes('ndjson') || type.includes('jsonl')) return 'jsonl';
  if (type.includes('csv')) return 'csv';
  if (type.includes('application/json')) return 'json';
  return undefined;
}
