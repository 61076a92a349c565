// The results file's shape and the table printed at the end of a run.
import { cpus, totalmem } from 'node:os';
import type { Provenance } from './provenance.ts';
import type { TasksViewFigures } from './tasks-view.ts';
import type { Comparison } from './regression.ts';
import { fmt } from './stats.ts';

export interface Report {
  postgres: {
    import_rows_per_s: number; claim_p50_ms: number; claim_p99_ms: number;
    claims_per_s: number; claims_per_s_32: number; raw_claims_per_s_32: number;
    [extra: string]: number;
  };
  http: {
    annotators: number; cycles_per_s: number; claim_p99_ms: number; submit_p99_ms: number;
    errors: number; saturation_cycles_per_s: number;
    [extra: string]: number | string[] | { from: number; claimP99: number; submitP99: number }[];
  };
  /** Headless Chromium, software rendering (SwiftShader/CPU): compare ratios and trends, not fps. */
  image_canvas: {
    first_render_ms: number; pan_frame_p95_ms: number; pan_frame_median_ms: number; add_box_ms_at_1000: number; boxes: number;
    [extra: string]: number | string;
  };
  /** Parse and fit in Node; render and frame switch in headless Chromium (SwiftShader: the ratio is what compares). */
  pointcloud: {
    parse_ms_120k: number; fit_ms_median: number; render_fps_ratio_1m: number; frame_switch_ms: number;
    [extra: string]: number | string;
  };
  /** Open in headless Chromium; CoNLL import through Cadre's importer into PostgreSQL. */
  text: { open_ms_100kb_2000_spans: number; import_conll_sentences_per_s: number; [extra: string]: number | string };
  /**
   * Label import (Label Studio JSONL, 3 boxes a row, as accepted labels) and COCO export (10 boxes an
   * item), each at two sizes; RSS growth is the peak over the RSS before the run (flat: the same at both).
   */
  interop?: { import_labelled_rows_per_s: number; export_annotations_per_s: number; [extra: string]: number };
  /** Machines as workers (bench/machine.ts): the shipped detector's speed and the annotators' effort with its proposals. */
  machine?: { prelabel_images_per_s: number; effort_ratio: number; [extra: string]: unknown };
  /** The manager's tasks view on the import's project (bench/tasks-view.ts): a page's time per filter and sort. */
  ui?: TasksViewFigures;
  /** The computer the figures came from. */
  host: Record<string, string | number>;
  quick: boolean;
  duration_s: number;
  generated_at: string;
  /** The commit measured (dirty: tracked files differed from it) and when. */
  provenance?: Provenance;
  /** HTTP saturation against the last committed results (null: nothing to compare with, or a quick run). */
  against_committed?: Comparison | null;
}

export function host(): Record<string, string | number> {
  const cpu = cpus();
  return { cpus: cpu.length, cpu: cpu[0]?.model.trim() ?? '?', memory_gib: Math.round(totalmem() / 2 ** 30), node: process.version };
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');

export function printTable(r: Report): void {
  const p = r.postgres;
  const h = r.http;
  const ratio = p.claims_per_s_32 / p.raw_claims_per_s_32;
  const rows: [string, string, string][] = [
    ['import (importer, JSONL file)', `${fmt(p.import_rows_per_s)} rows/s`, `>= 100,000: ${verdict(p.import_rows_per_s >= 100_000)}`],
    ['task table page (50 rows), p50', `${fmt(Number(p['table_first_page_ms']), 2)} ms first, ${fmt(Number(p['table_deep_page_ms']), 2)} ms mid-project`,
      `filtered by status ${fmt(Number(p['table_filtered_page_ms']), 2)} ms, newest first ${fmt(Number(p['table_newest_page_ms']), 2)} ms`],
    ['  plain COPY, scratch table', `${fmt(p['copy_rows_per_s'] ?? NaN)} rows/s`, `importer/COPY ${fmt(p['import_to_copy_ratio'] ?? NaN, 2)}`],
    ['claim-next, 1 client', `${fmt(p.claims_per_s)} claims/s`, `p50 ${fmt(p.claim_p50_ms, 2)} ms, p99 ${fmt(p.claim_p99_ms, 2)} ms`],
    ['  raw SQL, 1 client', `${fmt(p['raw_claims_per_s'] ?? NaN)} claims/s`, `p50 ${fmt(p['raw_claim_p50_ms'] ?? NaN, 2)} ms, p99 ${fmt(p['raw_claim_p99_ms'] ?? NaN, 2)} ms`],
    ['claim-next, 32 clients', `${fmt(p.claims_per_s_32)} claims/s`, `p99 ${fmt(p['claim_p99_ms_32'] ?? NaN, 2)} ms`],
    ['  raw SQL, 32 clients', `${fmt(p.raw_claims_per_s_32)} claims/s`, `p99 ${fmt(p['raw_claim_p99_ms_32'] ?? NaN, 2)} ms`],
    ['  Cadre / raw, 32 clients', fmt(ratio, 2), `>= 0.7: ${verdict(ratio >= 0.7)}`],
    [`HTTP, ${fmt(h.annotators)} annotators`, `${fmt(h.cycles_per_s, 1)} cycles/s`, `joining over ${String(h['ramp_s'])} s, think 1-3 s, ${String(h['seconds'])} s`],
    ['  claim p50 / p99', `${fmt(Number(h['claim_p50_ms']), 1)} / ${fmt(h.claim_p99_ms, 1)} ms`, `p99 <= 50 ms: ${verdict(h.claim_p99_ms <= 50)}`],
    ['  submit p50 / p99', `${fmt(Number(h['submit_p50_ms']), 1)} / ${fmt(h.submit_p99_ms, 1)} ms`, `p99 <= 50 ms: ${verdict(h.submit_p99_ms <= 50)}`],
    ['  after the first 10 s: claim / submit p99', `${fmt(Number(h['claim_p99_ms_after_10s']), 1)} / ${fmt(Number(h['submit_p99_ms_after_10s']), 1)} ms`, 'all annotators in, pools warm'],
    ['  errors', fmt(h.errors), `0: ${verdict(h.errors === 0)}`],
    ['shift start: all within 1 s, claim / submit p99', `${fmt(Number(h['shift_start_claim_p99_ms']), 1)} / ${fmt(Number(h['shift_start_submit_p99_ms']), 1)} ms`,
      `claim p99 after its first 2 s: ${fmt(Number(h['shift_start_claim_p99_ms_after_2s']), 1)} ms`],
    ['HTTP saturation, 64 connections', `${fmt(h.saturation_cycles_per_s, 1)} cycles/s`,
      `no think; claim p50/p99 ${fmt(Number(h['saturation_claim_p50_ms']), 1)}/${fmt(Number(h['saturation_claim_p99_ms']), 1)} ms, submit ${fmt(Number(h['saturation_submit_p50_ms']), 1)}/${fmt(Number(h['saturation_submit_p99_ms']), 1)} ms, errors ${fmt(Number(h['saturation_errors']))}`],
    ['  bare Fastify, same claim SQL, raw insert', `${fmt(Number(h['bare_saturation_cycles_per_s']), 1)} cycles/s`,
      `claim p50/p99 ${fmt(Number(h['bare_claim_p50_ms']), 1)}/${fmt(Number(h['bare_claim_p99_ms']), 1)} ms, submit ${fmt(Number(h['bare_submit_p50_ms']), 1)}/${fmt(Number(h['bare_submit_p99_ms']), 1)} ms, errors ${fmt(Number(h['bare_errors']))}`],
    ['  Cadre / bare', fmt(Number(h['saturation_ratio']), 2), `>= 0.5: ${verdict(Number(h['saturation_ratio']) >= 0.5)}`],
  ];
  const c = r.image_canvas;
  rows.push(
    ['image canvas: add a box, 1,000 boxes', `${fmt(c.add_box_ms_at_1000, 1)} ms`, `median of ${String(c['add_box_repeats'])}, <= 16 ms: ${verdict(c.add_box_ms_at_1000 <= 16)}`],
    [`image canvas: pan/zoom ${fmt(c.boxes)} boxes, frame p95`, `${fmt(c.pan_frame_p95_ms, 1)} ms`,
      `<= 50 ms: ${verdict(c.pan_frame_p95_ms <= 50)}; median ${fmt(c.pan_frame_median_ms, 1)} ms, engine alone p95 ${fmt(Number(c['pan_engine_p95_ms']), 1)} ms`],
    ['  frame-to-frame interval p95', `${fmt(Number(c['pan_interval_p95_ms']), 1)} ms`, `${String(c['pan_frames'])} animation frames`],
    [`  first render: load ${fmt(c.boxes)} boxes, fit, draw`, `${fmt(c.first_render_ms, 1)} ms`, String(c['browser'])],
    ['image canvas: open an 8000 × 6000 PNG (decode, fit, draw)', `${fmt(Number(c['large_image_open_ms']), 1)} ms`, 'median of 3; the browser test checks it opens sharp, not how fast'],
  );
  const pc = r.pointcloud;
  rows.push(
    ['point cloud: parse 120k points (binary PCD)', `${fmt(pc.parse_ms_120k, 2)} ms`, `<= 30 ms: ${verdict(pc.parse_ms_120k <= 30)}`],
    ...(pc['autolabel_ms_frame'] !== undefined ? [[`point cloud: auto-label a whole frame, median of ${String(pc['autolabel_frames'])} sweeps`, `${fmt(Number(pc['autolabel_ms_frame']), 1)} ms`, `<= 2,000 ms: ${verdict(Number(pc['autolabel_ms_frame']) <= 2000)}`] as [string, string, string]] : []),
    ...(pc['effort_ratio'] !== undefined ? [[`point cloud: effort with auto-label over by hand, ${String(pc['effort_frames'])} frames kept out of tuning (tuning frames: ${fmt(Number(pc['effort_ratio_tuning']), 3)}; kept out, vehicles of 50+ returns only: ${fmt(Number(pc['effort_ratio_dense']), 3)})`, fmt(Number(pc['effort_ratio']), 3), `<= 0.2: ${verdict(Number(pc['effort_ratio']) <= 0.2)}`] as [string, string, string]] : []),
    [`point cloud: fit a box, median of ${String(pc['fit_boxes'])} vehicles`, `${fmt(pc.fit_ms_median, 2)} ms`, `<= 20 ms: ${verdict(pc.fit_ms_median <= 20)}; BEV IoU >= 0.7 for ${fmt(Number(pc['fit_iou_07_share']) * 100)}%`],
    ['point cloud: machine checks, 120k points, 100 cuboids, 1 cm faces', `${fmt(Number(pc['checks_ms_120k_100_cuboids']), 2)} ms`, 'median of 9'],
    ['point cloud: workspace / bare three.js fps, 1M points', fmt(pc.render_fps_ratio_1m, 2), `>= 0.8: ${verdict(pc.render_fps_ratio_1m >= 0.8)}; ${String(pc['engine_fps'])} vs ${String(pc['bare_fps'])} fps (CPU WebGL)`],
    ['point cloud: frame switch, 50 frames x 100 tracks', `${fmt(pc.frame_switch_ms, 1)} ms`, `<= 50 ms: ${verdict(pc.frame_switch_ms <= 50)}; JS part ${String(pc['frame_switch_setup_ms'])} ms`],
  );
  const t = r.text;
  rows.push(
    ['text: open 100 KB with 2,000 spans', `${fmt(t.open_ms_100kb_2000_spans, 1)} ms`, `<= 200 ms: ${verdict(t.open_ms_100kb_2000_spans <= 200)}; scroll frame p95 ${String(t['scroll_frame_p95_ms'])} ms`],
    ['text: CoNLL import', `${fmt(t.import_conll_sentences_per_s)} sentences/s`, `${fmt(Number(t['conll_sentences']))} sentences, one transaction`],
  );
  const x = r.interop;
  if (x) {
    rows.push(
      [`labels import: ${fmt(x['import_rows'] ?? NaN)} Label Studio rows, ${String(x['boxes_per_row'])} boxes each`, `${fmt(x.import_labelled_rows_per_s)} rows/s`,
        `>= 50,000: ${verdict(x.import_labelled_rows_per_s >= 50_000)}; ${fmt(x['import_labelled_rows_per_s_small'] ?? NaN)} rows/s at ${fmt(x['import_rows_small'] ?? NaN)}`],
      ['  peak RSS growth, larger / smaller run', `${fmt(x['import_rss_growth_mib'] ?? NaN)} / ${fmt(x['import_rss_growth_mib_small'] ?? NaN)} MiB`, 'flat: about the same'],
      [`COCO export: ${fmt(x['export_annotations'] ?? NaN)} annotations`, `${fmt(x.export_annotations_per_s)} annotations/s`,
        `${fmt(x['export_seconds'] ?? NaN, 1)} s, <= 30 s for 1,000,000: ${verdict(1_000_000 / x.export_annotations_per_s <= 30)}; ${fmt(x['export_annotations_per_s_small'] ?? NaN)}/s at ${fmt(x['export_annotations_small'] ?? NaN)}`],
      ['  peak RSS growth, larger / smaller run', `${fmt(x['export_rss_growth_mib'] ?? NaN)} / ${fmt(x['export_rss_growth_mib_small'] ?? NaN)} MiB`, 'flat: about the same'],
    );
  }
  const m = r.machine;
  if (m) {
    rows.push(
      ['machine: shipped detector, coco128, one core', `${fmt(m.prelabel_images_per_s, 2)} images/s`, `>= 2.5 (400 ms an image): ${verdict(m.prelabel_images_per_s >= 2.5)}; median ${String(m['detect_ms_median'])} ms`],
      ['  annotator seconds with / without proposals', fmt(m.effort_ratio, 3), `<= 0.5: ${verdict(m.effort_ratio <= 0.5)}; ${String(m['effort_images'])} held-out images, threshold ${String(m['effort_threshold'])} chosen on the others; at best ${String(m['effort_ratio_recall_bound'])} with this detector's recall (no false proposal shown)`],
    );
  }
  const u = r.ui;
  if (u) {
    rows.push(
      [`tasks view: a page of ${fmt(u.tasks)} tasks, slowest filter`, `${fmt(u.tasks_page_ms_1m, 1)} ms`, `<= ${u.target_ms} ms: ${verdict(u.tasks_page_ms_1m <= u.target_ms)}; p95 ${fmt(u.tasks_page_p95_ms_1m, 1)} ms; ${u.seq_scans} sequential scans`],
      [`  bulk reassign of ${fmt(u.bulk_reassign_tasks)} filtered tasks`, `${fmt(u.bulk_reassign_ms)} ms`, `${fmt(u.bulk_reassign_changed)} changed`],
    );
  }
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  console.log(`\nCadre bench${r.quick ? ' (quick)' : ''}: ${fmt(Number(p['tasks']))} tasks, ${r.duration_s} s`);
  if (r.provenance) console.log(`commit ${r.provenance.commit}${r.provenance.dirty ? ' (with uncommitted changes: not for committing)' : ''}, ${r.provenance.measured_at}`);
  console.log(`host: ${r.host['cpus']} x ${r.host['cpu']}, ${r.host['memory_gib']} GiB, node ${r.host['node']}; PostgreSQL ${r.host['postgres']}`);
  console.log('server, load generator (worker thread) and PostgreSQL share these cores\n');
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
  const windows = (h['windows'] ?? []) as unknown as { from: number; claimP99: number; submitP99: number }[];
  if (windows.length > 0) console.log(`\nHTTP p99 per 10 s (claim/submit ms): ${windows.map((w) => `${w.from}s ${fmt(w.claimP99, 0)}/${fmt(w.submitP99, 0)}`).join(', ')}`);
  const messages = [...(h['error_messages'] as string[]), ...(h['saturation_error_messages'] as string[]).map((m) => `saturation: ${m}`)];
  if (messages.length > 0) console.log(`\nfirst distinct errors:\n  ${messages.join('\n  ')}`);
  console.log('');
}
