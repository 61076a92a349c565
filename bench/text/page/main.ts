// The text engine bench page: opens the document a few times (new TextEngine + setText + setSpans
// until the first painted frame), then scrolls the last one from top to bottom, one step a frame.
import { TextEngine, type SceneSpan } from '@cadre/text-canvas';
import type { PageResult } from './result.ts';

const RUNS = 7, STEP_PX = 240;
const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));
/** Resolves just after the next frame has been produced (a message posted from rAF runs after its paint). */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => resolve();
  ch.port2.postMessage(null);
}));

function frame(): HTMLDivElement {
  const div = document.createElement('div');
  div.style.cssText = 'width:900px;height:800px;border:1px solid #ccc';
  document.body.appendChild(div);
  return div;
}

async function run(): Promise<PageResult> {
  const { text, spans } = (await (await fetch('/data.json')).json()) as { text: string; spans: SceneSpan[] };
  const open: number[] = [];
  let engine: TextEngine | undefined, container: HTMLDivElement | undefined;
  for (let i = 0; i < RUNS; i++) {
    engine?.destroy();
    container?.remove();
    container = frame();
    await afterPaint();
    const t0 = performance.now();
    engine = new TextEngine({ container, granularity: 'token', allowOverlap: true });
    engine.setText(text);
    engine.setSpans(spans);
    await afterPaint();
    open.push(performance.now() - t0);
  }
  // A label changed: the workspace hands every span over again.
  const relabel: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const changed = spans.map((s, k) => (k === i ? { ...s, label: `${s.label}*` } : s));
    const t0 = performance.now();
    engine!.setSpans(changed);
    await afterPaint();
    relabel.push(performance.now() - t0);
  }
  const scroller = container!.querySelector<HTMLElement>('.tc-scroll')!;
  engine!.select(spans[5]!.id);
  engine!.setSelection({ start: 10, end: 40 });
  const intervals: number[] = [], work: number[] = [];
  let blocksMax = 0;
  let last = await nextFrame();
  while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
    const t0 = performance.now();
    scroller.scrollTop += STEP_PX;
    // The engine's own scroll handler, run now so its work (and the layout it causes) is timed.
    scroller.dispatchEvent(new Event('scroll'));
    void scroller.offsetHeight;
    work.push(performance.now() - t0);
    blocksMax = Math.max(blocksMax, scroller.querySelectorAll('.tc-block:not(:empty)').length);
    const ts = await nextFrame();
    intervals.push(ts - last);
    last = ts;
  }
  return {
    ok: true, user_agent: navigator.userAgent, open_ms: open, relabel_ms: relabel, scroll_intervals_ms: intervals, scroll_work_ms: work,
    blocks_in_dom_max: blocksMax, scroll_height: scroller.scrollHeight, chars: text.length, spans: spans.length,
  };
}

run().then((r) => { (globalThis as { __bench?: PageResult }).__bench = r; }, (e: unknown) => {
  (globalThis as { __bench?: Partial<PageResult> }).__bench = { ok: false, error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) };
});
