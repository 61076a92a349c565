// Runs a bench page in headless Chromium: bundles `entry` with esbuild, serves it (and any extra
// files) on 127.0.0.1, and returns what the page leaves in window.__bench once it is there.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launchBrowser } from '../packages/web/e2e/browser.ts';

export interface PageOutcome { ok: boolean; error?: string; user_agent: string }

export async function runBenchPage<T extends PageOutcome>(name: string, entry: URL, files: Record<string, [string, string]> = {}, timeoutMs = 300_000): Promise<T> {
  const out = await build({ entryPoints: [fileURLToPath(entry)], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
  const served: Record<string, [string, string]> = { '/main.js': ['text/javascript', out.outputFiles[0]!.text], ...files };
  const server = createServer((req, res) => {
    const [type, body] = served[req.url ?? ''] ?? ['text/html', `<!doctype html><meta charset="utf-8"><title>${name} bench</title><body style="margin:0"><script src="/main.js"></script>`];
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const handle = await page.waitForFunction(() => (globalThis as { __bench?: unknown }).__bench, undefined, { timeout: timeoutMs, polling: 100 })
      .catch((e: unknown) => { throw new Error(`the ${name} bench page did not finish: ${String(e)}; page errors: ${errors.join('; ') || 'none'}`); });
    const r = (await handle.jsonValue()) as T;
    if (!r.ok) throw new Error(`the ${name} bench page failed: ${r.error}`);
    return r;
  } finally {
    await browser.close().catch(() => undefined);
    server.close();
  }
}

export const browserName = (userAgent: string) => userAgent.match(/HeadlessChrome\/[\d.]+/)?.[0] ?? userAgent;
