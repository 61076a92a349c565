// The text engine in headless Chromium: a 100 KB document with 2,000 spans. open = from
// `new TextEngine` through setText and setSpans to the first painted frame (median of 7 opens);
// scroll = top to bottom, 240 px a frame, p95 of the time between frames (16.7 ms = every frame
// on time at 60 Hz). The details add setSpans of all 2,000 again (what the workspace does on a
// label change) to the next painted frame. Alone: node --import tsx bench/text/open.ts
import { pathToFileURL } from 'node:url';
import { browserName, runBenchPage } from '../browser-page.ts';
import { benchDocument } from './document.ts';
import type { PageResult } from './page/result.ts';

export interface TextOpenFigures { open_ms_100kb_2000_spans: number; scroll_frame_p95_ms: number }
export interface TextOpenDetails extends TextOpenFigures {
  open_runs_ms: number[]; set_spans_to_paint_ms: number; scroll_work_p95_ms: number; scroll_frames: number; blocks_in_dom_max: number; source: string; browser: string;
}

const round = (v: number) => Math.round(v * 10) / 10;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};

export async function textOpenDetails(): Promise<TextOpenDetails> {
  const doc = benchDocument();
  const data = JSON.stringify({ text: doc.text, spans: doc.spans });
  const r = await runBenchPage<PageResult>('text', new URL('./page/main.ts', import.meta.url), { '/data.json': ['application/json', data] }, 120_000);
  return {
    open_ms_100kb_2000_spans: round(percentile(r.open_ms, 50)),
    scroll_frame_p95_ms: round(percentile(r.scroll_intervals_ms, 95)),
    open_runs_ms: r.open_ms.map(round),
    set_spans_to_paint_ms: round(percentile(r.relabel_ms, 50)),
    scroll_work_p95_ms: round(percentile(r.scroll_work_ms, 95)),
    scroll_frames: r.scroll_intervals_ms.length,
    blocks_in_dom_max: r.blocks_in_dom_max,
    source: `${doc.source}: ${Buffer.byteLength(doc.text)} bytes, ${doc.spans.length} spans (${doc.spans.filter((s) => s.prediction).length} predictions)`,
    browser: `${browserName(r.user_agent)}, --disable-gpu (software rendering)`,
  };
}

export async function textOpenBench(): Promise<TextOpenFigures> {
  const { open_ms_100kb_2000_spans, scroll_frame_p95_ms } = await textOpenDetails();
  return { open_ms_100kb_2000_spans, scroll_frame_p95_ms };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const details = await textOpenDetails();
  console.log(JSON.stringify(details, null, 2));
}
