// `cadre bench`: import, claim-next and HTTP figures on one fresh database; see bench/README.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { connect, migrateToLatest } from '@cadre/db';
import type { ServiceDeps } from '@cadre/server';
import { cadreClaim, claimPhase, rawClaim } from './claims.ts';
import { openBenchDatabase } from './database.ts';
import { httpPhase } from './http.ts';
import { imageCanvasFigures, imageCanvasPhase } from './image-canvas/run.ts';
import { importPhase } from './import.ts';
import { interopBench } from './interop.ts';
import { tasksViewPhase } from './tasks-view.ts';
import { computeFigures, pointcloudCompute } from './pointcloud-compute.ts';
import { learningFigures, textLearningBench } from './text-learning.ts';
import { pointcloudRender } from './pointcloud/render.ts';
import { conllImportBench } from './text-import.ts';
import { textOpenBench } from './text/open.ts';
import { provenance } from './provenance.ts';
import { writeReadmeTable } from './readme-table.ts';
import { compareWithCommitted, regressionWarning } from './regression.ts';
import { host, printTable, type Report } from './report.ts';
import { machineBench } from './machine.ts';
import { runLoadBench, type LoadBenchOptions } from './load-bench.ts';
import { createAdmin, createAnnotators, createProject, settle } from './setup.ts';
import { tablePhase } from './table.ts';
import { log, round } from './stats.ts';

const CLAIM_POOL = 40;
const CLAIMERS = 32;

export async function runBench(o: { tasks: number; quick: boolean; load?: LoadBenchOptions }): Promise<void> {
  const tasks = o.quick ? 20_000 : o.tasks;
  if (!Number.isInteger(tasks) || tasks < 1000) throw new Error(`--tasks must be a whole number of at least 1000, got ${o.tasks}`);
  const plan = {
    claimSeconds: o.quick ? 2 : 10,
    http: o.quick
      ? { annotators: 50, tasks: 30_000, seconds: 5, herdSeconds: 3, saturationSeconds: 3, saturationConnections: 64 }
      : { annotators: 1000, tasks: 200_000, seconds: 60, herdSeconds: 10, saturationSeconds: 30, saturationConnections: 64 },
  };
  const started = performance.now();
  // Taken before anything runs: the code loaded is this commit's, whatever is committed meanwhile.
  const measured = provenance();
  log(`${o.quick ? 'quick' : 'full'} run: ${tasks.toLocaleString('en')} tasks`);
  // First, while nothing else runs: the browser has the machine's cores to itself.
  log('image canvas: headless Chromium, 10,000 boxes');
  const canvas = imageCanvasFigures(await imageCanvasPhase());
  log(`image canvas: add a box ${canvas.add_box_ms_at_1000} ms; pan frame p95 ${canvas.pan_frame_p95_ms} ms, median ${canvas.pan_frame_median_ms} ms`);
  log('point clouds: parse and fit in Node, then the 3D workspace in headless Chromium (1,000,000 points)');
  const compute = pointcloudCompute();
  const render = await pointcloudRender();
  const pointcloud = {
    ...computeFigures(compute), render_fps_ratio_1m: render.render_fps_ratio_1m, frame_switch_ms: render.frame_switch_ms,
    frame_switch_setup_ms: render.frame_switch_setup_ms, bare_fps: render.bare_fps, engine_fps: render.engine_fps, browser: render.browser,
  };
  log(`point clouds: parse 120k ${pointcloud.parse_ms_120k} ms, fit ${pointcloud.fit_ms_median} ms, render ratio ${pointcloud.render_fps_ratio_1m}, frame switch ${pointcloud.frame_switch_ms} ms`);
  log('text: open a 100 KB document with 2,000 spans in headless Chromium; import CoNLL sentences');
  const textOpen = await textOpenBench();
  const conll = await conllImportBench(o.quick ? 2 : 10);
  log('text: models that learn from labels (banking77 simulation, NCBI disease tagger)');
  const learning = await textLearningBench(log);
  const text = {
    open_ms_100kb_2000_spans: round(textOpen.open_ms_100kb_2000_spans, 1), import_conll_sentences_per_s: round(conll.import_conll_sentences_per_s, 0),
    scroll_frame_p95_ms: round(textOpen.scroll_frame_p95_ms, 1), conll_sentences: conll.sentences, conll_bytes: conll.bytes,
    ...(learning ? learningFigures(learning) : {}),
  };
  log(`text: open ${text.open_ms_100kb_2000_spans} ms, CoNLL import ${text.import_conll_sentences_per_s} sentences/s`);
  log('interop: Label Studio labels imported as accepted annotations; a COCO export of 10 boxes an item');
  const interop = await interopBench({ quick: o.quick });
  log('machine: the shipped detector over the coco128 images, and annotator effort with its proposals');
  const machine = await machineBench({ quick: o.quick });
  log(`machine: ${machine.prelabel_images_per_s} images/s (median ${machine.detect_ms_median} ms), effort ratio ${machine.effort_ratio} on the held-out half (at best ${machine.effort_ratio_recall_bound} with this detector's recall)`);
  const database = await openBenchDatabase();
  const { db, pool } = connect({ url: database.url, max: CLAIM_POOL });
  try {
    await migrateToLatest(db);
    const deps: ServiceDeps = { db, pool };
    const pgVersion = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db)).rows[0]?.v ?? '?';
    const admin = await createAdmin(deps);

    // One project holds the imported tasks; the claim phases take from its queue.
    const projectId = await createProject(deps, admin, 'bench import', { maxHeldTasks: 10 });
    log(`import: writing ${tasks.toLocaleString('en')} Label Studio rows and importing them`);
    const imp = await importPhase(deps, admin, projectId, tasks, database.dir);
    log(`import: ${Math.round(imp.rowsPerS).toLocaleString('en')} rows/s; plain COPY ${Math.round(imp.copyRowsPerS).toLocaleString('en')} rows/s`);
    await settle(deps);
    const table = await tablePhase(deps, admin, projectId);
    log(`task table: first page ${table.firstPageP50.toFixed(2)} ms, deep page ${table.deepPageP50.toFixed(2)} ms (p50)`);

    const people = await createAnnotators(deps, admin, projectId, CLAIMERS, 'claim');
    const actors = people.map((p) => p.actor);
    const maxClaims = Math.floor(tasks / 6);
    const phase = async (name: string, n: number, raw: boolean) => {
      const r = await claimPhase(pool, actors.slice(0, n), raw ? rawClaim(pool, projectId) : cadreClaim(deps, projectId), plan.claimSeconds, maxClaims);
      log(`${name}: ${Math.round(r.perS).toLocaleString('en')} claims/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms (${r.claims} claims)`);
      if (r.empty > 0) throw new Error(`${name}: the queue ran dry; use more --tasks`);
      return r;
    };
    const single = await phase('claim, Cadre, 1 client', 1, false);
    const singleRaw = await phase('claim, raw SQL, 1 client', 1, true);
    const multi = await phase(`claim, Cadre, ${CLAIMERS} clients`, CLAIMERS, false);
    const multiRaw = await phase(`claim, raw SQL, ${CLAIMERS} clients`, CLAIMERS, true);

    const http = await httpPhase(deps, admin, database.url, plan.http);
    // Last on this project: it adds labelled work, rejections and held tasks the claim phases must not see.
    const ui = await tasksViewPhase(deps, admin, projectId);

    const report: Report = {
      postgres: {
        import_rows_per_s: round(imp.rowsPerS, 0), claim_p50_ms: round(single.p50, 2), claim_p99_ms: round(single.p99, 2),
        claims_per_s: round(single.perS, 0), claims_per_s_32: round(multi.perS, 0), raw_claims_per_s_32: round(multiRaw.perS, 0),
        table_first_page_ms: round(table.firstPageP50, 2), table_deep_page_ms: round(table.deepPageP50, 2),
        table_filtered_page_ms: round(table.filteredP50, 2), table_newest_page_ms: round(table.newestP50, 2),
        copy_rows_per_s: round(imp.copyRowsPerS, 0), import_to_copy_ratio: round(imp.rowsPerS / imp.copyRowsPerS, 2),
        raw_claims_per_s: round(singleRaw.perS, 0), raw_claim_p50_ms: round(singleRaw.p50, 2), raw_claim_p99_ms: round(singleRaw.p99, 2),
        claim_p99_ms_32: round(multi.p99, 2), raw_claim_p99_ms_32: round(multiRaw.p99, 2),
        ratio_32: round(multi.perS / multiRaw.perS, 2), tasks, predictions: imp.predictions, pool_size: CLAIM_POOL,
      },
      http: {
        annotators: http.annotators, cycles_per_s: round(http.cyclesPerS, 1), claim_p99_ms: round(http.claimP99, 1),
        submit_p99_ms: round(http.submitP99, 1), errors: http.errors, saturation_cycles_per_s: round(http.saturationCyclesPerS, 1),
        claim_p50_ms: round(http.claimP50, 1), submit_p50_ms: round(http.submitP50, 1), empty_claims: http.empty,
        shift_start_claim_p99_ms: round(http.herdClaimP99, 1), shift_start_submit_p99_ms: round(http.herdSubmitP99, 1),
        shift_start_claim_p99_ms_after_2s: round(http.herdClaimP99AfterFirst2s, 1), ramp_s: 10,
        claim_p99_ms_after_10s: round(http.claimP99After10s, 1), submit_p99_ms_after_10s: round(http.submitP99After10s, 1),
        windows: http.windows.map((w) => ({ from: w.from, claimP99: round(w.claimP99, 1), submitP99: round(w.submitP99, 1) })),
        error_messages: http.messages, saturation_claim_p99_ms: round(http.saturationClaimP99, 1),
        saturation_submit_p99_ms: round(http.saturationSubmitP99, 1), saturation_errors: http.saturationErrors,
        saturation_error_messages: http.saturationMessages, seconds: plan.http.seconds, server_pool_size: http.poolSize,
        saturation_claim_p50_ms: round(http.saturationClaimP50, 1), saturation_submit_p50_ms: round(http.saturationSubmitP50, 1),
        bare_saturation_cycles_per_s: round(http.bare.cyclesPerS, 1), saturation_ratio: round(http.saturationCyclesPerS / http.bare.cyclesPerS, 2),
        bare_claim_p50_ms: round(http.bare.claimP50, 1), bare_claim_p99_ms: round(http.bare.claimP99, 1),
        bare_submit_p50_ms: round(http.bare.submitP50, 1), bare_submit_p99_ms: round(http.bare.submitP99, 1),
        bare_errors: http.bare.errors, bare_error_messages: http.bare.messages,
      },
      image_canvas: canvas,
      pointcloud,
      text,
      interop,
      machine,
      ui,
      host: { ...host(), postgres: `${pgVersion}, ${database.where}` },
      quick: o.quick,
      duration_s: 0,
      generated_at: new Date().toISOString(),
      provenance: measured,
      // Quick figures are a smoke test: they are not held against the committed full run.
      against_committed: o.quick ? null : compareWithCommitted(http.saturationCyclesPerS),
    };
    report.duration_s = round((performance.now() - started) / 1000, 0);
    printTable(report);
    const dir = new URL('./results/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    const file = new URL(o.quick ? 'quick.json' : 'latest.json', dir);
    writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
    log(`wrote ${file.pathname}`);
    if (!o.quick) {
      writeReadmeTable(report);
      log('wrote the performance table in README.md');
    }
    const warning = regressionWarning(report.against_committed ?? null, http.saturationCyclesPerS);
    if (warning) console.error(`\n${warning}\n`);
  } finally {
    await db.destroy().catch(() => undefined);
    await database.close();
  }
  // Last, on a database of its own: two processes, 1,000 annotators for 10 minutes, then kill -9 faults
  // (bench/load-bench.ts); `load` and `faults` are merged into the file written above.
  await runLoadBench(o.load ?? { quick: o.quick });
  if (!o.quick) {
    writeReadmeTable(JSON.parse(readFileSync(new URL('./results/latest.json', import.meta.url), 'utf8')) as Report);
    log('wrote the performance table in README.md again, with the load and faults');
  }
}
