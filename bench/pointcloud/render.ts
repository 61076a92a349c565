// The 3D workspace in headless Chromium (WebGL through SwiftShader, on the CPU: compare the ratio,
// not the fps). render_fps_ratio_1m: engine fps / bare three.js fps orbiting the same 1,000,000
// points, alternating rounds of equal frames in one page. frame_switch_ms: median of setCloud (60k
// points) + setCuboids (100 tracks) + the next animation frame, until all four views have drawn it;
// frame_switch_setup_ms is the JavaScript part alone. Alone: node --import tsx bench/pointcloud/render.ts
import { pathToFileURL } from 'node:url';
import { browserName, runBenchPage, type PageOutcome } from '../browser-page.ts';

export interface RenderFigures { render_fps_ratio_1m: number; frame_switch_ms: number; frame_switch_setup_ms: number; bare_fps: number; engine_fps: number; browser: string }

export async function pointcloudRender(): Promise<RenderFigures> {
  const r = await runBenchPage<PageOutcome & Omit<RenderFigures, 'browser'>>('3D', new URL('./page/main.ts', import.meta.url));
  const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
  return {
    render_fps_ratio_1m: round(r.render_fps_ratio_1m, 2), frame_switch_ms: round(r.frame_switch_ms, 1), frame_switch_setup_ms: round(r.frame_switch_setup_ms, 1), bare_fps: round(r.bare_fps, 1), engine_fps: round(r.engine_fps, 1),
    browser: `${browserName(r.user_agent)}, WebGL through SwiftShader (CPU)`,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(JSON.stringify(await pointcloudRender(), null, 2));
