import type { Command } from 'commander';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { once } from 'node:events';
import { exporter, folderImporter, importer, imports, predictions, projectService, type Actor, type Runtime } from '@cadre/server';
import { Progress } from '../progress.ts';
import { exportLabels } from './lidar-transfer.ts';
import { conllLabelsOption, exportConllFile, importConllFile, isConllImport } from './text-transfer.ts';
import { withCadre } from '../session.ts';

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
  program.command('import').description('import tasks from a JSON, JSONL or CSV file (Label Studio task shape), a CoNLL/BIO token file, or a folder of files')
    .argument('<path>', 'file or folder')
    .requiredOption('--project <id-or-name>')
    .option('--format <format>', 'json, jsonl, csv or conll (default: from the file name; .conll/.bio/.iob, or a .tsv/.txt of token<TAB>tag lines, is conll)')
    .option('--conll-labels <mode>', 'conll: the tags become as-predictions (default: pre-labels to review), as-annotations (accepted) or ignore')
    .option('--skip-invalid', 'import the valid rows and report the invalid ones', false)
    .option('--yolo-labels <folder>', 'for a folder of images: attach the YOLO txt labels in this folder as predictions (needs --classes)')
    .option('--classes <config.yaml>', 'the YOLO dataset config whose names: lists the classes')
    .option('--coco <file.json>', 'for a folder of images: attach the boxes of this COCO JSON file as predictions')
    .option('--layout <layout>', 'LiDAR folder layout: sustech (lidar/, label/, calib/camera/, camera/), kitti (velodyne/, label_2/, calib/, image_2/) or plain (default: detected)')
    .option('--per-frame', 'sustech: one item per cloud instead of one sequence item of all clouds', false)
    .option('--boxes <folder>', 'for a folder of point clouds: attach the JSON boxes file named like each cloud ([{box: [x,y,z,dx,dy,dz,yaw], label, trackId?, score?, frame?}]) as predictions')
    .action(async (path: string, o: { project: string; format?: string; conllLabels?: string; skipInvalid: boolean; yoloLabels?: string; classes?: string; coco?: string; layout?: string; perFrame: boolean; boxes?: string }) => {
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) throw new Error(`no such file or folder: ${path}`);
      const source = predictionSource(o);
      if (source && !stat.isDirectory()) throw new Error('--yolo-labels and --coco import a folder of images, not a file');
      if ((o.layout || o.perFrame || o.boxes) && !stat.isDirectory()) throw new Error('--layout, --per-frame and --boxes import a folder, not a file');
      const conll = !stat.isDirectory() && isConllImport(path, o.format, o.conllLabels);
      const conllLabels = conllLabelsOption(o.conllLabels);
      if (o.layout && !['sustech', 'kitti', 'plain'].includes(o.layout)) throw new Error(`--layout must be sustech, kitti or plain, not ${o.layout}`);
      await withCadre(async (rt, actor) => {
        const id = await projectId(rt, actor, o.project);
        const progress = new Progress(`importing ${basename(path)}`, stat.isDirectory() ? 0 : stat.size);
        let bytes = 0;
        let rowsSeen = 0;
        const onProgress = (n: number) => { rowsSeen = n; progress.update(bytes, n); };
        if (conll) {
          const bytesIn = counted(createReadStream(path, { highWaterMark: 1 << 20 }), (n) => { bytes = n; progress.update(bytes, rowsSeen); });
          const report = await importConllFile(rt, actor, bytesIn, { projectId: id, file: path, labels: conllLabels, skipInvalid: o.skipInvalid, onProgress });
          return printReport(progress, report);
        }
        if (stat.isDirectory()) {
          const report = await folderImporter.importFolder(rt.deps, actor, {
            projectId: id, path, perFrame: o.perFrame, skipInvalid: o.skipInvalid, onProgress,
            onStart: (what) => console.error(`importing ${what}`),
            ...(o.layout ? { layout: o.layout as 'sustech' | 'kitti' | 'plain' } : {}), ...(o.boxes ? { boxes: o.boxes } : {}), ...(source ? { predictions: source } : {}),
          });
          return printReport(progress, report);
        }
        const format = (o.format ?? imports.detectFormat(path)) as imports.ImportFormat;
        if (!['json', 'jsonl', 'csv'].includes(format)) throw new Error(`--format must be json, jsonl, csv or conll, not ${format}`);
        const rows = imports.readTaskRows(counted(createReadStream(path, { highWaterMark: 1 << 20 }), (n) => { bytes = n; progress.update(bytes, rowsSeen); }), { format, file: path });
        const report = await importer.importRows(rt.deps, actor, rows, { projectId: id, file: path, format, skipInvalid: o.skipInvalid, onProgress });
        printReport(progress, report);
      });
    });

  program.command('export').description('export items with their latest accepted annotation as JSONL, or 3D labels of point-cloud items')
    .requiredOption('--project <id-or-name>')
    .option('--format <format>', 'jsonl (default); conll: text items as one CoNLL/BIO file in the imported layout; sustech: a folder <scene>/label/<frame>.json; kitti: a folder <scene>/label_2/<frame>.txt + calib/; boxes: one JSON of boxes', 'jsonl')
    .option('--out <path>', 'jsonl, boxes: write this file instead of standard output; sustech, kitti: the folder to write (needed)')
    .option('--calib <file>', 'kitti: the calib file for items that were not imported from a KITTI folder')
    .option('--which <which>', 'accepted (default) or latest', 'accepted')
    .option('--only-annotated', 'jsonl: leave out items without an annotation', false)
    .action(async (o: { project: string; format: string; out?: string; calib?: string; which: string; onlyAnnotated: boolean }) => {
      if (o.which !== 'accepted' && o.which !== 'latest') throw new Error('--which must be accepted or latest');
      await withCadre(async (rt, actor) => {
        const id = await projectId(rt, actor, o.project);
        if (o.format === 'conll') return exportConllFile(rt, actor, id, { ...(o.out ? { out: o.out } : {}), which: o.which as 'accepted' | 'latest' });
        if (o.format !== 'jsonl') return exportLabels(rt, actor, id, { ...o, which: o.which as 'accepted' | 'latest' });
        const out = o.out ? createWriteStream(o.out) : process.stdout;
        for await (const chunk of exporter.exportJsonl(rt.deps, actor, id, { which: o.which as 'accepted' | 'latest', onlyAnnotated: o.onlyAnnotated })) {
          if (!out.write(chunk)) await once(out, 'drain');
        }
        if (o.out) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((e?: Error) => (e ? reject(e) : resolve())));
      });
    });
}
