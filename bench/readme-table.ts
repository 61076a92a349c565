// Writes the README's performance table from a results file, between marker comments, so the
// figures in the README are the ones measured (and name the commit they were measured at).
// `npm run bench` does it after a full run; alone: node --import tsx bench/readme-table.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Report } from './report.ts';
import { fmt } from './stats.ts';

const BEGIN = '<!-- bench:table:begin (written by npm run bench from bench/results/latest.json; do not edit) -->';
const END = '<!-- bench:table:end -->';
const README = new URL('../README.md', import.meta.url);
const LATEST = new URL('./results/latest.json', import.meta.url);

const n = (v: unknown, digits = 0) => fmt(Number(v), digits);

export function readmeTable(r: Report): string {
  const p = r.postgres;
  const h = r.http;
  const c = r.image_canvas;
  const pc = r.pointcloud;
  const t = r.text;
  const at = r.provenance
    ? `commit \`${r.provenance.commit.slice(0, 12)}\`${r.provenance.dirty ? ' with uncommitted changes' : ''}, ${r.provenance.measured_at.slice(0, 10)}`
    : r.generated_at.slice(0, 10);
  const rows: [string, string, string][] = [
    ['import through Cadre\'s importer (items + tasks + predictions, one transaction)', `${n(p.import_rows_per_s)} rows/s`, '100,000'],
    ['task table, a page of 50 (first, mid-project, filtered, newest first)',
      `${n(p['table_first_page_ms'], 2)} / ${n(p['table_deep_page_ms'], 2)} / ${n(p['table_filtered_page_ms'], 2)} / ${n(p['table_newest_page_ms'], 2)} ms`, ''],
    ['claim-next, 32 concurrent clients, Cadre / raw SQL', `${n(p.claims_per_s_32)} / ${n(p.raw_claims_per_s_32)} claims/s = ${n(p['ratio_32'], 2)}`, '≥ 0.7'],
    [`${n(h.annotators)} annotators (claim → think 1–3 s → submit), p99 claim / submit`,
      `${n(h.claim_p99_ms)} / ${n(h.submit_p99_ms)} ms, ${n(h.errors)} errors, ${n(h.cycles_per_s)} cycles/s`, '≤ 50 ms, 0 errors'],
    ['saturation, Cadre (64 connections, no think time)',
      `${n(h.saturation_cycles_per_s)} cycles/s; claim p50/p99 ${n(h['saturation_claim_p50_ms'], 1)}/${n(h['saturation_claim_p99_ms'])} ms, submit ${n(h['saturation_submit_p50_ms'], 1)}/${n(h['saturation_submit_p99_ms'])} ms`, '1,000 cycles/s'],
    ['saturation, bare Fastify with the same claim SQL and a raw insert',
      `${n(h['bare_saturation_cycles_per_s'])} cycles/s; claim p50/p99 ${n(h['bare_claim_p50_ms'], 1)}/${n(h['bare_claim_p99_ms'])} ms, submit ${n(h['bare_submit_p50_ms'], 1)}/${n(h['bare_submit_p99_ms'])} ms`, ''],
    ['saturation, Cadre / bare (same run)', n(h['saturation_ratio'], 2), '≥ 0.5'],
    ['image canvas, add a box with 1,000 boxes (headless Chromium, software rendering)', `${n(c.add_box_ms_at_1000, 1)} ms`, '≤ 16 ms'],
    ['image canvas, pan/zoom frame p95 with 10,000 boxes', `${n(c.pan_frame_p95_ms)} ms`, '≤ 50 ms'],
    [`point cloud: parse 120k points / fit a box (median, ${String(pc['fit_boxes'])} real vehicles)`, `${n(pc.parse_ms_120k, 1)} ms / ${n(pc.fit_ms_median, 1)} ms`, '≤ 30 / ≤ 20 ms'],
    ['3D workspace / bare three.js fps, 1,000,000 points (headless Chromium, WebGL on the CPU)', n(pc.render_fps_ratio_1m, 2), '≥ 0.8'],
    ['3D frame switch, 50 frames × 100 tracks, until all four views are drawn', `${n(pc.frame_switch_ms)} ms (JS part ${n(pc['frame_switch_setup_ms'])} ms)`, '≤ 50 ms'],
    ['text: open 100 KB with 2,000 spans / CoNLL import', `${n(t.open_ms_100kb_2000_spans)} ms / ${n(t.import_conll_sentences_per_s)} sentences/s`, '≤ 200 ms'],
    ...(t['al_labels_to_90_banking77'] !== undefined ? [[
      'text: banking77 labels to 90% accuracy, margin / random sampling; auto-accept at 95%: coverage of the rest, accuracy; training on 10,003 texts',
      `${String(t['al_labels_to_90_banking77'])} / ${String(t['al_labels_to_90_banking77_random'])} (random ends at ${n(Number(t['al_final_accuracy_random']) * 100, 1)}%); ${n(Number(t['auto_accept_coverage']) * 100, 1)}%, ${n(Number(t['auto_accept_accuracy']) * 100, 1)}%; ${n(t['train_s_10k'], 1)} s`,
      '≤ 3,000 / ≈ 7,000; ≥ 60%, ≥ 95%'] as [string, string, string],
      ['text: entity tagger on NCBI disease (train → devel), span F1 / sentences accepted untouched', `${n(t['tagger_span_f1_ncbi'], 3)} / ${n(Number(t['tagger_untouched_ncbi']) * 100, 1)}%`, ''] as [string, string, string]] : []),
    ...(r.interop ? [[`labels import, Label Studio JSONL as accepted labels (3 boxes a row) / COCO export (${n(r.interop['export_annotations'])} boxes)`,
      `${n(r.interop.import_labelled_rows_per_s)} rows/s / ${n(r.interop.export_annotations_per_s)} annotations/s`, '≥ 50,000 rows/s / 1,000,000 in ≤ 30 s'] as [string, string, string]] : []),
    ...(r.machine ? [['machines: shipped detector on coco128, one core / annotator seconds with its proposals over by hand (held-out half)',
      `${n(r.machine.prelabel_images_per_s, 2)} images/s / ${n(r.machine.effort_ratio, 2)}`, '≥ 2.5 images/s (400 ms) / ≤ 0.5'] as [string, string, string]] : []),
    ...(r.ui ? [[`tasks view on ${n(r.ui.tasks)} tasks: a page with its total, slowest of ${Object.keys(r.ui.page_ms_by_filter).length} filters and sorts (median / p95); bulk reassign of ${n(r.ui.bulk_reassign_tasks)} filtered tasks`,
      `${n(r.ui.tasks_page_ms_1m, 1)} / ${n(r.ui.tasks_page_p95_ms_1m, 1)} ms; ${n(r.ui.bulk_reassign_ms)} ms`, '≤ 100 ms a page'] as [string, string, string]] : []),
    ...loadRows(r),
  ];
  return [
    `Measured at ${at}, ${String(r.host['cpus'])} × ${String(r.host['cpu'])}, with server, PostgreSQL and load generator sharing`,
    'the cores. The machine is shared, so absolute figures move between runs; the ratios (Cadre over the bare',
    'baseline in the same run) are what compares.',
    '',
    '| figure | measured | target |',
    '|---|---|---|',
    ...rows.map(([a, b, c]) => `| ${a} | ${b} | ${c} |`),
  ].join('\n');
}

/** The load phase (two processes, a thousand people) and the kill -9 cycles, once they are in the file. */
function loadRows(r: Report): [string, string, string][] {
  const { load, faults } = r as { load?: Record<string, any>; faults?: Record<string, any> };
  const rows: [string, string, string][] = [];
  if (load) {
    const own = load['measured_by_servers'];
    rows.push([`two processes, ${n(load['annotators'])} annotators for ${n(Number(load['seconds']) / 60)} min (claim → think 10–30 s → submit, dashboards open), p99 claim / submit`,
      `${n(load['claim_p99_ms'], 1)} / ${n(load['submit_p99_ms'], 1)} ms${own ? ` (as the servers measured: ${n(own.claim.p99_ms, 1)} / ${n(own.submit.p99_ms, 1)})` : ''}; ${n(load['errors'])} errors, ${n(load['double_leases'])} double leases, ${n(load['cycles_per_s'], 1)} cycles/s`,
      '≤ 50 ms, 0 errors, 0 double leases']);
  }
  if (faults) {
    rows.push([`kill -9 of one process under load, ${n(faults['kill_cycles'])} times: acknowledged submits lost / leases never returned / half-written`,
      `${n(faults['acknowledged_lost'])} of ${n(faults['acknowledged'])} / ${n(faults['leases_walked_away_not_returned'])} of ${n(faults['leases_walked_away'])} / ${n(faults['half_written'])}`, '0 / 0 / 0']);
  }
  return rows;
}

/** Replaces what lies between the markers; throws when the README has none (they are never added silently). */
export function writeReadmeTable(r: Report, readme = README): void {
  const text = readFileSync(readme, 'utf8');
  const from = text.indexOf(BEGIN);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no ${BEGIN} ... ${END} markers`);
  writeFileSync(readme, `${text.slice(0, from + BEGIN.length)}\n${readmeTable(r)}\n${text.slice(to)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeReadmeTable(JSON.parse(readFileSync(LATEST, 'utf8')) as Report);
  console.log('README.md: performance table written from bench/results/latest.json');
}
