// The review loop's browser tests: people with roles signed in on their own pages, the machine's
// check stage, and where a task and its annotation stand.
import type { Page } from 'playwright-core';
import { importer, predictions, projectService, type Actor } from '@cadre/server';
import { COCO, dragBox, objectCount, signedInPage, type BrowserApp } from './setup.ts';

async function* firstRows<T>(rows: AsyncIterable<T>, n: number): AsyncIterable<T> {
  let i = 0;
  for await (const r of rows) { if (i++ >= n) return; yield r; }
}

/** A project over one coco128 image (its YOLO boxes as pre-labels) with these stages. */
export async function oneImageProject(env: BrowserApp, name: string, stages: string[]): Promise<string> {
  const p = await projectService.createProject(env.h.deps, env.h.admin, { name, ontology: { classes: [{ name: 'car', kind: 'bbox2d' }] } as never, settings: { stages } });
  const rows = predictions.folderRowsWithPredictions(`${COCO}images`, { kind: 'yolo', labelsDir: `${COCO}labels/train2017`, classesFile: `${COCO}config.yaml` });
  await importer.importRows(env.h.deps, env.h.admin, firstRows(rows, 1), { projectId: p.id, file: `${COCO}images`, format: 'folder', skipInvalid: true });
  return p.id;
}

/** A member of the project with this role, and a page signed in as them. */
export async function personWithRole(env: BrowserApp, projectId: string, name: string, role: 'annotator' | 'reviewer'): Promise<{ actor: Actor; page: Page }> {
  const email = `${name}@test.local`;
  const actor = await env.h.user(email);
  await env.h.member(projectId, actor, role);
  const page = await env.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(env.base);
  await page.fill('#email', email);
  await page.fill('#password', 'user-password');
  await page.click('button[type=submit]');
  await page.locator('h1', { hasText: 'Projects' }).waitFor();
  return { actor, page };
}

/** The one task of a one-item project: its stage and status, and its item's latest annotation state. */
export async function where(env: BrowserApp, projectId: string): Promise<{ stage: string; status: string; state: string | null }> {
  const { rows } = await env.h.deps.pool.query(
    `select t.stage, t.status, (select a.state from annotations a where a.item_id = t.item_id order by a.created_at desc, a.id desc limit 1) as state
       from tasks t where t.project_id = $1`, [projectId]);
  if (rows.length !== 1) throw new Error(`expected one task, found ${rows.length}`);
  return rows[0] as { stage: string; status: string; state: string | null };
}

/** Waits until the machine's check stage (a worker in the server) has moved the task on. */
export async function afterChecks(env: BrowserApp, projectId: string, stage: string, timeoutMs = 20_000): Promise<void> {
  const server = (await import('@cadre/server')) as unknown as { workflow?: { runMachineStage?: (deps: unknown) => Promise<number> } };
  const end = Date.now() + timeoutMs;
  for (;;) {
    await server.workflow?.runMachineStage?.(env.h.deps);
    const now = await where(env, projectId);
    if (now.stage === stage) return;
    if (Date.now() > end) throw new Error(`the task stayed in ${now.stage} (${now.status}); expected ${stage}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The annotator opens the project, draws one box and submits it; returns the box's id once the work has passed the checks into `stage`. */
export async function submitOneBox(env: BrowserApp, page: Page, projectId: string, stage = 'review'): Promise<string> {
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await objectCount(page, 0).waitFor();
  await dragBox(page);
  await objectCount(page, 1).waitFor();
  const boxId = (await page.locator('[data-testid=objects] .ol-row').first().getAttribute('data-id'))!;
  await page.keyboard.press('Control+Enter');
  await page.locator('text=No tasks are waiting').waitFor();
  await afterChecks(env, projectId, stage);
  return boxId;
}

interface Exported { id: string; label: string; origin?: string; geometry: Record<string, number> }

/**
 * What a manager finds after the decision, through the HTTP API the app uses: the project's
 * export (its one item's annotation) and who wrote each version of it, oldest first.
 */
export async function exportAndHistory(env: BrowserApp, projectId: string): Promise<{ objects: Exported[]; authors: string[] }> {
  const admin = await signedInPage(env);
  try {
    const exported = await admin.request.get(`${env.base}/api/projects/${projectId}/export?onlyAnnotated=true`);
    const [row] = (await exported.text()).trim().split('\n').map((l) => JSON.parse(l));
    const versions = await (await admin.request.get(`${env.base}/api/items/${row.id}/annotations`)).json() as { authorName: string }[];
    return { objects: row.annotation.objects, authors: versions.map((v) => v.authorName) };
  } finally {
    await admin.close();
  }
}

/** The `?` list while deciding: `A` decides the work, and no key of it takes a pre-label. */
export async function helpSaysADecides(page: Page, open: () => Promise<void>): Promise<string> {
  await open();
  const help = page.locator('[data-testid=help-overlay]');
  await help.waitFor();
  const text = await help.innerText();
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'hidden' });
  return text;
}
