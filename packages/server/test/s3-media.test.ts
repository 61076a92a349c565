// Media in S3-compatible object storage, against a real local S3 server (s3rver): a manager imports
// a bucket prefix, members read the images through the asset route (streamed, or redirected to a
// presigned URL) under the same access rules as local files, image info reads only the header, the
// machine pre-labels S3 images, the command line imports a prefix and exports back to a bucket, and
// every storage failure is a clear error that names the bucket and key.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import type { MachineJob, Model } from '@cadre/contract';
import { SHARED_DATA, needsSharedData } from '@cadre/core/testing';
import { freePort } from '@cadre/db';
import { objectInImage, writeOnnx, yoloV8SegOnnx } from '@cadre/models/testing';
import { buildApp, folderImporter, machine, media, projectService } from '../src/index.ts';
import { checkContextForItem } from '../src/checks/item-points.ts';
import { readImageInfoFrom } from '../src/media/image-info.ts';
import { objectSource } from '../src/media/object-source.ts';
import { harness, signIn, type Harness } from './harness.ts';
import { startS3, type LocalS3 } from './s3-server.ts';

const COCO_IMAGES = join(SHARED_DATA, 'images/coco128/images/train2017');
const NAMES = ['000000000009.jpg', '000000000025.jpg', '000000000030.jpg', '000000000034.jpg', '000000000036.jpg', '000000000042.jpg'];
const NESTED = '000000000049.jpg';
const SIZES = new Map((JSON.parse(readFileSync(join(SHARED_DATA, 'images/coco128/instances_train2017_coco128.json'), 'utf8')) as { images: { file_name: string; width: number; height: number }[] })
  .images.map((im) => [im.file_name, { width: im.width, height: im.height }]));
const jpeg = (name: string) => readFileSync(join(COCO_IMAGES, name));
/** The smallest PNG (1×1): for the paging test, where only the count matters. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e2b1d10000000049454e44ae426082', 'hex');
const ontology = { classes: [{ name: 'dog', kind: 'bbox2d', attributes: [] }, { name: 'cat outline', kind: 'polygon', attributes: [] }] };

let h: Harness;
let s3: LocalS3;
let objects: media.MediaConfig;
let app: FastifyInstance;
let projectId: string;
const apps: FastifyInstance[] = [];
const scratch: string[] = [];
const cookies: Record<string, string> = {};

before(async () => {
  h = await harness();
  s3 = await startS3(['cadre-test', 'cadre-other']);
  objects = s3.media({ CADRE_S3_BUCKETS: 'cadre-test' }); // cadre-other exists, but items may not name it
  app = await buildApp(h.deps, { media: objects, machineWorker: false });
  projectId = (await projectService.createProject(h.deps, h.admin, { name: 'From the bucket', ontology, settings: { stages: ['annotate'] } })).id;
  cookies.admin = await signIn(app, 'admin@test.local', 'admin-password');
  for (const [name, role] of [['member', 'annotator'], ['outsider', null]] as const) {
    const actor = await h.user(`${name}@test.local`);
    if (role) await h.member(projectId, actor, role);
    cookies[name] = await signIn(app, `${name}@test.local`, 'user-password');
  }
  if (!SIZES.size) return;
  for (const name of NAMES) await s3.put('cadre-test', `coco/${name}`, jpeg(name), 'image/jpeg');
  await s3.put('cadre-test', `coco/nested/${NESTED}`, jpeg(NESTED));
  await s3.put('cadre-test', 'coco/.DS_Store', 'finder');
  await s3.put('cadre-test', 'coco/.thumbs/a.jpg', jpeg(NAMES[0]!));
  await s3.put('cadre-test', 'coco/readme.txt', 'six COCO images');
  await s3.put('cadre-other', 'secret/a.jpg', jpeg(NAMES[0]!));
});
after(async () => {
  for (const a of [app, ...apps]) await a.close();
  await h.close();
  await s3.close();
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

const get = (url: string, who: string, headers: Record<string, string> = {}, on = app) => on.inject({ method: 'GET', url, headers: { cookie: cookies[who]!, ...headers } });
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, headers: { cookie: cookies.admin!, ...headers }, payload: payload as string });
const itemOf = async (asset: string) => (await h.deps.db.selectFrom('items').select('id').where('asset', '=', asset).executeTakeFirstOrThrow()).id;
/** An app whose object storage is configured with `extra` over the working configuration. */
async function appWith(extra: Record<string, string>): Promise<FastifyInstance> {
  const a = await buildApp(h.deps, { media: s3.media({ CADRE_S3_BUCKETS: 'cadre-test', ...extra }), machineWorker: false });
  apps.push(a);
  return a;
}

test('a manager imports a bucket prefix: one item per image, hidden objects skipped, texts left out; members get the bytes, outsiders the same 404 as for a local file', needsSharedData, async () => {
  const res = await post(`/api/projects/${projectId}/import/folder`, { path: 's3://cadre-test/coco/' });
  assert.equal(res.statusCode, 200, res.body);
  const report = res.json();
  assert.equal(report.imported, 7, 'six images and the nested one');
  assert.equal(report.layout, 'bucket');
  assert.deepEqual(report.leftOut.files.map((f: { file: string }) => f.file), ['readme.txt']);
  const rows = await h.deps.db.selectFrom('items').select('asset').where('project_id', '=', projectId).orderBy('asset').execute();
  assert.deepEqual(rows.map((r) => r.asset), [...NAMES.map((n) => `s3://cadre-test/coco/${n}`), `s3://cadre-test/coco/nested/${NESTED}`]);

  const item = await itemOf(`s3://cadre-test/coco/${NAMES[1]}`);
  const served = await get(`/api/items/${item}/asset`, 'member');
  assert.equal(served.statusCode, 200);
  assert.ok(served.rawPayload.equals(jpeg(NAMES[1]!)), 'the same bytes as the file uploaded');
  assert.equal(served.headers['content-type'], 'image/jpeg');
  assert.equal(Number(served.headers['content-length']), jpeg(NAMES[1]!).length);
  const again = await get(`/api/items/${item}/asset`, 'member', { 'if-none-match': String(served.headers.etag) });
  assert.equal(again.statusCode, 304);
  assert.deepEqual((await get(`/api/items/${item}/info`, 'member')).json(), { ...SIZES.get(NAMES[1]!), orientation: 1 });

  // A local-file item of the same project: an outsider cannot tell the two apart, nor either from no item.
  const local = await post(`/api/projects/${projectId}/import?file=local.jsonl&format=jsonl`, JSON.stringify({ data: { image: join(COCO_IMAGES, NAMES[0]!) } }), { 'content-type': 'application/x-ndjson' });
  assert.equal(local.statusCode, 200, local.body);
  const localItem = await itemOf(join(COCO_IMAGES, NAMES[0]!));
  const [fromBucket, fromDisk, none] = await Promise.all([item, localItem, '01900000-0000-7000-8000-000000000000'].map((id) => get(`/api/items/${id}/asset`, 'outsider')));
  assert.deepEqual([fromBucket!.statusCode, fromDisk!.statusCode, none!.statusCode], [404, 404, 404]);
  assert.deepEqual(fromBucket!.json(), fromDisk!.json());
  assert.deepEqual(fromBucket!.json(), none!.json());
  assert.equal((await get(`/api/items/${item}/info`, 'outsider')).statusCode, 404);
});

test('image info reads only the header of an object, through ranged GETs', needsSharedData, async () => {
  const { store } = objects.objects!;
  for (const name of NAMES) {
    const counter = { requests: 0, bytes: 0 };
    const info = await readImageInfoFrom(objectSource(store, { bucket: 'cadre-test', key: `coco/${name}` }, counter));
    assert.deepEqual([info.width, info.height], [SIZES.get(name)!.width, SIZES.get(name)!.height], name);
    // One 32 KiB block holds most JPEG headers; 000000000034.jpg's EXIF runs into a second.
    assert.ok(counter.requests <= 2, `${name}: ${counter.requests} ranged GETs`);
    assert.ok(counter.bytes <= 64 * 1024 && counter.bytes < jpeg(name).length, `${name}: read ${counter.bytes} of ${jpeg(name).length} bytes`);
  }
});

test('presigned reads: a member is redirected to a URL that works without Cadre, an outsider gets 404', needsSharedData, async () => {
  const presigning = await appWith({ CADRE_S3_READS: 'presign', CADRE_S3_PRESIGN_SECONDS: '120' });
  const item = await itemOf(`s3://cadre-test/coco/${NAMES[2]}`);
  const res = await get(`/api/items/${item}/asset`, 'member', {}, presigning);
  assert.equal(res.statusCode, 302);
  const location = String(res.headers.location);
  assert.ok(location.startsWith(`${s3.endpoint}/cadre-test/coco/${NAMES[2]}?`), location);
  assert.match(location, /X-Amz-Expires=120/);
  assert.equal(res.headers['cache-control'], 'private, max-age=60', 'the redirect is cached for less than the URL lives');
  const fetched = await fetch(location);
  assert.equal(fetched.status, 200);
  assert.ok(Buffer.from(await fetched.arrayBuffer()).equals(jpeg(NAMES[2]!)));
  assert.match(location, /X-Amz-Credential=S3RVER%2F\d{8}%2Fus-east-1%2Fs3%2Faws4_request&.*X-Amz-Signature=[0-9a-f]{64}/, 'signed with the configured key');
  const outsider = await get(`/api/items/${item}/asset`, 'outsider', {}, presigning);
  assert.equal(outsider.statusCode, 404);
  assert.equal(outsider.headers.location, undefined);
});

test('a prefix of 1,100 objects is listed page after page (ListObjectsV2 continuation) into 1,100 items', async () => {
  const keys = Array.from({ length: 1100 }, (_, i) => `many/${String(i).padStart(5, '0')}.png`);
  for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((k) => s3.put('cadre-test', k, PNG, 'image/png')));
  const many = (await projectService.createProject(h.deps, h.admin, { name: 'Many objects', ontology, settings: { stages: ['annotate'] } })).id;
  const report = await folderImporter.importFolder(h.deps, h.admin, { projectId: many, path: 's3://cadre-test/many', media: objects }); // no trailing slash: a prefix all the same
  assert.equal(report.imported, 1100);
  const assets = await h.deps.db.selectFrom('items').select('asset').where('project_id', '=', many).orderBy('asset').execute();
  assert.deepEqual([assets.length, assets[0]!.asset, assets.at(-1)!.asset], [1100, 's3://cadre-test/many/00000.png', 's3://cadre-test/many/01099.png']);
  const imported = await h.deps.db.selectFrom('imports').select('file').where('project_id', '=', many).executeTakeFirstOrThrow();
  assert.equal(imported.file, 's3://cadre-test/many/');
});

test('import rows may name objects in the allowed buckets only; a bucket prefix elsewhere is refused', needsSharedData, async () => {
  const rows = (...images: string[]) => images.map((image) => JSON.stringify({ data: { image } })).join('\n');
  const ok = await post(`/api/projects/${projectId}/import?file=ok.jsonl&format=jsonl`, rows(`s3://cadre-test/coco/${NAMES[4]}`), { 'content-type': 'application/x-ndjson' });
  assert.equal(ok.statusCode, 200, ok.body);
  const refused = await post(`/api/projects/${projectId}/import?file=other.jsonl&format=jsonl`, rows(`s3://cadre-test/coco/${NAMES[4]}`, 's3://cadre-other/secret/a.jpg'), { 'content-type': 'application/x-ndjson' });
  assert.equal(refused.statusCode, 422);
  assert.equal(refused.json().error.message, 'other.jsonl line 2: data.image: s3://cadre-other/secret/a.jpg: bucket cadre-other is not one this server may read (CADRE_S3_BUCKETS: cadre-test) (nothing was imported; fix the row, or import skipping invalid rows)');
  // Label Studio tasks name their images as s3:// too (its own cloud storage does).
  const ls = await post(`/api/projects/${projectId}/import?file=tasks.json&format=labelstudio`, JSON.stringify([{ data: { image: `s3://cadre-test/coco/${NAMES[5]}` } }]), { 'content-type': 'application/json' });
  assert.equal(ls.statusCode, 200, ls.body);
  const lsItem = await itemOf(`s3://cadre-test/coco/${NAMES[5]}`);
  assert.ok((await get(`/api/items/${lsItem}/asset`, 'member')).rawPayload.equals(jpeg(NAMES[5]!)));

  const prefix = await post(`/api/projects/${projectId}/import/folder`, { path: 's3://cadre-other/secret/' });
  assert.equal(prefix.statusCode, 403);
  assert.match(prefix.json().error.message, /bucket cadre-other is not one this server may read/);
  const lidar = await post(`/api/projects/${projectId}/import/folder`, { path: 's3://cadre-test/coco/', layout: 'sustech' });
  assert.equal(lidar.statusCode, 422);
  assert.match(lidar.json().error.message, /LiDAR folder layouts.*read from files on the server/);
  const empty = await post(`/api/projects/${projectId}/import/folder`, { path: 's3://cadre-test/nothing-here/' });
  assert.equal(empty.statusCode, 422);
  assert.equal(empty.json().error.message, 'no objects under s3://cadre-test/nothing-here/ (is the prefix right?)');
  const object = await post(`/api/projects/${projectId}/import/folder`, { path: `s3://cadre-test/coco/${NAMES[0]}` });
  assert.equal(object.statusCode, 422);
  assert.match(object.json().error.message, /is an object, not a prefix/);
});

test('storage failures are clear errors that name the bucket and key: missing object and bucket 404, wrong credentials 502, unreachable 503', needsSharedData, async () => {
  const jsonl = (image: string, file: string) => post(`/api/projects/${projectId}/import?file=${file}&format=jsonl`, JSON.stringify({ data: { image } }), { 'content-type': 'application/x-ndjson' });
  assert.equal((await jsonl('s3://cadre-test/gone/missing.jpg', 'gone.jsonl')).statusCode, 200);
  const gone = await itemOf('s3://cadre-test/gone/missing.jpg');
  for (const path of ['asset', 'info']) {
    const res = await get(`/api/items/${gone}/${path}`, 'member');
    assert.equal(res.statusCode, 404, `${path}: ${res.body}`);
    assert.match(res.json().error.message, /^s3:\/\/cadre-test\/gone\/missing\.jpg does not exist on http:\/\/127\.0\.0\.1:\d+ \(moved or deleted since the import\?\)$/);
  }

  const withMissing = await appWith({ CADRE_S3_BUCKETS: 'cadre-test,cadre-missing' });
  const row = await withMissing.inject({ method: 'POST', url: `/api/projects/${projectId}/import?file=missing-bucket.jsonl&format=jsonl`, headers: { cookie: cookies.admin!, 'content-type': 'application/x-ndjson' }, payload: JSON.stringify({ data: { image: 's3://cadre-missing/a.jpg' } }) });
  assert.equal(row.statusCode, 200, row.body);
  const inMissing = await itemOf('s3://cadre-missing/a.jpg');
  const missingBucket = await get(`/api/items/${inMissing}/asset`, 'member', {}, withMissing);
  assert.equal(missingBucket.statusCode, 404);
  assert.equal(missingBucket.json().error.message, 'bucket cadre-missing does not exist (for s3://cadre-missing/a.jpg)');
  const prefix = await withMissing.inject({ method: 'POST', url: `/api/projects/${projectId}/import/folder`, headers: { cookie: cookies.admin! }, payload: { path: 's3://cadre-missing/photos/' } });
  assert.equal(prefix.statusCode, 404);
  assert.match(prefix.json().error.message, /^bucket cadre-missing does not exist/);

  const item = await itemOf(`s3://cadre-test/coco/${NAMES[0]}`);
  // s3rver refuses an access key id it does not know (it does not check SigV4 signatures themselves).
  const wrongKey = await appWith({ CADRE_S3_ACCESS_KEY_ID: 'NOBODY' });
  for (const path of ['asset', 'info']) {
    const res = await get(`/api/items/${item}/${path}`, 'member', {}, wrongKey);
    assert.equal(res.statusCode, 502, `${path}: ${res.body}`);
    assert.equal(res.json().error.code, 'storage_failed');
    assert.match(res.json().error.message, new RegExp(`refused Cadre's credentials for s3://cadre-test/coco/${NAMES[0]} \\(InvalidAccessKeyId\\): check CADRE_S3_ACCESS_KEY_ID`));
  }

  const closed = `http://127.0.0.1:${await freePort()}`;
  const unreachable = await get(`/api/items/${item}/asset`, 'member', {}, await appWith({ CADRE_S3_ENDPOINT: closed }));
  assert.equal(unreachable.statusCode, 503);
  assert.equal(unreachable.json().error.code, 'storage_unavailable');
  assert.equal(unreachable.headers['retry-after'], '10');
  assert.match(unreachable.json().error.message, new RegExp(`^cannot reach the object storage at ${closed} for s3://cadre-test/coco/${NAMES[0]}: ECONNREFUSED`));
});

test('bad object-storage configuration is one clear startup error naming every bad key', () => {
  assert.throws(() => media.mediaConfig({ CADRE_S3_BUCKETS: 'Photos_2024,cadre-test', CADRE_S3_READS: 'stream', CADRE_S3_ACCESS_KEY_ID: 'id-only', CADRE_S3_ENDPOINT: 'minio:9000', CADRE_S3_PRESIGN_SECONDS: '0' }), (e: Error) => {
    assert.match(e.message, /^bad configuration:/);
    for (const key of ['CADRE_S3_BUCKETS: "Photos_2024"', 'CADRE_S3_READS: must be proxy or presign', 'CADRE_S3_ACCESS_KEY_ID and CADRE_S3_SECRET_ACCESS_KEY go together', 'CADRE_S3_ENDPOINT: "minio:9000"', 'CADRE_S3_PRESIGN_SECONDS=0']) assert.ok(e.message.includes(key), `${key} in ${e.message}`);
    return true;
  });
  assert.throws(() => media.mediaConfig({ CADRE_S3_ENDPOINT: 'http://127.0.0.1:9000' }), /CADRE_S3_BUCKETS: name the buckets/);
  assert.equal(media.mediaConfig({}).objects, undefined, 'no CADRE_S3_* at all: no object storage, and no error');
});

test('the machine pre-labels S3 images (an ONNX model reads their bytes through the store), and the check stage reads their size', needsSharedData, async () => {
  const prelabel = (await projectService.createProject(h.deps, h.admin, { name: 'Machine on S3', ontology, settings: { stages: ['prelabel', 'annotate'] } })).id;
  const report = await folderImporter.importFolder(h.deps, h.admin, { projectId: prelabel, path: 's3://cadre-test/coco/', media: objects });
  assert.equal(report.imported, 7);
  const dir = mkdtempSync(join(tmpdir(), 'cadre-s3-model-'));
  scratch.push(dir);
  const size = SIZES.get(NAMES[0]!)!;
  const file = await writeOnnx(join(dir, 'dog.onnx'), yoloV8SegOnnx({ classes: 1, objects: [objectInImage({ x: 40, y: 60, w: 200, h: 120 }, size, 0, 0.9)] }));
  const admin = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: object) => app.inject({ method, url, headers: { cookie: cookies.admin! }, ...(payload ? { payload } : {}) });
  const model = (await admin('POST', '/api/models', { name: 'dog-seg', version: '1', spec: { type: 'onnx', file, classes: ['dog'] }, classes: ['dog'] })).json() as Model;
  assert.equal((await admin('PUT', `/api/projects/${prelabel}/models/${model.id}`, { classMap: { dog: 'dog' } })).statusCode, 200);
  const runner = await machine.startJobRunner(h.deps, { media: objects });
  let job: MachineJob;
  try {
    const started = (await admin('POST', `/api/projects/${prelabel}/jobs`, { kind: 'prelabel', modelId: model.id })).json() as MachineJob;
    for (;;) {
      job = (await admin('GET', `/api/jobs/${started.id}`)).json() as MachineJob;
      if (!['queued', 'running'].includes(job.state)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await runner.stop();
  }
  assert.equal(job.state, 'done', `${job.error ?? ''} ${JSON.stringify(job.failures)}`);
  assert.deepEqual([job.done, job.failed], [7, 0]);
  const predictions = await h.deps.db.selectFrom('predictions').select('item_id').where('model_id', '=', model.id).execute();
  assert.equal(predictions.length, 7, 'one prediction for each S3 image');

  const item = await h.deps.db.selectFrom('items').selectAll().where('project_id', '=', prelabel).where('asset', '=', `s3://cadre-test/coco/nested/${NESTED}`).executeTakeFirstOrThrow();
  const ctx = await checkContextForItem(item, ontology as never, h.deps, { media: objects });
  assert.deepEqual([ctx.imageWidth, ctx.imageHeight], [SIZES.get(NESTED)!.width, SIZES.get(NESTED)!.height]);
});

const cli = promisify(execFile);
const bin = fileURLToPath(new URL('../../cli/bin/cadre.mjs', import.meta.url));
const cadre = (env: Record<string, string>, ...args: string[]) => cli(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: h.t.url, CADRE_DEMO: 'false', ...s3.env, CADRE_S3_BUCKETS: 'cadre-test', ...env } });

test('the command line imports a bucket prefix and exports back to the bucket; a refused or missing bucket fails before anything is written', needsSharedData, async () => {
  await projectService.createProject(h.deps, h.admin, { name: 'CLI bucket', ontology, settings: { stages: ['annotate'] } });
  const imported = await cadre({}, 'import', 's3://cadre-test/coco/', '--project', 'CLI bucket');
  assert.match(imported.stdout, /imported 7 items/);
  await cadre({}, 'export', '--project', 'CLI bucket', '--out', 's3://cadre-test/exports/cli-bucket.jsonl');
  const lines = (await s3.get('cadre-test', 'exports/cli-bucket.jsonl'))!.toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { data: { image: string } });
  assert.deepEqual(lines.map((l) => l.data.image).sort(), [...NAMES.map((n) => `s3://cadre-test/coco/${n}`), `s3://cadre-test/coco/nested/${NESTED}`]);
  await cadre({}, 'export', '--project', 'CLI bucket', '--format', 'coco', '--out', 's3://cadre-test/exports/coco/');
  // A folder format into a prefix: its files below it, by their paths (no accepted labels yet, so no images).
  const coco = JSON.parse((await s3.get('cadre-test', 'exports/coco/annotations/instances_default.json'))?.toString('utf8') ?? 'null') as { images: unknown[]; annotations: unknown[] } | null;
  assert.deepEqual([coco?.images, coco?.annotations], [[], []]);

  await assert.rejects(cadre({}, 'export', '--project', 'CLI bucket', '--out', 's3://cadre-other/x.jsonl'), (e: { code: number; stderr: string }) => {
    assert.equal(e.code, 1);
    assert.match(e.stderr, /error: cannot export to s3:\/\/cadre-other\/x\.jsonl: bucket cadre-other is not one this server may read/);
    return true;
  });
  // The check the command makes before it opens the database: an allowed bucket that does not exist.
  await assert.rejects(media.exportTarget(s3.media({ CADRE_S3_BUCKETS: 'cadre-test,cadre-missing' }), 's3://cadre-missing/x.jsonl'), /^AppError: bucket cadre-missing does not exist \(for s3:\/\/cadre-missing\/\)$/);
  assert.equal(await s3.exists('cadre-other', 'x.jsonl'), false);
});

test('an upload is whole or absent: a large body goes in parts, one that fails midway is aborted and leaves no object', async () => {
  const { store } = objects.objects!;
  const MiB = 1024 * 1024;
  const big = Buffer.alloc(11 * MiB, 7);
  async function* chunks(fail: boolean) {
    for (let at = 0; at < big.length; at += MiB) {
      if (fail && at >= 9 * MiB) throw new Error('the export broke off');
      yield big.subarray(at, at + MiB);
    }
  }
  assert.deepEqual(await store.put({ bucket: 'cadre-test', key: 'exports/big.bin' }, chunks(false)), { size: big.length });
  assert.ok((await s3.get('cadre-test', 'exports/big.bin'))!.equals(big), 'a multipart upload of two parts, whole');
  await assert.rejects(store.put({ bucket: 'cadre-test', key: 'exports/broken.bin' }, chunks(true)), /the export broke off/);
  assert.equal(await s3.exists('cadre-test', 'exports/broken.bin'), false, 'no half object under the final key');
  await assert.rejects(store.put({ bucket: 'cadre-missing', key: 'x.json' }, chunks(false)), (e: media.ObjectStoreError) => {
    assert.equal(e.code, 'no_bucket');
    assert.equal(e.message, 'bucket cadre-missing does not exist (for s3://cadre-missing/x.json)');
    return true;
  });
});
