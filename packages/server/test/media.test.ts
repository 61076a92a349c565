import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp, imports, importer } from '../src/index.ts';
import { needsSharedData, SHARED_DATA } from '../src/import/testing.ts';
import { harness, signIn, type Harness } from './harness.ts';

const COCO = fileURLToPath(new URL('images/coco128/', SHARED_DATA));
const IMAGES = `${COCO}images/train2017`;
const JPEG = `${IMAGES}/000000000009.jpg`; // 640×480 in the COCO JSON

let h: Harness;
let app: FastifyInstance;
let scratch: string;
let mediaDir: string;
let allowed: string;
const cookies: Record<string, string> = {};
let projectId: string;

before(async () => {
  h = await harness();
  scratch = await mkdtemp(join(tmpdir(), 'cadre-media-'));
  mediaDir = join(scratch, 'data/media');
  allowed = join(scratch, 'allowed');
  await mkdir(allowed);
  app = await buildApp(h.deps, { media: { mediaDir, roots: [allowed] } });
  projectId = await h.project('Media');
  for (const [name, role] of [['member', 'annotator'], ['manager', 'manager'], ['outsider', null]] as const) {
    const actor = await h.user(`${name}@test.local`);
    if (role) await h.member(projectId, actor, role);
    cookies[name] = await signIn(app, `${name}@test.local`, 'user-password');
  }
});
after(async () => { await app.close(); await h.close(); await rm(scratch, { recursive: true, force: true }); });

const get = (url: string, who: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: { cookie: cookies[who]!, ...headers } });
const upload = (name: string, body: Buffer, who = 'manager') =>
  app.inject({ method: 'POST', url: `/api/projects/${projectId}/uploads?name=${encodeURIComponent(name)}`, headers: { cookie: cookies[who]!, 'content-type': 'application/octet-stream' }, payload: body });

/** Items made from JSONL rows (not a folder import): only CADRE_MEDIA_ROOTS and uploads are servable for them. */
async function rowItems(...assets: string[]): Promise<string[]> {
  const report = await h.importText(projectId, assets.map((a) => JSON.stringify({ data: { image: a } })).join('\n'));
  const rows = await h.deps.db.selectFrom('items').select('id').where('import_id', '=', report.importId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

test('a folder import makes its images servable to members, with type, cache headers and ETag', needsSharedData, async () => {
  const report = await importer.importRows(h.deps, h.admin, imports.folderRows(IMAGES), { projectId, file: IMAGES, format: 'folder', skipInvalid: false });
  assert.equal(report.imported, 128);
  const item = await h.deps.db.selectFrom('items').select('id').where('asset', '=', JPEG).executeTakeFirstOrThrow();
  const res = await get(`/api/items/${item.id}/asset`, 'member');
  assert.equal(res.statusCode, 200);
  assert.ok(res.rawPayload.equals(await readFile(JPEG)));
  assert.equal(res.headers['content-type'], 'image/jpeg');
  assert.equal(res.headers['cache-control'], 'private, max-age=3600');
  const again = await get(`/api/items/${item.id}/asset`, 'member', { 'if-none-match': String(res.headers.etag) });
  assert.equal(again.statusCode, 304);
  assert.deepEqual((await get(`/api/items/${item.id}/info`, 'member')).json(), { width: 640, height: 480, orientation: 1 });

  const outsider = await get(`/api/items/${item.id}/asset`, 'outsider');
  assert.equal(outsider.statusCode, 404);
  assert.equal(outsider.json().error.message, 'item not found');
  // The same file named by a JSONL row is not covered by the folder import.
  const [copy] = await rowItems(JPEG);
  assert.equal((await get(`/api/items/${copy}/asset`, 'member')).statusCode, 403);
});

test('paths with "..", outside the roots, or through a symlink out of a root are refused; a missing file is a clear 404', needsSharedData, async () => {
  await writeFile(join(allowed, 'ok.jpg'), await readFile(JPEG));
  await symlink(JPEG, join(allowed, 'escape.jpg'));
  const [ok, viaFileUrl, dots, outside, escape, missing, remote] = await rowItems(
    join(allowed, 'ok.jpg'), pathToFileURL(join(allowed, 'ok.jpg')).href, `${allowed}/../allowed/../../../etc/hostname`,
    JPEG, join(allowed, 'escape.jpg'), join(allowed, 'gone.jpg'), 'https://example.com/a.jpg',
  );
  assert.equal((await get(`/api/items/${ok}/asset`, 'member')).statusCode, 200);
  assert.equal((await get(`/api/items/${viaFileUrl}/asset`, 'member')).statusCode, 200);
  for (const id of [dots, outside, escape]) {
    const res = await get(`/api/items/${id}/asset`, 'member');
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().error.code, 'forbidden');
  }
  const gone = await get(`/api/items/${missing}/asset`, 'member');
  assert.equal(gone.statusCode, 404);
  assert.match(gone.json().error.message, /gone\.jpg does not exist/);
  const redirect = await get(`/api/items/${remote}/asset`, 'member');
  assert.equal(redirect.statusCode, 302);
  assert.equal(redirect.headers.location, 'https://example.com/a.jpg');
  assert.equal((await get(`/api/items/${remote}/info`, 'member')).statusCode, 422);
});

test('an uploaded JPEG is stored by its SHA-256 and served back byte for byte; text is refused', needsSharedData, async () => {
  const bytes = await readFile(JPEG);
  const res = await upload('photo.jpg', bytes);
  assert.equal(res.statusCode, 201, res.body);
  const { itemId, width, height } = res.json();
  assert.deepEqual([width, height], [640, 480]);
  const served = await get(`/api/items/${itemId}/asset`, 'member');
  assert.equal(served.statusCode, 200);
  assert.ok(served.rawPayload.equals(bytes));
  const sha = createHash('sha256').update(bytes).digest('hex');
  assert.deepEqual(await readdir(mediaDir), [`${sha}.jpg`]);
  const task = await h.deps.db.selectFrom('tasks').select('status').where('item_id', '=', itemId).executeTakeFirst();
  assert.equal(task?.status, 'open');

  const text = await upload('notes.jpg', Buffer.from('this is not an image\n'));
  assert.equal(text.statusCode, 422);
  assert.match(text.json().error.message, /notes\.jpg is not an image/);
  assert.equal((await upload('photo.jpg', bytes, 'member')).statusCode, 403);
  assert.deepEqual(await readdir(mediaDir), [`${sha}.jpg`], 'refused uploads leave no file behind');
});
