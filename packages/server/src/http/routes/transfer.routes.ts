import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import { Readable } from 'node:stream';
import { detectFormat, readTaskRows, type ImportFormat } from '../../import/index.ts';
import { exporter, formatExporter, importer, labelImporter, textImporter, type ServiceDeps } from '../../services/index.ts';
import { diskSource } from '@cadre/formats/node';
import { detectFormat as detectLabelFormat } from '@cadre/formats';
import { createReadStream } from 'node:fs';
import { invalid } from '../../errors.ts';
import { receive } from '../../interop/upload.ts';
import { zipFiles } from '../../interop/archive.ts';
import type { MediaConfig } from '../../media/config.ts';
import type { ConllLabels } from '../../text/conll-format.ts';
import { looksLikeConll } from '../../text/detect.ts';
import { sendConll } from './text-export.ts';
import { sendLabels } from './label-export.ts';
import { actorOf } from '../auth.ts';

const LABEL_FORMATS: readonly string[] = ['coco', 'yolo', 'voc', 'cvat', 'labelstudio', 'datumaro', 'mot'];

export const transferRoutes = (deps: ServiceDeps, media: MediaConfig): FastifyPluginAsyncTypebox => async (app) => {
  // The import body is a file of any size: hand the raw stream to the importer instead of parsing it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.post(routes.importFile.url, {
    config: { takesFiles: true },
    schema: routes.importFile.schema,
  }, async (request) => {
    const { file, skipInvalid, strict } = request.query;
    const body = request.body as Readable;
    const given = request.query.format;
    // Without a format, or with a label format, the file is put aside first so its content can tell the format.
    if (given === undefined || LABEL_FORMATS.includes(given)) {
      const received = await receive(body, file).finally(() => body.resume());
      try {
        const source = { ...(await diskSource(received.path)), name: file };
        const detected = given ?? (received.archive ? await detectLabelFormat(source) : (looksLikeConll(file) ? null : await detectLabelFormat(source)));
        if (detected) {
          return await labelImporter.importLabelled(deps, actorOf(request), source, {
            projectId: request.params.projectId, format: detected, as: request.query.as ?? 'prelabels', strict, skipInvalid,
            places: { root: received.archive ? received.path : received.dir, sourceOnDisk: false, dirs: media.roots, mediaDir: media.mediaDir },
          });
        }
        if (received.archive) throw invalid(`${file}: a zip must hold a dataset in one of ${LABEL_FORMATS.join(', ')}; cannot tell which`);
        return await importStream(createReadStream(received.path), formatFromContentType(request.headers['content-type']) ?? (looksLikeConll(file) ? 'conll' : detectFormat(file)));
      } finally {
        await received.cleanup();
      }
    }
    return importStream(body, given as ImportFormat | 'conll');

    async function importStream(stream: Readable, format: ImportFormat | 'conll') {
      try {
        if (format === 'conll') {
          const labels = request.query.conllLabels as ConllLabels;
          return await textImporter.importConll(deps, actorOf(request), stream, { projectId: request.params.projectId, file, labels, skipInvalid });
        }
        const rows = readTaskRows(stream, { format, file });
        return await importer.importRows(deps, actorOf(request), rows, { projectId: request.params.projectId, file, format, skipInvalid, strict, ...(request.query.as ? { as: request.query.as } : {}) });
      } finally {
        stream.resume(); // drain what a failed import left unread, so the connection can answer
      }
    }
  });
  app.get(routes.exportProject.url, {
    schema: routes.exportProject.schema,
  }, async (request, reply) => {
    const { format } = request.query;
    if (format === 'conll') return sendConll(deps, actorOf(request), request.params.projectId, request.query, reply);
    if (LABEL_FORMATS.includes(format)) return sendFormatted(deps, media, actorOf(request), request.params.projectId, request.query, reply);
    if (format !== 'jsonl') return sendLabels(deps, actorOf(request), request.params.projectId, request.query, reply, format as 'sustech' | 'kitti' | 'boxes');
    const lines = exporter.exportJsonl(deps, actorOf(request), request.params.projectId, request.query);
    const first = await lines.next(); // the access check runs here, before any header is sent
    async function* all() { if (!first.done) yield first.value; yield* lines; }
    reply.header('content-type', 'application/x-ndjson; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="project-${request.params.projectId}.jsonl"`);
    return reply.send(Readable.from(all()));
  });
};


/**
 * A label format's export: the file itself when it is one file, else a zip. The first file is
 * asked for before any header goes out, so access errors answer as errors.
 */
async function sendFormatted(deps: ServiceDeps, media: MediaConfig, actor: Parameters<typeof formatExporter.exportFormatted>[1], projectId: string,
  query: { format: string; which: 'accepted' | 'latest'; withMedia: boolean }, reply: import('fastify').FastifyReply) {
  const out = await formatExporter.exportFormatted(deps, actor, projectId, { format: query.format, which: query.which, withMedia: query.withMedia, media });
  const first = await out.files.next();
  const second = first.done ? first : await out.files.next();
  reply.header('x-cadre-export-format', query.format);
  if (!first.done && second.done) {
    // One file: send it as it is (the notes are complete only at its end, so a trailer would be needed; they go in the header when known).
    const name = first.value.path.slice(first.value.path.lastIndexOf('/') + 1);
    reply.header('content-type', name.endsWith('.json') ? 'application/json; charset=utf-8' : name.endsWith('.xml') ? 'application/xml; charset=utf-8' : 'text/plain; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${out.name}-${name}"`);
    return reply.send(Readable.from(first.value.content));
  }
  async function* all() {
    if (!first.done) yield first.value;
    if (!second.done) yield second.value;
    yield* out.files;
  }
  reply.header('content-type', 'application/zip');
  reply.header('content-disposition', `attachment; filename="${out.name}.zip"`);
  return reply.send(Readable.from(zipFiles(all())));
}

function formatFromContentType(type: string | undefined): ImportFormat | 'conll' | undefined {
  if (!type) return undefined;
  if (type.includes('conll') || type.includes('tab-separated')) return 'conll';
  if (type.includes('ndjson') || type.includes('jsonl')) return 'jsonl';
  if (type.includes('csv')) return 'csv';
  if (type.includes('application/json')) return 'json';
  return undefined;
}
