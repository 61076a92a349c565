// Imports a label file in another tool's format (COCO, YOLO, Pascal VOC, CVAT, Label Studio,
// Datumaro, MOT): its items with their labels, as accepted labels, drafts to review or pre-labels.
import { detectFormat, formatByName, FORMATS, type Source } from '@cadre/formats';
import type { Ontology } from '@cadre/core';
import { projects } from '@cadre/db';
import { AppError, invalid, notFound } from '../errors.ts';
import { MediaResolver, type MediaPlaces } from '../interop/media.ts';
import type { MediaConfig } from '../media/config.ts';
import { OntologyMapper } from '../interop/ontology-map.ts';
import { labelledRows } from '../interop/rows.ts';
import { requireProjectRole } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { importRows, type ImportAs, type ImportReport } from './import.service.ts';

export const LABEL_FORMATS = FORMATS.map((f) => f.name);

export interface LabelImportOptions {
  projectId: string;
  /** Left out: detected from the files' names and first bytes. */
  format?: string;
  as: ImportAs;
  strict: boolean;
  skipInvalid: boolean;
  /** Where to look for the images the labels name. */
  places: MediaPlaces;
  onProgress?: (rows: number) => void;
  /** The file or folder on this machine that was imported (a command-line import), recorded as the import's file. */
  root?: string;
  /** Folders on this machine its images were looked for in (beside the file, --media): the server serves its items from there. */
  mediaRoots?: string[];
  /** Which S3 buckets the labels' images may be in (s3://bucket/key); the environment's by default. */
  media?: MediaConfig;
}

export type LabelImportReport = ImportReport & { format: string };

export async function importLabelled(deps: ServiceDeps, actor: Actor, source: Source, o: LabelImportOptions): Promise<LabelImportReport> {
  await requireProjectRole(deps, actor, o.projectId, ['manager']);
  const project = await projects.findProject(deps.db, o.projectId);
  if (!project) throw notFound('project');
  const name = o.format ?? (await detectFormat(source));
  if (!name) throw invalid(`${source.name}: cannot tell its format; name one of ${LABEL_FORMATS.join(', ')}`);
  const format = formatByName(name);
  if (!format) throw invalid(`format: ${JSON.stringify(name)} is not one of ${LABEL_FORMATS.join(', ')}`);
  if (source.files.length === 0) throw new AppError('import_failed', `${source.name}: it holds no files (nothing was imported)`);
  const mapper = new OntologyMapper(project.ontology as Ontology);
  const media = new MediaResolver(source, o.places);
  const report = await importRows(deps, actor, labelledRows(format, source, media, mapper), {
    projectId: o.projectId, file: source.name, format: name, skipInvalid: o.skipInvalid, as: o.as, strict: o.strict,
    wantedClasses: () => mapper.wanted(), ...(o.onProgress ? { onProgress: o.onProgress } : {}), ...(o.root ? { root: o.root } : {}), ...(o.mediaRoots ? { mediaRoots: o.mediaRoots } : {}), ...(o.media ? { media: o.media } : {}),
  });
  if (report.imported === 0 && report.skipped === 0) {
    // An empty file is not an error of its rows, but it must not pass without a word.
    report.notes = [...(report.notes ?? []), `${source.name} holds no ${name} items: nothing was imported`];
    if (o.strict) throw new AppError('import_failed', `${source.name} holds no ${name} items (--strict)`);
  }
  return { ...report, format: name };
}
