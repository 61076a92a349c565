// Exports a project's labels in another tool's format (COCO, YOLO, Pascal VOC, CVAT, Label Studio,
// Datumaro, MOT), optionally with the images, as a stream of files. Items are read page by page
// (a format whose file lists images before objects reads them twice), so a million boxes export in
// flat memory.
import { createReadStream } from 'node:fs';
import type { Ontology } from '@cadre/core';
import { formatByName, FORMATS, writeTasks, type ExportItem, type FormatModule, type Note, type OutFile } from '@cadre/formats';
import { importsRepo, projects, type ItemRow } from '@cadre/db';
import { invalid, notFound } from '../errors.ts';
import { authorOf, objectsOf, sizeOf, userReference } from '../interop/export-items.ts';
import { locateItemAsset } from '../media/assets.ts';
import type { MediaConfig } from '../media/config.ts';
import { importRoots, isFolderImport } from '../media/folder-format.ts';
import { requireProjectRole } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { exportPages, type ExportRow } from './export.service.ts';
import { NoteTally, type ProblemSummary } from './import-labels.ts';

/** `jsonl` is Label Studio's task shape, one task a line (what Label Studio imports as JSON-MIN's sibling). */
export const EXPORT_FORMATS: string[] = [...FORMATS.map((f) => f.name), 'jsonl'];

const LABEL_STUDIO_LINES: FormatModule = { ...formatByName('labelstudio')!, write: (items, ctx) => writeTasks(items, ctx, { lines: true }) };

export interface FormatExportOptions {
  format: string;
  which?: 'accepted' | 'latest';
  /** Put the images in the export (`images/<name>`) and name them so. */
  withMedia?: boolean;
  /** Label Studio tasks (jsonl, labelstudio): leave out items without an annotation (kept by default, as tasks to label). */
  onlyAnnotated?: boolean;
  media: MediaConfig;
}

export interface FormatExport {
  /** The export's files; folder formats and exports with media have several. */
  files: AsyncGenerator<OutFile>;
  /** What could not be exported as it is, per reason (complete once `files` is read to its end). */
  notes(): ProblemSummary[];
  /** A name for the download: `<project>-<format>`. */
  name: string;
}

const PAGE = 1000;

export async function exportFormatted(deps: ServiceDeps, actor: Actor, projectId: string, o: FormatExportOptions): Promise<FormatExport> {
  await requireProjectRole(deps, actor, projectId, ['manager', 'client']);
  const project = await projects.findProject(deps.db, projectId);
  if (!project) throw notFound('project');
  const format = o.format === 'jsonl' ? LABEL_STUDIO_LINES : formatByName(o.format);
  const tasks = o.format === 'jsonl' || o.format === 'labelstudio';
  if (!format) throw invalid(`format: ${JSON.stringify(o.format)} is not one of ${EXPORT_FORMATS.join(', ')}`);
  const tally = new NoteTally();
  const roots = new Map<string, string | null>();
  const folderRoot = async (importId: string) => {
    if (!roots.has(importId)) {
      const imp = await importsRepo.findImport(deps.db, importId);
      roots.set(importId, imp && isFolderImport(imp.format) ? importRoots(imp)[0] ?? null : null);
    }
    return roots.get(importId)!;
  };
  const placed = new MediaNames();
  const items = async function* (): AsyncGenerator<ExportItem & { local: string | null }> {
    for await (const page of exportPages(deps, actor, projectId, o.which, PAGE)) {
      for (const row of page) {
        if (!row.annotation_id && (!tasks || o.onlyAnnotated)) continue;
        yield await exportItem(deps, row, o, folderRoot, placed);
      }
    }
  };
  const ctx = {
    ontology: project.ontology as Ontology, projectName: project.name,
    note: (n: Omit<Note, 'file' | 'line'> & { itemId: string }) => tally.add({ ...n, file: n.itemId, line: 0 }),
  };
  async function* files(): AsyncGenerator<OutFile> {
    yield* format!.write(items, ctx);
    if (!o.withMedia) return;
    for await (const item of items()) {
      const local = item.local;
      if (!local || !item.media?.startsWith('images/')) {
        if (item.kind === 'image') tally.add({ file: item.id, line: 0, field: 'media', kind: 'dropped', reason: 'image not on this server (left out of the archive)', message: `${item.media}: not a file on this server; the export names it as imported` });
        continue;
      }
      if (placed.written.has(item.media)) continue;
      placed.written.add(item.media);
      yield { path: item.media, content: createReadStream(local) as AsyncIterable<Uint8Array> };
    }
  }
  const safeName = project.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'project';
  return { files: files(), notes: () => tally.summary, name: `${safeName}-${o.format}` };
}

/** Names images inside an archive once each: `images/<the person's name for it>`, made unique. */
class MediaNames {
  private readonly byAsset = new Map<string, string>();
  private readonly taken = new Set<string>();
  readonly written = new Set<string>();

  name(asset: string, reference: string): string {
    const known = this.byAsset.get(asset);
    if (known) return known;
    const clean = reference.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*\//i, '').replace(/\\/g, '/').split('/').filter((p) => p && p !== '.' && p !== '..').join('/') || 'image';
    let name = `images/${clean}`;
    for (let i = 2; this.taken.has(name); i++) name = `images/${clean.replace(/(\.[^./]*)?$/, `_${i}$1`)}`;
    this.taken.add(name);
    this.byAsset.set(asset, name);
    return name;
  }
}

async function exportItem(deps: ServiceDeps, row: ExportRow, o: FormatExportOptions, roots: (id: string) => Promise<string | null>, names: MediaNames): Promise<ExportItem & { local: string | null }> {
  const kind = row.kind as ExportItem['kind'];
  const base = { id: row.id, kind, objects: objectsOf(row.payload), metadata: (row.metadata ?? {}) as Record<string, unknown>, ...authorOf(row) };
  if (kind === 'text') return { ...base, media: null, text: row.content ?? '', local: null };
  if (Array.isArray(row.frames)) {
    const frames = await Promise.all((row.frames as string[]).map((f) => userReference({ media_ref: null, import_id: row.import_id }, f, roots)));
    const size = row.width && row.height ? { width: row.width, height: row.height } : {};
    return { ...base, media: null, frames, ...size, local: null };
  }
  const asset = row.asset ?? '';
  const local = await locateItemAsset(deps, { asset, frames: null, metadata: row.metadata as ItemRow['metadata'], import_id: row.import_id }, o.media)
    .then((a) => (a.kind === 'file' ? a.path : null), () => null);
  const reference = await userReference(row, asset, roots);
  const size = await sizeOf(row, local);
  const media = o.withMedia && local ? names.name(asset, reference) : reference;
  return { ...base, media, ...(size ?? {}), local };
}
