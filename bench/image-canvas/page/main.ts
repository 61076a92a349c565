// Runs in headless Chromium: times the image canvas on a real <canvas>, then leaves the figures in
// window.__bench. Each timed step ends with a 1-pixel getImageData, which makes the canvas raster
// the queued drawing, so the times include the canvas work and not only the engine's calls.
import { ImageEngine, type PointerInput } from '@cadre/image-canvas';
import { boxes, CANVAS, IMAGE, ontology, percentile, prng, type PageResult } from './scene.ts';

declare global {
  interface Window { __bench?: PageResult }
}

const BOXES = 10_000;
const FRAMES = 120;
const ADD_REPEATS = 20;
const ADD_WARMUP = 3;

function setup(): { engine: ImageEngine; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = CANVAS.width;
  canvas.height = CANVAS.height;
  document.body.appendChild(canvas);
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('no 2D context');
  const engine = new ImageEngine({ ontology: ontology(), imageWidth: IMAGE.width, imageHeight: IMAGE.height, canvasWidth: CANVAS.width, canvasHeight: CANVAS.height });
  return { engine, ctx };
}

const flush = (ctx: CanvasRenderingContext2D): void => void ctx.getImageData(0, 0, 1, 1);
const pointer = (x: number, y: number, button: number): PointerInput => ({ x, y, button, shiftKey: false, ctrlKey: false });
const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

/** Frame i of the script: 3 cycles of 40 frames — pan at fit, zoom in, pan zoomed in, zoom out. */
function step(engine: ImageEngine, i: number): void {
  const cycle = Math.floor(i / 40);
  const f = i % 40;
  const at = [{ x: 400, y: 300 }, { x: 1200, y: 700 }, { x: 800, y: 500 }][cycle % 3]!;
  const sign = cycle % 2 === 0 ? 1 : -1;
  if ((f >= 10 && f < 18) || f >= 32) {
    engine.wheel({ ...at, deltaY: f < 18 ? -60 : 60 });
  } else {
    // A middle-button drag of (±20, ±12) canvas px: the engine pans whatever the tool.
    const [dx, dy] = f < 10 ? [20 * sign, 12 * sign] : [-20 * sign, -12 * sign];
    engine.pointerDown(pointer(800, 500, 1));
    engine.pointerMove(pointer(800 + dx, 500 + dy, 1));
    engine.pointerUp(pointer(800 + dx, 500 + dy, 1));
  }
}

async function run(): Promise<PageResult> {
  const { engine, ctx } = setup();
  const data = boxes(BOXES, 1);

  // (1) Opening an item: load 10,000 boxes, fit the image, draw it all once.
  let t0 = performance.now();
  engine.load({ schemaVersion: 1, objects: data });
  engine.fit();
  const drawn = engine.render(ctx).objects;
  flush(ctx);
  const firstRender = performance.now() - t0;

  // (2) Pan and zoom, one input step and one render per animation frame.
  const frames: number[] = [];
  const engineOnly: number[] = [];
  const intervals: number[] = [];
  let last = await nextFrame();
  for (let i = 0; i < FRAMES; i++) {
    const ts = await nextFrame();
    intervals.push(ts - last);
    last = ts;
    t0 = performance.now();
    step(engine, i);
    engine.render(ctx);
    engineOnly.push(performance.now() - t0);
    flush(ctx);
    frames.push(performance.now() - t0);
  }

  // (3) Draw a box with the rectangle tool over 1,000 boxes: press, drag, release, render.
  engine.load({ schemaVersion: 1, objects: boxes(1000, 2) });
  engine.fit();
  engine.render(ctx);
  if (!engine.setTool('rectangle')) throw new Error('no rectangle tool for the ontology');
  const rand = prng(3);
  const adds: number[] = [];
  for (let r = 0; r < ADD_WARMUP + ADD_REPEATS; r++) {
    const x = 200 + rand() * 1000;
    const y = 50 + rand() * 800;
    t0 = performance.now();
    engine.pointerDown(pointer(x, y, 0));
    for (let s = 1; s <= 4; s++) engine.pointerMove(pointer(x + 15 * s, y + 10 * s, 0));
    engine.pointerUp(pointer(x + 60, y + 40, 0));
    engine.render(ctx);
    flush(ctx);
    if (r >= ADD_WARMUP) adds.push(performance.now() - t0);
  }
  const added = engine.document.objects().length - 1000;

  // (4) Opening a very large image (8000 × 6000 PNG, made here and not timed): decode it, fit it
  // to the canvas and draw it once, as the workspace does when an item opens.
  const large = await largePng();
  const opens: number[] = [];
  for (let r = 0; r < 3; r++) {
    t0 = performance.now();
    const bitmap = await createImageBitmap(large);
    const scale = Math.min(CANVAS.width / bitmap.width, CANVAS.height / bitmap.height);
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.drawImage(bitmap, 0, 0);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    flush(ctx);
    opens.push(performance.now() - t0);
    bitmap.close();
  }
  if (added !== ADD_WARMUP + ADD_REPEATS) throw new Error(`the rectangle tool added ${added} boxes, expected ${ADD_WARMUP + ADD_REPEATS}`);

  return {
    ok: true, boxes: BOXES, first_render_ms: firstRender, first_render_drawn: drawn,
    pan_frames: frames.length, pan_frame_median_ms: percentile(frames, 50), pan_frame_p95_ms: percentile(frames, 95),
    pan_frame_max_ms: Math.max(...frames), pan_interval_p95_ms: percentile(intervals, 95),
    pan_engine_median_ms: percentile(engineOnly, 50), pan_engine_p95_ms: percentile(engineOnly, 95),
    add_box_ms_at_1000: percentile(adds, 50), add_box_repeats: adds.length, large_image_open_ms: percentile(opens, 50), user_agent: navigator.userAgent,
  };
}

/** Horizontal bands, like the browser test's image, encoded as PNG by the browser. */
async function largePng(): Promise<Blob> {
  const c = new OffscreenCanvas(8000, 6000);
  const g = c.getContext('2d')!;
  for (let y = 0; y < 6000; y += 200) { g.fillStyle = (y / 200) % 2 ? 'rgb(180,90,75)' : 'rgb(60,90,195)'; g.fillRect(0, y, 8000, 200); }
  return c.convertToBlob({ type: 'image/png' });
}

const failed = (e: unknown): PageResult => ({
  ok: false, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e), boxes: BOXES, first_render_ms: NaN,
  first_render_drawn: 0, pan_frames: 0, pan_frame_median_ms: NaN, pan_frame_p95_ms: NaN, pan_frame_max_ms: NaN,
  pan_interval_p95_ms: NaN, pan_engine_median_ms: NaN, pan_engine_p95_ms: NaN, add_box_ms_at_1000: NaN, add_box_repeats: 0, large_image_open_ms: NaN, user_agent: navigator.userAgent,
});

run().then((r) => (window.__bench = r), (e: unknown) => (window.__bench = failed(e)));
