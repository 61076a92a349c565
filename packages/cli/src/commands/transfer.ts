import type { Command } from 'commander';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { once } from 'node:events';
import { exporter, folderImporter, importer, imports, predictions, projectService, type Actor, type Runtime } from '@cadre/server';
import { Progress } from '../progress.ts';
import { exportLabels } from './lidar-transfer.ts';
import { conllReadFlags, delimiterOption, exportConllFile, exportTableFile, importConllFile, importTableFile, isConllImport, textImportAs } from './text-transfer.ts';
import { withCadre } from '../session.ts';
import { asOption, exportLabelFormat, importLabelFiles, labelFormatOf, LABEL_FORMATS } from './label-transfer.ts';
import { bucketTarget, exportToBucket, isBucketPath } from './bucket-transfer.ts';

/** A folder's layouts `--layout` may name (the server detects one when it is left out). */
const FOLDER_LAYOUTS = ['sustech', 'kitti', 'nuscenes', 'plain'] as const;
type FolderLayout = (typeof FOLDER_LAYOUTS)[number];
const isFolderLayout = (l: string): l is FolderLayout => (FOLDER_LAYOUTS as readonly string[]).includes(l);

const projectId = async (rt: Runtime, actor: Actor, ref: string) => (await projectService.findProject(rt.deps, actor, ref)).id;

async function* counted(stream: NodeJS.ReadableStream, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  let n = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    n += chunk.length;
    onBytes(n);
    yield chunk;
  }
}

function predictionSource(o: { yoloLabels?: string; classes?: string; coco?: string }): predictions.PredictionSource | null {
  if (o.yoloLabels && o.coco) throw new Error('use --yolo-labels or --coco, not both');
  if (o.coco) return { kind: 'coco', file: o.coco };
  if (!o.yoloLabels) {
    if (o.classes) throw new Error('--classes goes with --yolo-labels');
    return null;
  }
  if (!o.classes) throw new Error('--yolo-labels needs --classes <config.yaml> to name the classes');
  return { kind: 'yolo', labelsDir: o.yoloLabels, classesFile: o.classes };
}

function printReport(progress: Progress, report: importer.ImportReport): void {
  progress.finish(report.imported + report.skipped);
  console.log(`imported ${report.imported} items (${report.predictions} predictions)${report.skipped ? `, skipped ${report.skipped} invalid rows:` : ''}`);
  for (const e of report.errors) console.log(`  ${e.file}${e.line ? ` line ${e.line}` : ''}: ${e.field}: ${e.message}`);
  if (report.skipped > report.errors.length) console.log(`  ... and ${report.skipped - report.errors.length} more`);
  if (report.clamped) console.log(`${report.clamped.boxes} boxes clamped into the image by at most ${Number(report.clamped.maxPx.toPrecision(2))} px`);
  if (report.leftOut) {
    console.log(`left out ${report.leftOut.count} files that do not fit the project:`);
    for (const f of report.leftOut.files) console.log(`  ${f.file}: ${f.reason}`);
  }
}

export function transferCommands(program: Command): void {
  program.command('import').description('import tasks with their labels: COCO, YOLO, Pascal VOC, CVAT XML, Label Studio, Datumaro or MOT files and dataset folders; JSON, JSONL or CSV task files; CoNLL/BIO token files; KITTI and SUSTechPOINTS folders; or a folder of files')
    .argument('<path>', 'file or folder, or s3://bucket/prefix/ (the objects under it, one item each; CADRE_S3_BUCKETS)')
    .requiredOption('--project <id-or-name>')
    .option('--format <format>', `${LABEL_FORMATS.join(', ')}, kitti, json, jsonl, csv or conll (default: detected from the files' names and first bytes)`)
    .option('--as <what>', 'what the file\'s labels become: labels (accepted annotations), drafts (annotations waiting for review) or prelabels (machine pre-labels to check; the default)')
    .option('--strict', 'fail on anything the import would change or leave out (an unknown label, a shape the ontology lacks, a missing image, a file imported before)', false)
    .option('--media <folder>', 'label files: where the images they name are (default: beside the file, then CADRE_MEDIA_ROOTS)')
    .option('--conll-labels <mode>', 'conll: the older spelling of --as: as-predictions (prelabels), as-annotations (labels) or ignore')
    .option('--tag-column <n>', 'conll: the column of the tags (0-based, the token is column 0; default the last)')
    .option('--separator <sep>', 'conll: tab, space or auto (default: from the first line); export: for texts not imported from CoNLL')
    .option('--tag-scheme <scheme>', 'conll: auto (default), iob2, iob1, bioes or bilou; export: rewrite every sentence in this scheme')
    .option('--label-column <name>', 'csv/tsv of texts: this column is each text\'s class (a label, not metadata)')
    .option('--text-column <name>', 'csv/tsv of texts with --label-column: the column of the text (default text)')
    .option('--delimiter <d>', 'csv/tsv: tab or comma (default: from the file name)')
    .option('--multi-label <sep>', 'csv/tsv with --label-column: several classes in one cell, split by this')
    .option('--skip-invalid', 'import the valid rows and report the invalid ones', false)
    .option('--yolo-labels <folder>', 'for a folder of images: attach the YOLO txt labels in this folder as predictions (needs --classes)')
    .option('--classes <config.yaml>', 'the YOLO dataset config whose names: lists the classes')
    .option('--coco <file.json>', 'for a folder of images: attach the boxes of this COCO JSON file as predictions')
    .option('--layout <layout>', 'LiDAR folder layout: sustech (lidar/, label/, calib/camera/, camera/), kitti (velodyne/, label_2/, calib/, image_2/), nuscenes (an mmdetection3d info .json beside its clouds) or plain (default: detected)')
    .option('--per-frame', 'sustech: one item per cloud instead of one sequence item of all clouds', false)
    .option('--boxes <folder>', 'for a folder of point clouds: attach the JSON boxes file named like each cloud ([{box: [x,y,z,dx,dy,dz,yaw], label, trackId?, score?, frame?}]) as predictions')
    .action(async (path: string, o: {
      project: string; format?: string; as?: string; strict: boolean; media?: string; conllLabels?: string; skipInvalid: boolean; yoloLabels?: string; classes?: string; coco?: string;
      layout?: string; perFrame: boolean; boxes?: string; tagColumn?: string; separator?: string; tagScheme?: string; labelColumn?: string; textColumn?: string; delimiter?: string; multiLabel?: string;
    }) => {
      if (isBucketPath(path)) return importBucket(path, o);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) throw new Error(`no such file or folder: ${path}`);
      const as = asOption(o.as);
      if (o.format === 'kitti') {
        if (!stat.isDirectory()) throw new Error('--format kitti imports a KITTI object folder (velodyne/, label_2/, calib/, image_2/)');
        o.layout ??= 'kitti';
      }
      const textFlags = o.conllLabels || o.tagColumn || o.separator || o.tagScheme || o.labelColumn;
      const labelled = o.format === 'kitti' || o.format === 'conll' || textFlags || o.yoloLabels || o.coco || o.layout || o.boxes || o.perFrame ? null : await labelFormatOf(path, o.format);
      if (labelled) {
        return withCadre(async (rt, actor) => {
          const id = await projectId(rt, actor, o.project);
          const progress = new Progress(`importing ${basename(path)} (${labelled.format})`, 0);
          const report = await importLabelFiles(rt, actor, path, labelled, { projectId: id, as, strict: o.strict, skipInvalid: o.skipInvalid, ...(o.media ? { media: o.media } : {}), onProgress: (n) => progress.update(0, n) });
          printReport(progress, report);
        });
      }
      const source = predictionSource(o);
      if (source && !stat.isDirectory()) throw new Error('--yolo-labels and --coco import a folder of images, not a file');
      if ((o.layout || o.perFrame || o.boxes) && !stat.isDirectory()) throw new Error('--layout, --per-frame and --boxes import a folder, not a file');
      const conll = !stat.isDirectory() && !o.labelColumn && isConllImport(path, o.format, o.conllLabels);
      const textAs = conll || o.labelColumn ? textImportAs(o.as, o.conllLabels) : null;
      if (o.layout && !isFolderLayout(o.layout)) throw new Error(`--layout must be ${FOLDER_LAYOUTS.slice(0, -1).join(', ')} or plain, not ${o.layout}`);
      await withCadre(async (rt, actor) => {
        const id = await projectId(rt, actor, o.project);
        const progress = new Progress(`importing ${basename(path)}`, stat.isDirectory() ? 0 : stat.size);
        let bytes = 0;
        let rowsSeen = 0;
        const onProgress = (n: number) => { rowsSeen = n; progress.update(bytes, n); };
        if (conll) {
          const bytesIn = counted(createReadStream(path, { highWaterMark: 1 << 20 }), (n) => { bytes = n; progress.update(bytes, rowsSeen); });
          const report = await importConllFile(rt, actor, bytesIn, { projectId: id, file: path, as: textAs, skipInvalid: o.skipInvalid, onProgress, ...conllReadFlags(o) });
          return printReport(progress, report);
        }
        if (o.labelColumn) {
          if (stat.isDirectory()) throw new Error('--label-column imports a CSV or TSV file, not a folder');
          const delimiter = delimiterOption(o.delimiter);
          const bytesIn = counted(createReadStream(path, { highWaterMark: 1 << 20 }), (n) => { bytes = n; progress.update(bytes, rowsSeen); });
          const report = await importTableFile(rt, actor, bytesIn, {
            projectId: id, file: path, labelColumn: o.labelColumn, as: o.as === undefined && o.conllLabels === undefined ? 'prelabels' : textAs, skipInvalid: o.skipInvalid, onProgress,
            ...(o.textColumn ? { textColumn: o.textColumn } : {}), ...(delimiter ? { delimiter } : {}), ...(o.multiLabel ? { multiLabel: o.multiLabel } : {}),
          });
          return printReport(progress, report);
        }
        if (stat.isDirectory()) {
          const report = await folderImporter.importFolder(rt.deps, actor, {
            projectId: id, path, perFrame: o.perFrame, skipInvalid: o.skipInvalid, strict: o.strict, ...(o.as !== undefined ? { as } : {}), onProgress,
            onStart: (what) => console.error(`importing ${what}`),
            ...(o.layout ? { layout: o.layout as FolderLayout } : {}), ...(o.boxes ? { boxes: o.boxes } : {}), ...(source ? { predictions: source } : {}),
          });
          return printReport(progress, report);
        }
        const format = (o.format ?? imports.detectFormat(path)) as imports.ImportFormat;
        if (!['json', 'jsonl', 'csv'].includes(format)) throw new Error(`--format must be json, jsonl, csv or conll, not ${format}`);
        const rows = imports.readTaskRows(counted(createReadStream(path, { highWaterMark: 1 << 20 }), (n) => { bytes = n; progress.update(bytes, rowsSeen); }), { format, file: path });
        const report = await importer.importRows(rt.deps, actor, rows, { projectId: id, file: path, format, skipInvalid: o.skipInvalid, strict: o.strict, as, onProgress });
        printReport(progress, report);
      });
    });

  program.command('export').description('export items with their latest accepted annotation: in COCO, YOLO, Pascal VOC, CVAT XML, Label Studio, Datumaro or MOT; CoNLL or CSV/TSV for texts; KITTI or SUSTechPOINTS for 3D; or Cadre\'s own JSON Lines')
    .requiredOption('--project <id-or-name>')
    .option('--format <format>', `cadre (default: Cadre's JSON Lines with ids, versions and provenance); jsonl: Label Studio tasks, one a line; ${LABEL_FORMATS.join(', ')}: those tools' formats (a folder format writes into the folder --out, or a zip when --out ends in .zip); conll: text items as one CoNLL/BIO file in the imported layout; csv, tsv: texts and their class; sustech: a folder <scene>/label/<frame>.json; kitti: a folder <scene>/label_2/<frame>.txt + calib/; boxes: one JSON of boxes; nuscenes: one mmdetection3d info JSON`, 'cadre')
    .option('--tag-scheme <scheme>', 'conll: rewrite every sentence in iob2, iob1, bioes or bilou')
    .option('--separator <sep>', 'conll: tab or space for texts not imported from CoNLL')
    .option('--text-column <name>', 'csv, tsv: the text column\'s name (default: as imported, else text)')
    .option('--label-column <name>', 'csv, tsv: the label column\'s name (default: as imported, else label)')
    .option('--out <path>', 'a file (or standard output when left out) for one-file formats; the folder to write for folder formats (or a .zip); or s3://bucket/key to upload it (a key ending in / is a prefix; CADRE_S3_BUCKETS)')
    .option('--with-media', 'label formats: copy the images into the export (images/…) and name them so', false)
    .option('--calib <file>', 'kitti: the calib file for items that were not imported from a KITTI folder')
    .option('--which <which>', 'accepted (default) or latest', 'accepted')
    .option('--only-annotated', 'cadre, jsonl, labelstudio: leave out items without an annotation', false)
    .action(async (o: ExportFlags) => {
      if (o.which !== 'accepted' && o.which !== 'latest') throw new Error('--which must be accepted or latest');
      const bucket = isBucketPath(o.out) ? await bucketTarget(o.out) : null; // before the database is opened
      await withCadre(async (rt, actor) => {
        const id = await projectId(rt, actor, o.project);
        if (bucket) return exportToBucket(bucket, o.format, (out) => writeExport(rt, actor, id, { ...o, out }));
        return writeExport(rt, actor, id, o);
      });
    });
}

interface ExportFlags { project: string; format: string; out?: string; calib?: string; which: string; onlyAnnotated: boolean; withMedia: boolean; tagScheme?: string; separator?: string; textColumn?: string; labelColumn?: string }

/** Writes the export to the local `--out` (or standard output). */
async function writeExport(rt: Runtime, actor: Actor, id: string, o: ExportFlags): Promise<void> {
  const which = o.which as 'accepted' | 'latest';
  const out = o.out ? { out: o.out } : {};
  if (LABEL_FORMATS.includes(o.format) || o.format === 'jsonl') return exportLabelFormat(rt, actor, id, { format: o.format, which, withMedia: o.withMedia, onlyAnnotated: o.onlyAnnotated, ...out });
  if (o.format === 'conll') {
    const { scheme, separator } = conllReadFlags({ ...(o.tagScheme ? { tagScheme: o.tagScheme } : {}), ...(o.separator ? { separator: o.separator } : {}) });
    if (scheme === 'auto' || separator === 'auto') throw new Error('export: --tag-scheme and --separator name one (iob2, iob1, bioes, bilou; tab, space)');
    return exportConllFile(rt, actor, id, { ...out, which, ...(scheme ? { scheme } : {}), ...(separator ? { separator } : {}) });
  }
  if (o.format === 'csv' || o.format === 'tsv') {
    return exportTableFile(rt, actor, id, { ...out, which, delimiter: o.format === 'tsv' ? '\t' : ',', ...(o.textColumn ? { textColumn: o.textColumn } : {}), ...(o.labelColumn ? { labelColumn: o.labelColumn } : {}) });
  }
  if (o.format !== 'cadre') return exportLabels(rt, actor, id, { ...o, which: o.which as 'accepted' | 'latest' });
  const file = o.out ? createWriteStream(o.out) : process.stdout;
  for await (const chunk of exporter.exportJsonl(rt.deps, actor, id, { which: o.which as 'accepted' | 'latest', onlyAnnotated: o.onlyAnnotated })) {
    if (!file.write(chunk)) await once(file, 'drain');
  }
  if (o.out) await new Promise<void>((resolve, reject) => (file as ReturnType<typeof createWriteStream>).end((e?: Error) => (e ? reject(e) : resolve())));
}

/** `cadre import s3://bucket/prefix/`: the objects under the prefix, one item each (CADRE_S3_BUCKETS). */
async function importBucket(path: string, o: { project: string; format?: string; skipInvalid: boolean; perFrame: boolean; layout?: string; boxes?: string; yoloLabels?: string; classes?: string; coco?: string }): Promise<void> {
  if (o.format) throw new Error(`${path}: an s3:// prefix is imported as a folder of media files, one item each; --format does not apply`);
  const source = predictionSource(o);
  await withCadre(async (rt, actor) => {
    const id = await projectId(rt, actor, o.project);
    const progress = new Progress(`importing ${path}`, 0);
    const report = await folderImporter.importFolder(rt.deps, actor, {
      projectId: id, path, perFrame: o.perFrame, skipInvalid: o.skipInvalid, onProgress: (n) => progress.update(0, n),
      onStart: (what) => console.error(`importing ${what}`),
      ...(o.layout ? { layout: o.layout as FolderLayout } : {}), ...(o.boxes ? { boxes: o.boxes } : {}), ...(source ? { predictions: source } : {}),
    });
    printReport(progress, report);
  });
}
