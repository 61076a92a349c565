import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import { Readable } from 'node:stream';
import { detectFormat, readTaskRows, type ImportFormat } from '../../import/index.ts';
import { exporter, formatExporter, importer, labelImporter, textImporter, type ServiceDeps } from '../../services/index.ts';
import { diskSource } from '@cadre/formats/node';
import { createReadStream } from 'node:fs';
import { invalid } from '../../errors.ts';
import { receive } from '../../interop/upload.ts';
import { zipFiles } from '../../interop/archive.ts';
import { labelFormatOf } from '../../interop/detect.ts';
import type { MediaConfig } from '../../media/config.ts';
import type { ConllLabels } from '../../text/conll-format.ts';
import { looksLikeConll } from '../../text/detect.ts';
import { sendConll, sendTable } from './text-export.ts';
import type { OutFile } from '@cadre/formats';
import { sendLabels } from './label-export.ts';
import type { LabelExportFormat } from '../../lidar/index.ts';
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
        const detected = given ?? (received.archive ? await labelFormatOf(source) : (looksLikeConll(file) ? null : await labelFormatOf(source)));
        if (detected) {
          return await labelImporter.importLabelled(deps, actorOf(request), source, {
            projectId: request.params.projectId, format: detected, as: request.query.as ?? 'prelabels', strict, skipInvalid, media,
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
      const q = request.query;
      const common = { projectId: request.params.projectId, file, skipInvalid, ...(q.as ? { as: q.as } : {}) };
      try {
        if (format === 'conll') {
          return await textImporter.importConll(deps, actorOf(request), stream, {
            ...common, labels: q.conllLabels as ConllLabels,
            ...(q.separator ? { separator: q.separator } : {}), ...(q.tagColumn !== undefined ? { tagColumn: q.tagColumn } : {}), ...(q.tagScheme ? { scheme: q.tagScheme as 'iob2' | 'auto' } : {}),
          });
        }
        if (q.labelColumn) {
          if (format !== 'csv') throw invalid('labelColumn: goes with a CSV or TSV file of texts');
          return await textImporter.importLabeledTable(deps, actorOf(request), stream, {
            ...common, labelColumn: q.labelColumn, ...(q.textColumn ? { textColumn: q.textColumn } : {}), ...(q.multiLabel ? { multiLabel: q.multiLabel } : {}),
            ...(/\.(tsv|tab)$/i.test(file) ? { delimiter: '\t' as const } : {}),
          });
        }
        const rows = readTaskRows(stream, { format, file });
        return await importer.importRows(deps, actorOf(request), rows, { ...common, format, strict, media });
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
    if (format === 'csv' || format === 'tsv') return sendTable(deps, actorOf(request), request.params.projectId, { ...request.query, format }, reply);
    if (LABEL_FORMATS.includes(format) || format === 'jsonl') return sendFormatted(deps, media, actorOf(request), request.params.projectId, request.query, reply);
    if (format !== 'cadre') return sendLabels(deps, actorOf(request), request.params.projectId, request.query, reply, format as LabelExportFormat);
    const lines = exporter.exportJsonl(deps, actorOf(request), request.params.projectId, request.query);
    const first = await lines.next(); // the access check runs here, before any header is sent
    async function* all() { if (!first.done) yield first.value; yield* lines; }
    reply.header('content-type', 'application/x-ndjson; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="project-${request.params.projectId}.cadre.jsonl"`);
    return reply.send(Readable.from(all()));
  });
};


/**
 * A label format's export: the file itself when it is one file, else a zip. The first file is
 * asked for before any header goes out, so access errors answer as errors.
 */
async function sendFormatted(deps: ServiceDeps, media: MediaConfig, actor: Parameters<typeof formatExporter.exportFormatted>[1], projectId: string,
  query: { format: string; which: 'accepted' | 'latest'; withMedia: boolean; onlyAnnotated: boolean }, reply: import('fastify').FastifyReply) {
  const out = await formatExporter.exportFormatted(deps, actor, projectId, { format: query.format, which: query.which, withMedia: query.withMedia, onlyAnnotated: query.onlyAnnotated, media });
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
  async function* all(): AsyncGenerator<OutFile> {
    if (!first.done) yield first.value;
    if (!second.done) yield second.value;
    yield* out.files;
    // What could not be written as it is travels inside the archive: a browser cannot read trailers.
    const notes = out.notes();
    if (notes.length > 0) yield { path: 'cadre-export-notes.json', content: [JSON.stringify(notes, null, 2) + '\n'] as unknown as AsyncIterable<string> };
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
