// Labels in, reviewed, labels out, through the web app: a manager makes an image project, imports a
// COCO file (three coco128 images with their real boxes) as drafts to review, a reviewer deletes one
// box of the first image and accepts it, and the manager's YOLO export (Export panel, a .zip) holds
// exactly the reviewed boxes for that image and nothing for the two images nobody accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { COCO, needsSharedData, objectCount, objectRows, useBrowserApp } from './setup.ts';
import { personWithRole } from './review-setup.ts';
import { signInAs } from './sign-in.ts';

// The images a label file names are looked for in the server's media folders (read once, at the
// first import, so set before the app starts).
process.env.CADRE_MEDIA_ROOTS = `${COCO}images/train2017`;
const env = useBrowserApp();

interface CocoImage { id: number; file_name: string; width: number; height: number }
interface CocoAnnotation { id: number; image_id: number; category_id: number; bbox: [number, number, number, number]; area: number; iscrowd: number }
interface CocoFile { images: CocoImage[]; annotations: CocoAnnotation[]; categories: { id: number; name: string; supercategory?: string }[] }

// Three images with only giraffes and people in them: 136 (two of each), 144 (three giraffes), 25 (two giraffes).
const PICK = ['000000000136.jpg', '000000000144.jpg', '000000000025.jpg'];

/** A small COCO file cut from coco128's own instances file: the picked images, their boxes, their categories. */
function cocoFixture(): CocoFile {
  const all = JSON.parse(readFileSync(`${COCO}instances_train2017_coco128.json`, 'utf8')) as CocoFile;
  const images = PICK.map((name) => all.images.find((i) => i.file_name === name)!).map(({ id, file_name, width, height }) => ({ id, file_name, width, height }));
  const ids = new Set(images.map((i) => i.id));
  const annotations = all.annotations.filter((a) => ids.has(a.image_id))
    .map(({ id, image_id, category_id, bbox, area, iscrowd }) => ({ id, image_id, category_id, bbox, area, iscrowd, segmentation: [] }));
  const used = new Set(annotations.map((a) => a.category_id));
  const categories = all.categories.filter((c) => used.has(c.id));
  assert.deepEqual(categories.map((c) => c.name).sort(), ['giraffe', 'person'], 'the picked images hold giraffes and people only');
  return { images, annotations, categories };
}

const stem = (path: string) => path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');

/** The class names of a YOLO export: `data.yaml`'s `names` (list or map), or `classes.txt` / `obj.names`. */
function yoloNames(files: Record<string, Uint8Array>): string[] {
  const find = (re: RegExp) => Object.keys(files).find((p) => re.test(p));
  const yaml = find(/(^|\/)(data|dataset)\.ya?ml$/);
  if (yaml) {
    const text = strFromU8(files[yaml]!);
    const inline = /^names:\s*\[(.*)\]\s*$/m.exec(text);
    if (inline) return inline[1]!.split(',').map((s) => s.trim().replace(/^['"]|['"]$/g, '')).filter((s) => s !== '');
    const block = /^names:\s*\n((?:[ \t]+.*\n?)+)/m.exec(text);
    if (block) {
      const lines = block[1]!.split('\n').map((l) => l.trim()).filter((l) => l !== '');
      if (lines.every((l) => l.startsWith('- '))) return lines.map((l) => l.slice(2).trim().replace(/^['"]|['"]$/g, ''));
      const names: string[] = [];
      for (const l of lines) {
        const m = /^(\d+)\s*:\s*(.*)$/.exec(l);
        if (m) names[Number(m[1])] = m[2]!.trim().replace(/^['"]|['"]$/g, '');
      }
      return names;
    }
  }
  const list = find(/(^|\/)(classes\.txt|obj\.names)$/);
  if (list) return strFromU8(files[list]!).split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  throw new Error(`no class names in the YOLO export (files: ${Object.keys(files).join(', ')})`);
}

interface Box { label: string; cx: number; cy: number; w: number; h: number }

function sameBoxes(actual: Box[], expected: Box[], what: string): void {
  const order = (a: Box, b: Box) => a.label.localeCompare(b.label) || a.cx - b.cx || a.cy - b.cy;
  const as = [...actual].sort(order);
  const es = [...expected].sort(order);
  assert.equal(as.length, es.length, `${what}: ${as.length} boxes, expected ${es.length}\n${JSON.stringify(as)}\n${JSON.stringify(es)}`);
  for (let i = 0; i < es.length; i++) {
    const a = as[i]!;
    const e = es[i]!;
    assert.equal(a.label, e.label, `${what}: box ${i} class`);
    for (const k of ['cx', 'cy', 'w', 'h'] as const) {
      assert.ok(Math.abs(a[k] - e[k]) <= 1e-6, `${what}: box ${i} ${k} is ${a[k]}, expected ${e[k]} (within 1e-6)`);
    }
  }
}

test('interop: a COCO file imported as drafts, one image reviewed (a box deleted) and accepted, exported as YOLO with exactly the reviewed boxes', needsSharedData, async () => {
  const coco = cocoFixture();
  const byName = new Map(coco.categories.map((c) => [c.id, c.name]));

  // The manager makes an image project with two box classes, and a workflow of labeling and review.
  // (The first project of this database: the list says "not in any project yet".)
  const page = await signInAs(env, 'admin@test.local', 'admin-password');
  await page.click('text=New project');
  await page.fill('#project-name', 'Giraffes in and out');
  await page.locator('[aria-label="class name"]').first().fill('giraffe');
  await page.locator('[aria-label="kind"]').first().selectOption('bbox2d');
  await page.click('text=Add class');
  await page.locator('[aria-label="class name"]').nth(1).fill('person');
  await page.locator('[aria-label="kind"]').nth(1).selectOption('bbox2d');
  await page.click('text=Create project');
  await page.locator('h1', { hasText: 'Giraffes in and out' }).waitFor();
  const projectId = new URL(page.url()).pathname.split('/')[2]!;
  await page.goto(`${env.base}/projects/${projectId}/settings`);
  await page.getByRole('form', { name: 'workflow settings' }).waitFor();
  await page.getByLabel('stage check').uncheck();
  await page.getByLabel('stage qa').uncheck();
  await page.getByLabel('stage review').check();
  await page.getByRole('button', { name: 'Save workflow settings' }).click();
  await page.getByTestId('settings-saved').waitFor();

  // The import: format left to detection, the labels become drafts to review.
  await page.goto(`${env.base}/projects/${projectId}/data`);
  await page.getByRole('heading', { name: 'Import tasks' }).waitFor();
  assert.equal(await page.getByLabel('import format').inputValue(), '', 'the format is detected unless chosen');
  await page.getByLabel('labels become').selectOption('drafts');
  await page.setInputFiles('[aria-label="task file"]', { name: 'giraffes-coco.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(coco)) });
  const result = page.getByTestId('import-result').or(page.getByTestId('import-error'));
  await result.waitFor();
  assert.equal(await page.getByTestId('import-error').count(), 0, `the import failed: ${await page.getByTestId('import-error').innerText().catch(() => '')}`);
  assert.match(await page.getByTestId('import-result').innerText(), /Imported 3 items .*3 drafts to review/);
  assert.equal(await page.locator('[data-count="drafts to review"]').innerText(), '3');
  assert.equal(await page.locator('[data-count="items"]').innerText(), '3');
  assert.match(await page.getByTestId('import-format').innerText(), /read as coco/);
  assert.equal(await page.getByTestId('added-classes').innerText(), 'none', 'both classes were in the project');

  // A reviewer opens review: the first image with its imported boxes; deletes one box and accepts.
  const reviewer = await personWithRole(env, projectId, 'rev-interop', 'reviewer');
  const rev = reviewer.page;
  await rev.goto(`${env.base}/projects/${projectId}/review`);
  await rev.locator('[data-testid=review-bar]').waitFor();
  // The address names the task on screen (the next one may be held already, to open at once).
  await rev.waitForURL(/\/review\/[0-9a-f-]{36}$/);
  const taskId = new URL(rev.url()).pathname.split('/').pop()!;
  const held = await env.h.deps.pool.query(
    `SELECT t.item_id, coalesce(i.media_ref, i.asset) AS media FROM tasks t JOIN items i ON i.id = t.item_id
      WHERE t.id = $1 AND t.assignee_id = $2 AND t.status = 'leased'`, [taskId, reviewer.actor.userId]);
  assert.equal(held.rows.length, 1, 'the reviewer holds the task on screen');
  const { item_id: itemId, media } = held.rows[0] as { item_id: string; media: string };
  const image = coco.images.find((i) => stem(i.file_name) === stem(media));
  assert.ok(image, `the reviewed item names one of the imported images (${media})`);
  const imported = coco.annotations.filter((a) => a.image_id === image.id);
  await objectCount(rev, imported.length).waitFor();
  const rows = objectRows(rev);
  const deletedId = (await rows.first().getAttribute('data-id'))!;
  await rows.first().locator('.ol-main').click();
  await rev.keyboard.press('Delete');
  await objectCount(rev, imported.length - 1).waitFor();
  await rev.getByRole('button', { name: 'Accept with my edits (A)' }).waitFor();
  await rev.keyboard.press('a');
  const accepted = await acceptedPayload(itemId);
  assert.equal(accepted.objects.length, imported.length - 1, 'the accepted version lacks the deleted box');
  assert.ok(!accepted.objects.some((o) => o.id === deletedId), 'the deleted box is gone');

  // The reviewed boxes are the imported ones less one (the import kept the file's boxes as they were).
  const norm = (label: string, x: number, y: number, w: number, h: number): Box => ({ label, cx: (x + w / 2) / image.width, cy: (y + h / 2) / image.height, w: w / image.width, h: h / image.height });
  const reviewed = accepted.objects.map((o) => norm(o.label, o.geometry.x, o.geometry.y, o.geometry.width, o.geometry.height));
  const fromFile = imported.map((a) => norm(byName.get(a.category_id)!, ...a.bbox));
  for (const r of reviewed) assert.ok(fromFile.some((f) => f.label === r.label && Math.abs(f.cx - r.cx) < 1e-6 && Math.abs(f.cy - r.cy) < 1e-6 && Math.abs(f.w - r.w) < 1e-6 && Math.abs(f.h - r.h) < 1e-6), `reviewed box ${JSON.stringify(r)} is one of the file's`);

  // The manager exports YOLO, accepted labels only, through the Export panel.
  await page.goto(`${env.base}/projects/${projectId}`);
  await page.locator('.project-nav a', { hasText: 'Import/export' }).click();
  await page.getByRole('heading', { name: 'Export labels' }).waitFor();
  await page.getByLabel('export format').selectOption('yolo');
  await page.getByLabel('which labels').selectOption('accepted');
  const downloading = page.waitForEvent('download').catch((e: Error) => e);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByTestId('export-result').or(page.getByTestId('export-error')).waitFor();
  assert.equal(await page.getByTestId('export-error').count(), 0, `the export failed: ${await page.getByTestId('export-error').innerText().catch(() => '')}`);
  const download = await downloading;
  if (download instanceof Error) throw download;
  const name = download.suggestedFilename();
  assert.match(name, /\.zip$/, `a folder format comes as a .zip (${name})`);
  assert.match(await page.getByTestId('export-result').innerText(), new RegExp(`Saved ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const names = yoloNames(files);
  const labelFiles = Object.keys(files).filter((p) => p.endsWith('.txt') && !/(^|\/)classes\.txt$/.test(p));

  const mine = labelFiles.filter((p) => stem(p) === stem(image.file_name));
  assert.equal(mine.length, 1, `one labels file for ${image.file_name} (files: ${Object.keys(files).join(', ')})`);
  const lines = strFromU8(files[mine[0]!]!).split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const exported = lines.map((l) => {
    const [cls, cx, cy, w, h, ...rest] = l.split(/\s+/);
    assert.equal(rest.length, 0, `a YOLO box line has five fields: ${l}`);
    assert.match(cls!, /^\d+$/, `the class is an index: ${l}`);
    const label = names[Number(cls)];
    assert.ok(label, `class index ${cls} is in the names ${JSON.stringify(names)}`);
    return { label, cx: Number(cx), cy: Number(cy), w: Number(w), h: Number(h) };
  });
  sameBoxes(exported, reviewed, `${mine[0]}`);

  // The two images nobody accepted are not in an accepted-only export.
  for (const other of coco.images.filter((i) => i.id !== image.id)) {
    const found = Object.keys(files).filter((p) => stem(p) === stem(other.file_name));
    assert.deepEqual(found, [], `${other.file_name} was not accepted: nothing of it in the export`);
  }
  await rev.close();
  await page.close();
});

interface Accepted { objects: { id: string; label: string; geometry: { x: number; y: number; width: number; height: number } }[] }

/** Waits for the item's accepted annotation (the review's decision is written when A is pressed). */
async function acceptedPayload(itemId: string): Promise<Accepted> {
  for (let tries = 0; ; tries++) {
    const { rows } = await env.h.deps.pool.query(
      `SELECT payload FROM annotations WHERE item_id = $1 AND state = 'accepted' ORDER BY version DESC LIMIT 1`, [itemId]);
    if (rows.length === 1) return rows[0].payload as Accepted;
    if (tries > 80) throw new Error('the reviewed item has no accepted annotation');
    await new Promise((r) => setTimeout(r, 250));
  }
}
