import type { ChunkSource } from '../import/chunks.ts';
import type { RowResult } from '../import/types.ts';
import { readConllRows, CONLL_MODEL_VERSION } from '../text/conll-read.ts';
import type { ConllLabels, TagScheme } from '../text/conll-format.ts';
import { conllLabelsAs, type TextImportAs } from '../text/labels.ts';
import { readLabeledTable } from '../text/table-read.ts';
import { settingsOf } from '@cadre/core';
import { projects } from '@cadre/db';
import { requireProjectRole } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { importRows, type ImportReport } from './import.service.ts';

interface TextImportCommon {
  projectId: string;
  /** The file's name as the person knows it, for error messages. */
  file: string;
  /**
   * What the file's labels become: `labels` (accepted annotations), `drafts` (submitted, waiting for
   * review), `prelabels` (predictions to review; the default), or null (left out).
   */
  as?: TextImportAs | null;
  skipInvalid: boolean;
  onProgress?: (rows: number) => void;
}

export interface ConllImportOptions extends TextImportCommon {
  /** The older spelling of `as` (as-annotations = labels, as-predictions = prelabels, ignore = null); `as` wins when both are given. */
  labels?: ConllLabels;
  /** What separates the columns (default: detected from the first line). */
  separator?: 'tab' | 'space' | 'auto';
  /** 0-based column of the tag (default: the last). */
  tagColumn?: number;
  /** The tag scheme (default auto: shown by the tags). */
  scheme?: TagScheme | 'auto';
}

export interface TableImportOptions extends TextImportCommon {
  /** The column that holds each row's class (text_class): the label, not item metadata. */
  labelColumn: string;
  /** The text column (default `text`). */
  textColumn?: string;
  /** ',' or '\t' (default: '\t' for a .tsv/.tab file name, else ','). */
  delimiter?: ',' | '\t';
  /** Separator of several labels in one cell (e.g. '|' or ';'); absent: one label a cell. */
  multiLabel?: string;
}

/** The import's `as` from the options: `as` when given, else `--conll-labels`, else prelabels. */
export function importAsOf(o: { as?: TextImportAs | null; labels?: ConllLabels }): TextImportAs | null {
  return o.as !== undefined ? o.as : conllLabelsAs(o.labels);
}

/** Pre-labels without an object (a sentence without entities) would be empty predictions: left out. */
async function* withoutEmptyPrelabels(rows: AsyncIterable<RowResult>, as: TextImportAs): AsyncGenerator<RowResult> {
  for await (const r of rows) {
    if (as === 'prelabels' && r.ok && r.row.labels) r.row.labels = r.row.labels.filter((set) => set.payload.objects.length > 0);
    yield r;
  }
}

/**
 * Imports a CoNLL/BIO/BIOES file, one text item and task a sentence, in one transaction like every
 * import. The tags' entity types missing from the ontology are added as text_span classes (unless
 * the labels are left out), and the report names them.
 */
export async function importConll(deps: ServiceDeps, actor: Actor, input: ChunkSource, o: ConllImportOptions): Promise<ImportReport> {
  const as = importAsOf(o);
  const types = new Set<string>();
  const rows = readConllRows(input, {
    file: o.file, ignoreTags: as === null, types,
    ...(o.separator ? { separator: o.separator } : {}), ...(o.tagColumn !== undefined ? { tagColumn: o.tagColumn } : {}), ...(o.scheme ? { scheme: o.scheme } : {}),
  });
  return importRows(deps, actor, withoutEmptyPrelabels(rows, as ?? 'prelabels'), {
    projectId: o.projectId, file: o.file, format: 'conll', skipInvalid: o.skipInvalid, modelVersion: CONLL_MODEL_VERSION,
    ...(as ? { as } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    wantedClasses: () => (as === null ? [] : [...types].map((name) => ({ name, kind: 'text_span' as const }))),
  });
}

export const TABLE_MODEL_VERSION = 'table-import';

/**
 * Imports a CSV or TSV file whose label column holds each text's class: one text item a row, the
 * label as a text_class object (several with `multiLabel`), the other columns item metadata as in
 * any CSV import. Classes missing from the ontology are added as text_class classes. In a project
 * that takes one class per item (multiLabel setting off), a cell with several is an invalid row.
 */
export async function importLabeledTable(deps: ServiceDeps, actor: Actor, input: ChunkSource, o: TableImportOptions): Promise<ImportReport> {
  const as = o.as === undefined ? 'prelabels' : o.as;
  const classes = new Set<string>();
  await requireProjectRole(deps, actor, o.projectId, ['manager']);
  const project = await projects.findProject(deps.db, o.projectId);
  const single = project !== undefined && project !== null && !settingsOf(project.settings).multiLabel;
  const rows = readLabeledTable(input, {
    file: o.file, labelColumn: o.labelColumn, ignoreLabels: as === null, classes, ...(single ? { maxLabels: 1 } : {}),
    ...(o.textColumn ? { textColumn: o.textColumn } : {}), ...(o.delimiter ? { delimiter: o.delimiter } : {}), ...(o.multiLabel ? { multiLabel: o.multiLabel } : {}),
  });
  return importRows(deps, actor, withoutEmptyPrelabels(rows, as ?? 'prelabels'), {
    projectId: o.projectId, file: o.file, format: o.delimiter === '\t' || /\.(tsv|tab)$/i.test(o.file) ? 'tsv' : 'csv', skipInvalid: o.skipInvalid, modelVersion: TABLE_MODEL_VERSION,
    ...(as ? { as } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    wantedClasses: () => [...classes].map((name) => ({ name, kind: 'text_class' as const })),
  });
}
