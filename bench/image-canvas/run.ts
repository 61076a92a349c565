// The image canvas in headless Chromium: bundles page/main.ts with esbuild, serves it on 127.0.0.1,
// and reads the figures the page leaves in window.__bench. Alone: node --import tsx bench/image-canvas/run.ts
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { launchBrowser } from '../../packages/web/e2e/browser.ts';
import type { Report } from '../report.ts';
import { round } from '../stats.ts';
import type { PageResult } from './page/scene.ts';

const PAGE_TIMEOUT_MS = 120_000;

async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./page/main.ts', import.meta.url))],
    bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent',
  });
  const js = out.outputFiles[0];
  if (js === undefined) throw new Error('esbuild produced no output');
  return js.text;
}

const HTML = '<!doctype html><meta charset="utf-8"><title>image canvas bench</title>'
  + '<style>body{margin:0;background:#222}canvas{display:block}</style><body><script src="/main.js"></script></body>';

async function serve(js: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const [type, body] = req.url === '/main.js' ? ['text/javascript', js] : req.url === '/' ? ['text/html', HTML] : ['text/plain', 'not found'];
    res.writeHead(body === 'not found' ? 404 : 200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

export async function imageCanvasPhase(): Promise<PageResult> {
  const { server, url } = await serve(await bundle());
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url);
    const handle = await page.waitForFunction(() => (globalThis as { __bench?: PageResult }).__bench, undefined, { timeout: PAGE_TIMEOUT_MS, polling: 100 })
      .catch((e: unknown) => { throw new Error(`the bench page did not finish: ${String(e)}; page errors: ${pageErrors.join('; ') || 'none'}`); });
    const result = (await handle.jsonValue()) as PageResult;
    if (!result.ok) throw new Error(`the bench page failed: ${result.error ?? '?'}`);
    return result;
  } finally {
    await browser.close().catch(() => undefined);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The page's figures as the results file keeps them (`image_canvas`). */
export function imageCanvasFigures(r: PageResult): Report['image_canvas'] {
  return {
    first_render_ms: round(r.first_render_ms, 1), pan_frame_p95_ms: round(r.pan_frame_p95_ms, 1),
    pan_frame_median_ms: round(r.pan_frame_median_ms, 1), add_box_ms_at_1000: round(r.add_box_ms_at_1000, 1), boxes: r.boxes,
    pan_frame_max_ms: round(r.pan_frame_max_ms, 1), pan_interval_p95_ms: round(r.pan_interval_p95_ms, 1),
    pan_engine_median_ms: round(r.pan_engine_median_ms, 1), pan_engine_p95_ms: round(r.pan_engine_p95_ms, 1),
    pan_frames: r.pan_frames, add_box_repeats: r.add_box_repeats, large_image_open_ms: round(r.large_image_open_ms, 1), first_render_drawn: r.first_render_drawn,
    browser: `${r.user_agent.match(/HeadlessChrome\/[\d.]+/)?.[0] ?? r.user_agent}, --disable-gpu (software rendering)`,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await imageCanvasPhase();
  console.log(JSON.stringify(imageCanvasFigures(r), null, 2));
  console.log(`add a box with 1,000 boxes: ${r.add_box_ms_at_1000.toFixed(2)} ms (target <= 16)`);
  console.log(`pan/zoom 10,000 boxes: frame p95 ${r.pan_frame_p95_ms.toFixed(2)} ms (target <= 50), median ${r.pan_frame_median_ms.toFixed(2)} ms`);
}
