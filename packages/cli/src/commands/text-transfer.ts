// The text side of `cadre import` and `cadre export`: CoNLL/BIO token files for NER.
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

export interface ConllImportFlags { projectId: string; file: string; labels: text.ConllLabels; skipInvalid: boolean; onProgress: (n: number) => void }

export async function importConllFile(rt: Runtime, actor: Actor, source: AsyncIterable<Buffer>, f: ConllImportFlags): Promise<importer.ImportReport> {
  const report = await textImporter.importConll(rt.deps, actor, source, { projectId: f.projectId, file: f.file, labels: f.labels, skipInvalid: f.skipInvalid, onProgress: f.onProgress });
  const what = f.labels === 'as-predictions' ? 'tags as predictions to review' : f.labels === 'as-annotations' ? `tags as ${report.annotations ?? 0} accepted annotations` : 'tags ignored';
  console.error(`CoNLL: one text item a sentence, ${what}${report.addedClasses ? `; added text_span classes to the ontology: ${report.addedClasses.join(', ')}` : ''}`);
  return report;
}

/** Writes the project's text items as one CoNLL file and says on stderr what it had to bend. */
export async function exportConllFile(rt: Runtime, actor: Actor, projectId: string, f: { out?: string; which: 'accepted' | 'latest' }): Promise<void> {
  const out = f.out ? createWriteStream(f.out) : process.stdout;
  const pieces = textExporter.exportConll(rt.deps, actor, projectId, { which: f.which });
  let step = await pieces.next();
  while (!step.done) {
    if (!out.write(step.value)) await once(out, 'drain');
    step = await pieces.next();
  }
  if (f.out) await new Promise<void>((res, rej) => (out as ReturnType<typeof createWriteStream>).end((e?: Error) => (e ? rej(e) : res())));
  console.error(`${textExporter.describeConllStats(step.value)}${f.out ? ` to ${f.out}` : ''}`);
}
