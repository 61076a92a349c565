// Label import and export through Cadre's interop path, on a fresh bench database:
//  - import: a generated Label Studio JSONL file (one task a line, one annotation of 3
//    rectanglelabels boxes of the ontology's class, `original_width/height` given, images named by
//    https URL so nothing is looked up on disk) read by `labelImporter.importLabelled` as accepted
//    labels (items, tasks, annotations, one transaction). File generation is not timed.
//  - export: a project of items × 10 boxes written by COPY (not timed), exported as COCO by
//    `formatExporter.exportFormatted` and written to a file, as `cadre export` does.
// Both run at two sizes, the smaller first: peak RSS growth over the RSS before each run (sampled
// every 50 ms) shows whether memory grows with the row count. Alone:
//   node --import tsx bench/interop.ts [--quick] [--profile DIR]      (prints the figures as JSON)
// With --merge at full sizes it also writes them as `interop` into bench/results/latest.json (every
// other figure kept), naming the commit measured, so the phase can be re-measured without the rest.
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { uuidv7 } from '@cadre/core';
import { BulkWriter, connect, migrateToLatest, withTransaction } from '@cadre/db';
import { diskSource } from '@cadre/formats/node';
import { formatExporter, labelImporter, projectService, type Actor, type ServiceDeps } from '@cadre/server';
import { profiled } from './cpu-profile.ts';
import { mergeResults } from './load-bench.ts';
import { provenance } from './provenance.ts';
import { openBenchDatabase } from './database.ts';
import { createAdmin, settle } from './setup.ts';
import { log, round } from './stats.ts';

export type InteropFigures = {
  /** Labelled rows (tasks with 3 boxes) per second through importLabelled, the larger run. */
  import_labelled_rows_per_s: number;
  /** COCO annotations (one box each) per second through exportFormatted, the larger run. */
  export_annotations_per_s: number;
  export_seconds: number;
  import_rows: number; import_rows_small: number; import_labelled_rows_per_s_small: number;
  import_rss_growth_mib: number; import_rss_growth_mib_small: number;
  export_annotations: number; export_annotations_small: number; export_annotations_per_s_small: number;
  export_rss_growth_mib: number; export_rss_growth_mib_small: number;
  export_bytes: number;
  boxes_per_row: number; boxes_per_item: number;
};

const CLASS = 'car';
const ONTOLOGY = { classes: [{ name: CLASS, kind: 'bbox2d', attributes: [] }] };
const BOXES_PER_ROW = 3;
const BOXES_PER_ITEM = 10;
const WIDTH = 1280;
const HEIGHT = 720;
const image = (i: number) => `https://bench.example/images/img_${String(i).padStart(7, '0')}.jpg`;

/** One Label Studio task with one annotation of three boxes, as Label Studio exports it (percent of the image). */
export function taskLine(i: number): string {
  const results: string[] = [];
  for (let b = 0; b < BOXES_PER_ROW; b++) {
    const x = ((i * 7 + b * 13) % 80) + 0.5;
    const y = ((i * 11 + b * 17) % 70) + 0.25;
    results.push(`{"id":"r${i}_${b}","type":"rectanglelabels","from_name":"label","to_name":"image","original_width":${WIDTH},"original_height":${HEIGHT},"image_rotation":0,`
      + `"value":{"x":${x},"y":${y},"width":${10 + b},"height":${12.5 + b},"rotation":0,"rectanglelabels":["${CLASS}"]}}`);
  }
  return `{"id":${i + 1},"data":{"image":"${image(i)}"},"annotations":[{"id":${i + 1},"completed_by":1,"created_at":"2024-03-01T10:00:00.000Z","was_cancelled":false,"result":[${results.join(',')}]}]}\n`;
}

export async function writeTasks(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  let batch = '';
  for (let i = 0; i < rows; i++) {
    batch += taskLine(i);
    if (batch.length > 1 << 16) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
}

let gc: (() => void) | null = null;
function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

/** Runs `fn` with RSS sampled every 50 ms; the growth is the peak over the RSS just before (after a full GC). */
async function withRss<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; rssGrowthMiB: number }> {
  collectGarbage();
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 50);
  const t0 = performance.now();
  try {
    const value = await fn();
    const seconds = (performance.now() - t0) / 1000;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, seconds, rssGrowthMiB: (peak - base) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

const newProject = async (deps: ServiceDeps, admin: Actor, name: string) =>
  (await projectService.createProject(deps, admin, { name, ontology: ONTOLOGY, settings: { stages: ['annotate', 'review'] } })).id;

async function importRun(deps: ServiceDeps, admin: Actor, dir: string, rows: number, profileTo: string | null) {
  const path = join(dir, `tasks-${rows}.jsonl`);
  await writeTasks(path, rows);
  const projectId = await newProject(deps, admin, `interop import ${rows}`);
  const source = await diskSource(path);
  const run = () => labelImporter.importLabelled(deps, admin, source, {
    projectId, format: 'labelstudio', as: 'labels', strict: true, skipInvalid: false,
    places: { root: dir, sourceOnDisk: true, dirs: [], mediaDir: join(dir, 'media') },
  });
  const r = await withRss(() => (profileTo ? profiled(profileTo, run) : run()));
  if (r.value.imported !== rows || r.value.labels !== rows) throw new Error(`imported ${r.value.imported} items and ${r.value.labels} label sets, expected ${rows}`);
  return { rowsPerS: rows / r.seconds, seconds: r.seconds, rssGrowthMiB: r.rssGrowthMiB, projectId };
}

/** A project of `items` images with one accepted annotation of 10 boxes each, written by COPY. */
async function fillExportProject(deps: ServiceDeps, admin: Actor, items: number): Promise<string> {
  const projectId = await newProject(deps, admin, `interop export ${items}`);
  const importId = uuidv7();
  await withTransaction(deps.pool, async (client) => {
    await client.query(`INSERT INTO imports (id, project_id, file, format, status, created_by) VALUES ($1, $2, 'bench', 'bench', 'committed', $3)`, [importId, projectId, admin.userId]);
    const w = new BulkWriter(client);
    for (let i = 0; i < items; i++) {
      const itemId = uuidv7();
      w.addItem({ id: itemId, projectId, kind: 'image', asset: image(i), content: null, frames: null, metadata: {}, importId, mediaRef: null, width: WIDTH, height: HEIGHT });
      w.addTask({ id: uuidv7(), projectId, itemId, stage: 'accepted', priority: 0, status: 'done' });
      const objects = [];
      for (let b = 0; b < BOXES_PER_ITEM; b++) {
        objects.push({ id: `r${b}`, label: CLASS, kind: 'bbox2d', attributes: {}, geometry: { x: 10 + ((i + b * 37) % 1000), y: 5.5 + ((i * 3 + b) % 600), width: 40 + b, height: 30.25 + b } });
      }
      w.addAnnotation({
        id: uuidv7(), projectId, itemId, version: 1, authorId: admin.userId, state: 'accepted', schemaVersion: 1,
        payload: { schemaVersion: 1, objects }, importedFrom: { file: 'bench.json', line: i + 1 }, createdAt: '2024-03-01T10:00:00.000Z',
      });
      if (w.full) await w.sendBatch();
    }
    await w.finish();
  });
  return projectId;
}

/** Counts a marker in streamed text, also across chunk boundaries. */
function counter(marker: string) {
  let tail = '';
  let n = 0;
  return {
    add(text: string) {
      const s = tail + text;
      for (let at = s.indexOf(marker); at !== -1; at = s.indexOf(marker, at + marker.length)) n++;
      tail = s.slice(Math.max(0, s.length - marker.length + 1));
    },
    get count() { return n; },
  };
}

async function exportRun(deps: ServiceDeps, admin: Actor, dir: string, projectId: string, boxes: number, profileTo: string | null) {
  const path = join(dir, `export-${boxes}.json`);
  const run = async () => {
    const out = await formatExporter.exportFormatted(deps, admin, projectId, { format: 'coco', which: 'accepted', media: { mediaDir: join(dir, 'media'), roots: [] } });
    const file = createWriteStream(path);
    const annotations = counter('"category_id":');
    let bytes = 0;
    let files = 0;
    for await (const f of out.files) {
      files++;
      for await (const piece of f.content) {
        const text = typeof piece === 'string' ? piece : Buffer.from(piece).toString('utf8');
        annotations.add(text);
        bytes += Buffer.byteLength(text);
        if (!file.write(text)) await once(file, 'drain');
      }
    }
    file.end();
    await once(file, 'finish');
    if (files !== 1) throw new Error(`COCO export wrote ${files} files, expected 1`);
    return { annotations: annotations.count, bytes, notes: out.notes() };
  };
  const r = await withRss(() => (profileTo ? profiled(profileTo, run) : run()));
  if (r.value.annotations !== boxes) throw new Error(`exported ${r.value.annotations} annotations, expected ${boxes}`);
  if (r.value.notes.length > 0) throw new Error(`export notes: ${JSON.stringify(r.value.notes)}`);
  return { perS: boxes / r.seconds, seconds: r.seconds, rssGrowthMiB: r.rssGrowthMiB, bytes: r.value.bytes };
}

type Sizes = { importSmall: number; importLarge: number; exportSmall: number; exportLarge: number };

export async function interopBench(o: { quick: boolean; profileDir?: string | null; sizes?: Partial<Sizes>; only?: 'import' | 'export' | null }): Promise<InteropFigures> {
  const sizes: Sizes = {
    ...(o.quick
      ? { importSmall: 10_000, importLarge: 30_000, exportSmall: 3_000, exportLarge: 10_000 }
      : { importSmall: 100_000, importLarge: 300_000, exportSmall: 30_000, exportLarge: 100_000 }),
    ...o.sizes,
  };
  const none = { rowsPerS: Number.NaN, seconds: Number.NaN, rssGrowthMiB: Number.NaN, perS: Number.NaN, bytes: 0 };
  const database = await openBenchDatabase();
  const { db, pool } = connect({ url: database.url, max: 4 });
  try {
    await migrateToLatest(db);
    const deps: ServiceDeps = { db, pool };
    const admin = await createAdmin(deps);
    if (o.profileDir) mkdirSync(o.profileDir, { recursive: true });
    const prof = (name: string) => (o.profileDir ? join(o.profileDir, `${name}.cpuprofile`) : null);
    let small = none, large = none, exSmall = none, exLarge = none;
    if (o.only !== 'export') {
      // Warm-up, not measured: compiles the paths, grows the pools.
      await importRun(deps, admin, database.dir, 5_000, null);
      log(`interop: importing ${sizes.importSmall.toLocaleString('en')} then ${sizes.importLarge.toLocaleString('en')} labelled Label Studio rows (${BOXES_PER_ROW} boxes each)`);
      small = { ...none, ...await importRun(deps, admin, database.dir, sizes.importSmall, null) };
      await settle(deps);
      large = { ...none, ...await importRun(deps, admin, database.dir, sizes.importLarge, prof('interop-import')) };
      log(`interop: import ${Math.round(small.rowsPerS).toLocaleString('en')} / ${Math.round(large.rowsPerS).toLocaleString('en')} rows/s, RSS growth ${round(small.rssGrowthMiB, 0)} / ${round(large.rssGrowthMiB, 0)} MiB`);
    }
    if (o.only !== 'import') {
      log(`interop: writing ${(sizes.exportSmall * BOXES_PER_ITEM).toLocaleString('en')} and ${(sizes.exportLarge * BOXES_PER_ITEM).toLocaleString('en')} boxes by COPY for the export`);
      const smallProject = await fillExportProject(deps, admin, sizes.exportSmall);
      const largeProject = await fillExportProject(deps, admin, sizes.exportLarge);
      await settle(deps);
      await exportRun(deps, admin, database.dir, smallProject, sizes.exportSmall * BOXES_PER_ITEM, null); // warm-up, not measured
      exSmall = { ...none, ...await exportRun(deps, admin, database.dir, smallProject, sizes.exportSmall * BOXES_PER_ITEM, null) };
      exLarge = { ...none, ...await exportRun(deps, admin, database.dir, largeProject, sizes.exportLarge * BOXES_PER_ITEM, prof('interop-export')) };
      log(`interop: export ${Math.round(exSmall.perS).toLocaleString('en')} / ${Math.round(exLarge.perS).toLocaleString('en')} annotations/s (${round(exLarge.seconds, 1)} s for ${(sizes.exportLarge * BOXES_PER_ITEM).toLocaleString('en')}), RSS growth ${round(exSmall.rssGrowthMiB, 0)} / ${round(exLarge.rssGrowthMiB, 0)} MiB`);
    }
    return {
      import_labelled_rows_per_s: round(large.rowsPerS, 0),
      export_annotations_per_s: round(exLarge.perS, 0),
      export_seconds: round(exLarge.seconds, 2),
      import_rows: sizes.importLarge, import_rows_small: sizes.importSmall, import_labelled_rows_per_s_small: round(small.rowsPerS, 0),
      import_rss_growth_mib: round(large.rssGrowthMiB, 0), import_rss_growth_mib_small: round(small.rssGrowthMiB, 0),
      export_annotations: sizes.exportLarge * BOXES_PER_ITEM, export_annotations_small: sizes.exportSmall * BOXES_PER_ITEM,
      export_annotations_per_s_small: round(exSmall.perS, 0),
      export_rss_growth_mib: round(exLarge.rssGrowthMiB, 0), export_rss_growth_mib_small: round(exSmall.rssGrowthMiB, 0),
      export_bytes: exLarge.bytes,
      boxes_per_row: BOXES_PER_ROW, boxes_per_item: BOXES_PER_ITEM,
    };
  } finally {
    await db.destroy().catch(() => undefined);
    await database.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // --sizes importSmall,importLarge,exportSmall,exportLarge (export sizes in items of 10 boxes); --only import|export.
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, profile: { type: 'string' }, sizes: { type: 'string' }, only: { type: 'string' }, merge: { type: 'boolean', default: false } } });
  const given = values.sizes?.split(',').map(Number);
  const sizes = given ? { importSmall: given[0]!, importLarge: given[1]!, exportSmall: given[2]!, exportLarge: given[3]! } : undefined;
  const only = values.only === 'import' || values.only === 'export' ? values.only : null;
  const measured = provenance();
  const figures = await interopBench({ quick: values.quick, profileDir: values.profile ?? null, ...(sizes ? { sizes } : {}), only });
  console.log(JSON.stringify(figures, null, 2));
  if (values.merge) {
    if (values.quick || sizes || only) throw new Error('--merge writes the full run only (no --quick, --sizes or --only)');
    const file = new URL('results/latest.json', import.meta.url);
    mergeResults(file, { interop: { ...figures, provenance: measured } });
    log(`merged interop into ${file.pathname}`);
  }
}
