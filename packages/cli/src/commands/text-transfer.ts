// The text side of `cadre import` and `cadre export`: CoNLL/BIO/BIOES token files for NER, and
// CSV/TSV files whose label column holds each text's class.
import { once } from 'node:events';
import { closeSync, createWriteStream, openSync, readSync } from 'node:fs';
import { text, textExporter, textImporter, type Actor, type importer, type Runtime } from '@cadre/server';

/** True when `path` should be read as CoNLL: --format conll, or detected from its name and first line. */
export function isConllImport(path: string, format: string | undefined, conllLabels: string | undefined): boolean {
  if (format !== undefined) {
    if (conllLabels !== undefined && format !== 'conll') throw new Error('--conll-labels goes with CoNLL files (--format conll)');
    return format === 'conll';
  }
  const head = Buffer.alloc(4096);
  const fd = openSync(path, 'r');
  const n = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const conll = text.looksLikeConll(path, head.subarray(0, n));
  if (conllLabels !== undefined && !conll) throw new Error(`--conll-labels goes with CoNLL files; ${path} does not look like one (give --format conll)`);
  return conll;
}

export function conllLabelsOption(value: string | undefined): text.ConllLabels {
  const v = value ?? 'as-predictions';
  if (!(text.CONLL_LABELS as readonly string[]).includes(v)) throw new Error(`--conll-labels must be ${text.CONLL_LABELS.join(', ')}, not ${v}`);
  return v as text.ConllLabels;
}

/** The import's `as` for a text file: `--as` when given, else `--conll-labels` (as-annotations = labels, as-predictions = prelabels, ignore = none). */
export function textImportAs(as: string | undefined, conllLabels: string | undefined): text.TextImportAs | null {
  if (as !== undefined) {
    if (!(text.TEXT_IMPORT_AS as readonly string[]).includes(as)) throw new Error(`--as must be ${text.TEXT_IMPORT_AS.join(', ')}, not ${as}`);
    if (conllLabels !== undefined) throw new Error('give --as or --conll-labels (its older spelling), not both');
    return as as text.TextImportAs;
  }
  return text.conllLabelsAs(conllLabelsOption(conllLabels));
}

/** CoNLL reading flags: --tag-column <n> (0-based, the token is 0; default the last), --separator tab|space|auto, --tag-scheme auto|iob2|iob1|bioes|bilou. */
export function conllReadFlags(o: { tagColumn?: string; separator?: string; tagScheme?: string }): Pick<ConllImportFlags, 'tagColumn' | 'separator' | 'scheme'> {
  const out: Pick<ConllImportFlags, 'tagColumn' | 'separator' | 'scheme'> = {};
  if (o.tagColumn !== undefined) {
    const n = Number(o.tagColumn);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--tag-column must be a column number from 1 (0-based: column 0 is the token), not ${o.tagColumn}`);
    out.tagColumn = n;
  }
  if (o.separator !== undefined) {
    if (!['tab', 'space', 'auto'].includes(o.separator)) throw new Error(`--separator must be tab, space or auto, not ${o.separator}`);
    out.separator = o.separator as 'tab' | 'space' | 'auto';
  }
  if (o.tagScheme !== undefined) {
    if (o.tagScheme !== 'auto' && !(text.TAG_SCHEMES as readonly string[]).includes(o.tagScheme)) throw new Error(`--tag-scheme must be auto, ${text.TAG_SCHEMES.join(', ')}, not ${o.tagScheme}`);
    out.scheme = o.tagScheme as text.TagScheme | 'auto';
  }
  return out;
}

export interface ConllImportFlags {
  projectId: string; file: string; skipInvalid: boolean; onProgress: (n: number) => void;
  /** The older spelling of `as`; `as` wins when given. */
  labels?: text.ConllLabels;
  as?: text.TextImportAs | null;
  separator?: 'tab' | 'space' | 'auto'; tagColumn?: number; scheme?: text.TagScheme | 'auto';
}

/** What the labels became, in words. */
function labelsSaid(as: text.TextImportAs | null, report: importer.ImportReport, what: string): string {
  if (as === null) return `${what} ignored`;
  if (as === 'labels') return `${what} as ${report.labels ?? 0} accepted annotations (tasks done)`;
  if (as === 'drafts') return `${what} as ${report.drafts ?? 0} drafts to review`;
  return `${what} as ${report.predictions} pre-labels to review`;
}

export async function importConllFile(rt: Runtime, actor: Actor, source: AsyncIterable<Buffer>, f: ConllImportFlags): Promise<importer.ImportReport> {
  const as = f.as !== undefined ? f.as : text.conllLabelsAs(f.labels);
  const report = await textImporter.importConll(rt.deps, actor, source, {
    projectId: f.projectId, file: f.file, as, skipInvalid: f.skipInvalid, onProgress: f.onProgress,
    ...(f.separator ? { separator: f.separator } : {}), ...(f.tagColumn !== undefined ? { tagColumn: f.tagColumn } : {}), ...(f.scheme ? { scheme: f.scheme } : {}),
  });
  console.error(`CoNLL: one text item a sentence, ${labelsSaid(as, report, 'tags')}${report.addedClasses ? `; added text_span classes to the ontology: ${report.addedClasses.join(', ')}` : ''}`);
  return report;
}

export interface TableImportFlags {
  projectId: string; file: string; skipInvalid: boolean; onProgress: (n: number) => void;
  /** --label-column <name>: the column of each text's class. */
  labelColumn: string;
  /** --text-column <name> (default text). */
  textColumn?: string;
  /** --delimiter tab|comma (default: from the file name, .tsv/.tab = tab). */
  delimiter?: ',' | '\t';
  /** --multi-label <sep>: several classes in one cell, e.g. '|' or ';'. */
  multiLabel?: string;
  as?: text.TextImportAs | null;
}

/** --delimiter tab|comma (also '\t' or ','). */
export function delimiterOption(value: string | undefined): ',' | '\t' | undefined {
  if (value === undefined) return undefined;
  if (value === 'tab' || value === '\t' || value === '\\t') return '\t';
  if (value === 'comma' || value === ',') return ',';
  throw new Error(`--delimiter must be tab or comma, not ${value}`);
}

export async function importTableFile(rt: Runtime, actor: Actor, source: AsyncIterable<Buffer>, f: TableImportFlags): Promise<importer.ImportReport> {
  const as = f.as === undefined ? 'prelabels' : f.as;
  const report = await textImporter.importLabeledTable(rt.deps, actor, source, {
    projectId: f.projectId, file: f.file, labelColumn: f.labelColumn, as, skipInvalid: f.skipInvalid, onProgress: f.onProgress,
    ...(f.textColumn ? { textColumn: f.textColumn } : {}), ...(f.delimiter ? { delimiter: f.delimiter } : {}), ...(f.multiLabel ? { multiLabel: f.multiLabel } : {}),
  });
  console.error(`${f.file}: one text item a row, column ${JSON.stringify(f.labelColumn)} ${labelsSaid(as, report, 'classes')}${report.addedClasses ? `; added text_class classes to the ontology: ${report.addedClasses.join(', ')}` : ''}`);
  return report;
}

async function writeAll<T>(pieces: AsyncGenerator<string, T>, outPath: string | undefined): Promise<T> {
  const out = outPath ? createWriteStream(outPath) : process.stdout;
  let step = await pieces.next();
  while (!step.done) {
    if (!out.write(step.value)) await once(out, 'drain');
    step = await pieces.next();
  }
  if (outPath) await new Promise<void>((res, rej) => (out as ReturnType<typeof createWriteStream>).end((e?: Error) => (e ? rej(e) : res())));
  return step.value;
}

/**
 * Writes the project's text items as one CoNLL file and says on stderr what it had to bend.
 * `scheme` (--tag-scheme): rewrite every sentence's tags in it; `separator` (--separator): for texts not imported from CoNLL.
 */
export async function exportConllFile(rt: Runtime, actor: Actor, projectId: string, f: { out?: string; which: 'accepted' | 'latest'; scheme?: text.TagScheme; separator?: 'tab' | 'space' }): Promise<void> {
  const stats = await writeAll(textExporter.exportConll(rt.deps, actor, projectId, { which: f.which, ...(f.scheme ? { scheme: f.scheme } : {}), ...(f.separator ? { separator: f.separator } : {}) }), f.out);
  console.error(`${textExporter.describeConllStats(stats)}${f.out ? ` to ${f.out}` : ''}`);
}

/** Writes the project's text items as CSV/TSV `text,label` (column names as imported unless given). */
export async function exportTableFile(rt: Runtime, actor: Actor, projectId: string, f: { out?: string; which: 'accepted' | 'latest'; delimiter?: ',' | '\t'; textColumn?: string; labelColumn?: string; multiLabel?: string }): Promise<void> {
  const delimiter = f.delimiter ?? (f.out && /\.(tsv|tab)$/i.test(f.out) ? '\t' : undefined);
  const stats = await writeAll(textExporter.exportTextTable(rt.deps, actor, projectId, {
    which: f.which, ...(delimiter ? { delimiter } : {}), ...(f.textColumn ? { textColumn: f.textColumn } : {}),
    ...(f.labelColumn ? { labelColumn: f.labelColumn } : {}), ...(f.multiLabel ? { multiLabel: f.multiLabel } : {}),
  }), f.out);
  console.error(`${textExporter.describeTableStats(stats)}${f.out ? ` to ${f.out}` : ''}`);
}
