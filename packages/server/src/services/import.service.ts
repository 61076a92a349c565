import { relative, isAbsolute } from 'node:path';
import { kindMismatch, projectItemKinds, uuidv7, type Ontology } from '@cadre/core';
import { BulkWriter, events, importsRepo, kyselyOn, projects, withTransaction } from '@cadre/db';
import { AppError, notFound } from '../errors.ts';
import { FOLDER_FORMAT } from '../media/folder-format.ts';
import { mediaConfig, type MediaConfig } from '../media/config.ts';
import { refusedItemObject } from '../media/object-url.ts';
import { FormatError } from '@cadre/formats';
import { ImportFileError, toItemDraft, type RowError, type RowResult } from '../import/index.ts';
import { describeClamping } from '../predictions/clamp.ts';
import { requireProjectRole } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { entryStage, settingsOf } from '@cadre/core';
import { ensureCopies } from './workflow/consensus.ts';
import { addMissingClasses, forgetProject, insertAnnotations, type ImportedAnnotation, type WantedClass } from './import-extras.ts';
import { addLabels, Authors, NoteTally, PREDICTION_SCHEMA_VERSION, taskStart, type ImportAs, type ProblemSummary } from './import-labels.ts';

export { IMPORT_AS, type ImportAs, type ProblemSummary } from './import-labels.ts';

export type { RowResult };

export interface ImportOptions {
  projectId: string;
  /** The file's name as the person knows it, for error messages. */
  file: string;
  format: string;
  /** Import the valid rows and report the rest, instead of committing nothing. */
  skipInvalid: boolean;
  onProgress?: (rows: number) => void;
  /** Asked once all rows are read: classes the rows' labels need, added to the ontology where missing (CoNLL tag types). */
  wantedClasses?: () => WantedClass[];
  /** What rows' `labels` become: accepted labels, drafts to review, or machine pre-labels (the default). */
  as?: ImportAs;
  /** Anything mapped or left out (a note), or a file imported before, fails the import instead of being reported. */
  strict?: boolean;
  /** The model version pre-labels are stored under (default `<format>-import`). */
  modelVersion?: string;
  /**
   * The file or folder on this machine that was imported (a command-line import): recorded as the
   * import's file. The server serves the files below `mediaRoots`, or below a folder imported without them.
   */
  root?: string;
  /** Folders on this machine the import found its images in (the label file's folder, --media): its items are served from there. */
  mediaRoots?: string[];
  /** Which S3 buckets items may name (s3://bucket/key); the environment's CADRE_S3_BUCKETS by default. */
  media?: MediaConfig;
}

export interface ImportReport {
  importId: string; imported: number; predictions: number; skipped: number; errors: RowError[];
  /** Annotations the file held (CoNLL with as-annotations), and classes added to the ontology; absent when none. */
  annotations?: number; addedClasses?: string[];
  /** Files of a folder that do not fit the project's kind: not imported, each with why; absent when none. */
  leftOut?: { count: number; files: { file: string; reason: string }[] };
  /** Boxes of converted label files moved into their image (rounding); absent when none. */
  clamped?: { boxes: number; maxPx: number };
  /** The report in sentences, for people: files left out, boxes clamped. */
  notes?: string[];
  /** Rows whose labels became accepted annotations, or drafts waiting for review; absent when none. */
  labels?: number; drafts?: number;
  /** What the file held that was mapped or left out, per reason with counts and the first rows; absent when nothing was. */
  problems?: ProblemSummary[];
  /** An earlier import of a file of the same name; absent when there was none. */
  importedBefore?: { importId: string; at: string | null; items: number };
}

/** How many skipped rows a report lists; the count stays exact. */
const REPORTED_ERRORS = 1000;
export { PREDICTION_SCHEMA_VERSION };

/** Messages quote the file, which may hold a NUL; a NUL cannot be stored, so it is shown as \\0. */
const storable = (s: string) => (s.includes('\u0000') ? s.replaceAll('\u0000', '\\0') : s);
const cleanError = (e: RowError): RowError => ({ file: storable(e.file), line: e.line, field: storable(e.field), message: storable(e.message) });

const describe = (e: RowError) => `${e.file}${e.line > 0 ? ` line ${e.line}` : ''}: ${e.field}: ${e.message}`;

/** A folder's file named below the folder ("calib/000003.txt"), as the person chose it. */
const shownPath = (source: string, root: string) => {
  const rel = relative(root, source);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : source;
};

/**
 * Streams rows into items, tasks and predictions inside one transaction: a bad row (without
 * skipInvalid) or a broken file rolls back everything of this import.
 */
export async function importRows(deps: ServiceDeps, actor: Actor, rows: AsyncIterable<RowResult>, o: ImportOptions): Promise<ImportReport> {
  await requireProjectRole(deps, actor, o.projectId, ['manager']);
  const project = await projects.findProject(deps.db, o.projectId);
  if (!project) throw notFound('project');
  const settings = settingsOf(project.settings);
  const stage = entryStage(settings);
  const as = o.as ?? 'prelabels';
  const tally = new NoteTally();
  const counts = { labels: 0, drafts: 0 };
  const recorded = o.root ? { file: o.root, format: `${FOLDER_FORMAT}:${o.format}`, mediaRoots: o.mediaRoots ?? null } : { file: o.file, format: o.format };
  const before = await importsRepo.findCommittedImportOfFile(deps.db, o.projectId, recorded.file);
  const importedBefore = before ? { importId: before.id, at: before.finished_at ? new Date(before.finished_at).toISOString() : null, items: before.rows_imported } : undefined;
  if (importedBefore && o.strict) {
    throw new AppError('import_failed', `${o.file}: a file of this name was imported before (import ${importedBefore.importId}, ${importedBefore.items} items${importedBefore.at ? `, ${importedBefore.at}` : ''}); nothing was imported (--strict)`);
  }
  const kinds = projectItemKinds(project.ontology as Ontology);
  const importId = uuidv7();
  const errors: RowError[] = [];
  let skipped = 0;
  const leftOut: { count: number; files: { file: string; reason: string }[] } = { count: 0, files: [] };
  const clamped = { boxes: 0, maxPx: 0 };
  try {
    const { imported, predictions, annotated, addedClasses, ontologyChanged } = await withTransaction(deps.pool, async (client) => {
      const tx = kyselyOn(client);
      await importsRepo.startImport(tx, { id: importId, projectId: o.projectId, ...recorded, createdBy: actor.userId });
      const w = new BulkWriter(client);
      const authors = new Authors(tx, actor.userId);
      const modelVersion = o.modelVersion ?? `${o.format}-import`;
      try {
        const reject = (raw: RowError) => {
          const e = cleanError(raw);
          if (!o.skipInvalid) throw new AppError('import_failed', `${describe(e)} (nothing was imported; fix the row, or import skipping invalid rows)`, e);
          skipped++;
          if (errors.length < REPORTED_ERRORS) errors.push(e);
        };
        let seen = 0;
        let annotations: ImportedAnnotation[] = [];
        let annotated = 0;
        const storeAnnotations = async () => {
          await w.finish(); // their items must be written first
          await insertAnnotations(client, o.projectId, actor.userId, annotations);
          annotated += annotations.length;
          annotations = [];
        };
        for await (const r of rows) {
          if (++seen % 10_000 === 0) o.onProgress?.(seen);
          if (!r.ok && r.leftOut !== undefined && !o.strict) {
            const e = cleanError(r.error);
            tally.add({ ...e, kind: 'dropped', reason: storable(r.leftOut) });
            continue;
          }
          if (!r.ok) {
            reject(r.leftOut === undefined ? r.error : { ...r.error, message: `${r.error.message} (it would be left out, and a strict import refuses that)` });
            continue;
          }
          const drafted = toItemDraft(r.row, o.file);
          if (!drafted.ok) { reject(drafted.error); continue; }
          const { item } = drafted;
          const notAllowed = refusedItemObject(item, r.row.data, () => (o.media ?? mediaConfig()).objects?.buckets);
          if (notAllowed) { reject({ file: r.row.source ?? o.file, line: r.row.line, ...notAllowed }); continue; }
          // A folder holds what its owner had at hand (calibration, camera images, notes): only its
          // files of the project's kind become items, and the report says what was left and why.
          const misfit = r.row.source === undefined ? null : kindMismatch(kinds, item.kind);
          if (misfit !== null) {
            leftOut.count++;
            if (leftOut.files.length < REPORTED_ERRORS) leftOut.files.push({ file: shownPath(r.row.source!, o.file), reason: misfit });
            continue;
          }
          if (r.row.notes?.length) {
            if (o.strict) {
              const n = r.row.notes[0]!;
              reject({ file: n.file, line: n.line, field: n.field, message: `${n.message} (it would be ${n.kind === 'dropped' ? 'left out' : 'changed'}, and a strict import refuses that)` });
              continue;
            }
            for (const n of r.row.notes) tally.add({ ...n, message: storable(n.message), reason: storable(n.reason), field: storable(n.field) });
          }
          if (r.row.clamped) {
            clamped.boxes += r.row.clamped.boxes;
            clamped.maxPx = Math.max(clamped.maxPx, r.row.clamped.maxPx);
          }
          const itemId = uuidv7();
          w.addItem({
            id: itemId, projectId: o.projectId, kind: item.kind, asset: item.asset, content: item.text, frames: item.frames, metadata: item.metadata, importId,
            mediaRef: r.row.mediaRef ?? null, width: r.row.size?.width ?? null, height: r.row.size?.height ?? null,
          });
          w.addTask({ id: uuidv7(), projectId: o.projectId, itemId, priority: r.row.priority, ...taskStart(as, r.row, settings.stages, stage) });
          if (r.row.labels?.length || r.row.machine?.length) await addLabels(w, authors, { as, projectId: o.projectId, itemId, file: o.file, row: r.row, modelVersion }, counts);
          if (r.row.annotation !== undefined) annotations.push({ itemId, payload: r.row.annotation });
          if (annotations.length >= 1000) await storeAnnotations();
          for (const p of r.row.predictions) {
            w.addPrediction({
              id: uuidv7(), projectId: o.projectId, itemId, modelVersion: p.modelVersion, score: p.score,
              schemaVersion: PREDICTION_SCHEMA_VERSION, payload: { schemaVersion: PREDICTION_SCHEMA_VERSION, format: 'labelstudio', result: p.result },
            });
          }
          if (w.full) await w.sendBatch();
        }
        await storeAnnotations();
        o.onProgress?.(seen);
        const imported = w.counts.items;
        const wanted = o.wantedClasses?.() ?? [];
        const addedClasses = wanted.length > 0 ? await addMissingClasses(tx, o.projectId, o.file, project.ontology as Ontology, wanted) : [];
        await importsRepo.finishImport(tx, importId, { imported, skipped, errors });
        await events.appendEvent(tx, {
          actorId: actor.userId, actorKind: 'user', projectId: o.projectId, entity: 'import', entityId: importId, action: 'committed',
          data: { file: o.file, items: imported, predictions: w.counts.predictions, skipped, annotations: annotated + counts.labels + counts.drafts, as, addedClasses, leftOut: leftOut.count, clampedBoxes: clamped.boxes },
        });
        // Consensus: every new item gets its k copies in the same transaction.
        const overlap = settingsOf(project.settings).overlap;
        if (overlap > 1) await ensureCopies(tx, o.projectId, overlap);
        return { imported, predictions: w.counts.predictions, annotated, addedClasses, ontologyChanged: wanted.length > 0 };
      } catch (e) {
        await w.settle(); // the bulk writer's last batch ends before the rollback
        throw e;
      }
    });
    if (ontologyChanged) forgetProject(o.projectId);
    const problems = tally.summary;
    const notes = [
      ...(leftOut.count > 0 ? [`${leftOut.count} ${leftOut.count === 1 ? 'file' : 'files'} left out: ${leftOut.files.slice(0, 3).map((f) => `${f.file}: ${f.reason}`).join('; ')}${leftOut.count > 3 ? '; …' : ''}`] : []),
      ...(clamped.boxes > 0 ? [describeClamping(clamped)] : []),
      ...problems.map((p) => `${p.count} ${p.kind === 'dropped' ? 'left out' : 'changed'}: ${p.reason} (e.g. ${describe(p.examples[0]!)})`),
      ...(importedBefore ? [`a file of this name was imported before (import ${importedBefore.importId}, ${importedBefore.items} items): its items are now in the project twice`] : []),
    ];
    return {
      importId, imported, predictions, skipped, errors,
      ...(annotated > 0 ? { annotations: annotated } : {}), ...(addedClasses.length > 0 ? { addedClasses } : {}),
      ...(leftOut.count > 0 ? { leftOut } : {}), ...(clamped.boxes > 0 ? { clamped } : {}), ...(notes.length > 0 ? { notes } : {}),
      ...(counts.labels > 0 ? { labels: counts.labels } : {}), ...(counts.drafts > 0 ? { drafts: counts.drafts } : {}),
      ...(problems.length > 0 ? { problems } : {}), ...(importedBefore ? { importedBefore } : {}),
    };
  } catch (e) {
    const failure = e instanceof ImportFileError
      ? new AppError('import_failed', `${e.message} (nothing was imported)`, { file: e.file, line: e.line })
      : e instanceof FormatError
        ? new AppError('import_failed', `${e.message} (nothing was imported)`, { file: e.file, line: e.line, field: e.field })
        : e;
    if (failure instanceof AppError) await recordFailure(deps, actor, importId, o, storable(failure.message));
    throw failure;
  }
}

async function recordFailure(deps: ServiceDeps, actor: Actor, importId: string, o: ImportOptions, message: string): Promise<void> {
  await importsRepo.recordFailedImport(deps.db, { id: importId, projectId: o.projectId, file: o.file, format: o.format, createdBy: actor.userId }, message);
  await events.appendEvent(deps.db, { actorId: actor.userId, actorKind: 'user', projectId: o.projectId, entity: 'import', entityId: importId, action: 'failed', data: { file: o.file, message } });
}
