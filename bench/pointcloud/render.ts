// The 3D workspace in headless Chromium (WebGL through SwiftShader, on the CPU: compare the ratio,
// not the fps). render_fps_ratio_1m: engine fps / bare three.js fps orbiting the same 1,000,000
// points, alternating rounds of equal frames in one page. frame_switch_ms: median of setCloud (60k
// points) + setCuboids (100 tracks) + the next animation frame, until all four views have drawn it;
// frame_switch_setup_ms is the JavaScript part alone. Alone: node --import tsx bench/pointcloud/render.ts
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { launchBrowser } from '../../packages/web/e2e/browser.ts';

export interface RenderFigures { render_fps_ratio_1m: number; frame_switch_ms: number; frame_switch_setup_ms: number; bare_fps: number; engine_fps: number; browser: string }

export async function pointcloudRender(): Promise<RenderFigures> {
  const out = await build({ entryPoints: [fileURLToPath(new URL('./page/main.ts', import.meta.url))], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
  const js = out.outputFiles[0]!.text;
  const server = createServer((req, res) => {
    const [type, body] = req.url === '/main.js' ? ['text/javascript', js] : ['text/html', '<!doctype html><meta charset="utf-8"><body style="margin:0"><script src="/main.js"></script>'];
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8` });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const handle = await page.waitForFunction(() => (globalThis as { __bench?: unknown }).__bench, undefined, { timeout: 300_000, polling: 250 })
      .catch((e: unknown) => { throw new Error(`the 3D bench page did not finish: ${String(e)}; page errors: ${errors.join('; ') || 'none'}`); });
    const r = (await handle.jsonValue()) as { ok: boolean; error?: string; user_agent: string } & Omit<RenderFigures, 'browser'>;
    if (!r.ok) throw new Error(`the 3D bench page failed: ${r.error}`);
    const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
    return {
      render_fps_ratio_1m: round(r.render_fps_ratio_1m, 2), frame_switch_ms: round(r.frame_switch_ms, 1), frame_switch_setup_ms: round(r.frame_switch_setup_ms, 1), bare_fps: round(r.bare_fps, 1), engine_fps: round(r.engine_fps, 1),
      browser: `${r.user_agent.match(/HeadlessChrome\/[\d.]+/)?.[0] ?? r.user_agent}, WebGL through SwiftShader (CPU)`,
    };
  } finally {
    await browser.close().catch(() => undefined);
    server.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(JSON.stringify(await pointcloudRender(), null, 2));
