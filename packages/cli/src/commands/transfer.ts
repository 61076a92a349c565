import type { Command } from 'commander';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { once } from 'node:events';
import { exporter, importer, imports, type Runtime } from '@cadre/server';
import { projects } from '@cadre/db';
import { isUuid } from '@cadre/core';
import { Progress } from '../progress.ts';
import { withCadre } from '../session.ts';

async function projectId(rt: Runtime, ref: string): Promise<string> {
  const p = isUuid(ref) ? await projects.findProject(rt.deps.db, ref) : await projects.findProjectByName(rt.deps.db, ref);
  if (!p) throw new Error(`no project ${ref}`);
  return p.id;
}

async function* counted(stream: NodeJS.ReadableStream, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  let n = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    n += chunk.length;
    onBytes(n);
    yield chunk;
  }
}

export function transferCommands(program: Command): void {
  program.command('import').description('import tasks from a JSON, JSONL or CSV file (Label Studio task shape) or a folder of files')
    .argument('<path>', 'file or folder')
    .requiredOption('--project <id-or-name>')
    .option('--format <format>', 'json, jsonl or csv (default: from the file name)')
    .option('--skip-invalid', 'import the valid rows and report the invalid ones', false)
    .action(async (path: string, o: { project: string; format?: string; skipInvalid: boolean }) => {
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) throw new Error(`no such file or folder: ${path}`);
      await withCadre(async (rt, actor) => {
        const id = await projectId(rt, o.project);
        const progress = new Progress(`importing ${basename(path)}`, stat.isDirectory() ? 0 : stat.size);
        let bytes = 0;
        let rowsSeen = 0;
        let format: string;
        let rows;
        if (stat.isDirectory()) {
          format = 'folder';
          rows = imports.folderRows(path);
        } else {
          const f = (o.format ?? imports.detectFormat(path)) as imports.ImportFormat;
          if (!['json', 'jsonl', 'csv'].includes(f)) throw new Error(`--format must be json, jsonl or csv, not ${f}`);
          format = f;
          rows = imports.readTaskRows(counted(createReadStream(path, { highWaterMark: 1 << 20 }), (n) => { bytes = n; progress.update(bytes, rowsSeen); }), { format: f, file: path });
        }
        const report = await importer.importRows(rt.deps, actor, rows, {
          projectId: id, file: path, format, skipInvalid: o.skipInvalid,
          onProgress: (n) => { rowsSeen = n; progress.update(bytes, n); },
        });
        progress.finish(report.imported + report.skipped);
        console.log(`imported ${report.imported} items (${report.predictions} predictions)${report.skipped ? `, skipped ${report.skipped} invalid rows:` : ''}`);
        for (const e of report.errors) console.log(`  ${e.file}${e.line ? ` line ${e.line}` : ''}: ${e.field}: ${e.message}`);
        if (report.skipped > report.errors.length) console.log(`  ... and ${report.skipped - report.errors.length} more`);
      });
    });

  program.command('export').description('export items with their latest accepted annotation as JSONL')
    .requiredOption('--project <id-or-name>')
    .option('--out <file>', 'write here instead of standard output')
    .option('--which <which>', 'accepted (default) or latest', 'accepted')
    .option('--only-annotated', 'leave out items without an annotation', false)
    .action(async (o: { project: string; out?: string; which: string; onlyAnnotated: boolean }) => {
      if (o.which !== 'accepted' && o.which !== 'latest') throw new Error('--which must be accepted or latest');
      await withCadre(async (rt, actor) => {
        const id = await projectId(rt, o.project);
        const out = o.out ? createWriteStream(o.out) : process.stdout;
        for await (const chunk of exporter.exportJsonl(rt.deps, actor, id, { which: o.which as 'accepted' | 'latest', onlyAnnotated: o.onlyAnnotated })) {
          if (!out.write(chunk)) await once(out, 'drain');
        }
        if (o.out) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((e?: Error) => (e ? reject(e) : resolve())));
      });
    });
}
