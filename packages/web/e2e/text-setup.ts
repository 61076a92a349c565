// Shared set-up of the text workspace's browser tests: the real medical-intents rows, imported
// over the HTTP API as a signed-in page would, and a wait for background submissions to land.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { exporter } from '@cadre/server';
import { SHARED_DATA } from '../../server/src/import/testing.ts';
import type { BrowserApp } from './setup.ts';

export const INTENTS = fileURLToPath(new URL('text/medical-intents/overview-of-recordings.csv', SHARED_DATA));
export const NCBI = fileURLToPath(new URL('text/ncbi-disease/', SHARED_DATA));

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

export interface Intent { phrase: string; prompt: string }

/** Every row of the recordings overview as (phrase, prompt), and its classes in alphabetical order. */
export function intents(): { rows: Intent[]; classes: string[] } {
  const [head, ...body] = parseCsv(readFileSync(INTENTS, 'utf8'));
  const phrase = head!.indexOf('phrase');
  const prompt = head!.indexOf('prompt');
  const rows = body.filter((r) => r.length === head!.length).map((r) => ({ phrase: r[phrase]!, prompt: r[prompt]! }));
  return { rows, classes: [...new Set(rows.map((r) => r.prompt))].sort() };
}

/** Signs in before any project exists (signedInPage waits for the list of projects). */
export async function signIn(env: BrowserApp): Promise<Page> {
  const page = await env.browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.goto(env.base);
  await page.fill('#email', 'admin@test.local');
  await page.fill('#password', 'admin-password');
  await page.click('button[type=submit]');
  await page.locator('button', { hasText: 'New project' }).waitFor();
  return page;
}

/** POST as the signed-in page: the same cookies, the same API a person's browser uses. */
export async function post<T>(page: Page, path: string, body: string | object, contentType = 'application/json'): Promise<T> {
  const res = await page.request.post(new URL(path, page.url()).href, { data: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': contentType } });
  if (!res.ok()) throw new Error(`${path}: HTTP ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface Exported { data: { text: string }; annotation: { objects: { label: string; kind: string; origin?: string; predictionId?: string; score?: number; geometry: unknown }[] } }

/** The annotated items, once `count` of them are stored (submissions land in the background). */
export async function annotated(env: BrowserApp, projectId: string, count: number): Promise<Exported[]> {
  for (let tries = 0; ; tries++) {
    let text = '';
    for await (const chunk of exporter.exportJsonl(env.h.deps, env.h.admin, projectId, { onlyAnnotated: true, which: 'latest' })) text += chunk;
    const rows = text.trim() === '' ? [] : text.trim().split('\n').map((l) => JSON.parse(l) as Exported);
    if (rows.length >= count || tries >= 50) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Drags the real mouse over `word` in the text pane: from the middle of its first letter to the
 * middle of its last, or with `exact` from just inside its left edge to just inside its right one.
 */
export async function dragOver(page: Page, word: string, exact = false): Promise<void> {
  const box = await page.evaluate(([w, exact]) => {
    const pane = document.querySelector('[data-testid=text-pane]')!;
    const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n.textContent ?? '').indexOf(w);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(n, at); r.setEnd(n, at + 1);
      const first = r.getBoundingClientRect();
      r.setStart(n, at + w.length - 1); r.setEnd(n, at + w.length);
      const last = r.getBoundingClientRect();
      return exact ? { x0: first.x + 1, x1: last.right - 1, y: first.y + first.height / 2 } : { x0: first.x + first.width / 2, x1: last.x + last.width / 2, y: first.y + first.height / 2 };
    }
    return null;
  }, [word, exact] as const);
  assert.ok(box, `"${word}" is on screen`);
  await page.mouse.move(box.x0, box.y);
  await page.mouse.down();
  await page.mouse.move((box.x0 + box.x1) / 2, box.y, { steps: 3 });
  await page.mouse.move(box.x1, box.y, { steps: 3 });
  await page.mouse.up();
}
