// The label-format side of `cadre import` and `cadre export`: COCO, YOLO, Pascal VOC, CVAT XML,
// Label Studio, Datumaro and MOT files and dataset folders, both directions.
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, extname, join, resolve } from 'node:path';
import { FORMATS, type OutFile, type Source } from '@cadre/formats';
import { diskSource } from '@cadre/formats/node';
import { formatExporter, interop, labelImporter, media as mediaModule, type Actor, type importer, type Runtime } from '@cadre/server';

const mediaConfig = () => mediaModule.mediaConfig();

export const LABEL_FORMATS: readonly string[] = FORMATS.map((f) => f.name);
export const AS_CHOICES = ['labels', 'drafts', 'prelabels'] as const;
export type AsChoice = (typeof AS_CHOICES)[number];

export function asOption(value: string | undefined): AsChoice {
  const v = value ?? 'prelabels';
  if (!(AS_CHOICES as readonly string[]).includes(v)) throw new Error(`--as must be ${AS_CHOICES.join(', ')}, not ${v}`);
  return v as AsChoice;
}

/** The label format of a file or folder: the one named, or the one its files look like (null: not a label format). */
export async function labelFormatOf(path: string, given: string | undefined): Promise<{ format: string; source: Source } | null> {
  if (given !== undefined && !LABEL_FORMATS.includes(given)) return null;
  const source = await diskSource(path);
  const format = given ?? (await interop.labelFormatOf(source));
  return format ? { format, source } : null;
}

export interface LabelImportFlags { projectId: string; as: AsChoice; strict: boolean; skipInvalid: boolean; media?: string; onProgress: (n: number) => void }

export async function importLabelFiles(rt: Runtime, actor: Actor, path: string, found: { format: string; source: Source }, f: LabelImportFlags): Promise<importer.ImportReport> {
  const isDir = (await stat(path)).isDirectory();
  const root = resolve(isDir ? path : dirname(path));
  const given = f.media ? [resolve(f.media)] : [];
  const media = mediaConfig();
  const report = await labelImporter.importLabelled(rt.deps, actor, { ...found.source, name: path }, {
    projectId: f.projectId, format: found.format, as: f.as, strict: f.strict, skipInvalid: f.skipInvalid, onProgress: f.onProgress,
    // The import is this file (two label files of one folder are two imports); its images are served
    // from where they were found: below the file's folder or the folder named by --media.
    root: resolve(path), mediaRoots: [root, ...given],
    places: { root, sourceOnDisk: true, dirs: [...given, ...media.roots], mediaDir: media.mediaDir },
  });
  const what = f.as === 'labels' ? `${report.labels ?? 0} accepted label sets` : f.as === 'drafts' ? `${report.drafts ?? 0} drafts to review` : `${report.predictions} pre-label sets`;
  console.error(`${found.format}: ${what}${report.addedClasses ? `; classes added to the ontology: ${report.addedClasses.join(', ')}` : ''}`);
  for (const p of report.problems ?? []) {
    console.error(`  ${p.count} ${p.kind === 'dropped' ? 'left out' : 'changed'}: ${p.reason}`);
    for (const e of p.examples.slice(0, 3)) console.error(`    ${e.file}${e.line ? `:${e.line}` : ''}: ${e.field}: ${e.message}`);
  }
  return report;
}

/**
 * Writes a label-format export: one file to `out` (or standard output), a folder of files into the
 * folder `out`, or a zip when `out` ends in .zip.
 */
export async function exportLabelFormat(rt: Runtime, actor: Actor, projectId: string, f: { format: string; which: 'accepted' | 'latest'; out?: string; withMedia: boolean; onlyAnnotated?: boolean }): Promise<void> {
  const out = await formatExporter.exportFormatted(rt.deps, actor, projectId, { format: f.format, which: f.which, withMedia: f.withMedia, onlyAnnotated: f.onlyAnnotated ?? false, media: mediaConfig() });
  let count = 0;
  if (f.out && /\.zip$/i.test(f.out)) {
    await writeStream(f.out, interop.zipFiles(out.files));
  } else {
    const first = await out.files.next();
    const second = first.done ? first : await out.files.next();
    const single = !first.done && second.done;
    // One file goes to --out itself when --out names a file of its kind (coco.json, annotations.xml,
    // tasks.jsonl) or standard output; otherwise --out is the dataset's folder (a Datumaro dataset
    // with one subset is annotations/default.json inside its folder, not a bare file named like it).
    const fileOut = single && (!f.out || (extname(f.out).toLowerCase() === extname(first.value.path).toLowerCase()
      && !(await stat(f.out).then((s) => s.isDirectory(), () => false))));
    if (fileOut) {
      await writeStream(f.out ?? null, first.value.content);
      count = 1;
    } else {
      if (!f.out) throw new Error(`${f.format} writes a folder of files: give --out <folder> (or --out <file>.zip)`);
      const all = async function* (): AsyncGenerator<OutFile> { if (!first.done) yield first.value; if (!second.done) yield second.value; yield* out.files; };
      for await (const file of all()) {
        const target = join(f.out, ...file.path.split('/'));
        await mkdir(dirname(target), { recursive: true });
        await writeStream(target, file.content);
        count++;
      }
    }
  }
  const notes = out.notes();
  const what = f.out && /\.zip$/i.test(f.out) ? 'a zip' : count === 1 ? 'one file' : `${count} files`;
  console.error(`${f.format}: wrote ${f.out ? `${what} to ${f.out}` : 'to standard output'}`);
  for (const n of notes) console.error(`  ${n.count} ${n.kind === 'dropped' ? 'left out' : 'changed'}: ${n.reason}${n.examples[0] ? ` (e.g. item ${n.examples[0].file}: ${n.examples[0].message})` : ''}`);
}

async function writeStream(path: string | null, content: AsyncIterable<string | Uint8Array>): Promise<void> {
  const out = path ? createWriteStream(path) : process.stdout;
  for await (const piece of content) if (!out.write(piece)) await once(out, 'drain');
  if (path) await new Promise<void>((res, rej) => (out as ReturnType<typeof createWriteStream>).end((e?: Error) => (e ? rej(e) : res())));
}
