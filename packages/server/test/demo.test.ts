// The first start of an empty database: three demo projects, one for each workspace, with
// generated media a person can open and machine labels that fit that media.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { countPointsInCuboid } from '@cadre/core';
import { createTestDatabase, type TestDatabase } from '@cadre/db/testing';
import { parsePointCloud } from '@cadre/pointcloud';
import { buildApp, loadConfig, type ServiceDeps } from '../src/index.ts';
import { bootstrap } from '../src/bootstrap.ts';
import { runMachineStage } from '../src/services/workflow/machine-stage.ts';
import { signIn } from './harness.ts';

let t: TestDatabase;
let deps: ServiceDeps;
let app: FastifyInstance;
let mediaDir: string;
let cookie: string;
const first = { adminEmail: 'first@demo.local', adminPassword: 'first-admin-password', demo: true };

before(async () => {
  t = await createTestDatabase();
  deps = { db: t.db, pool: t.pool };
  mediaDir = join(await mkdtemp(join(tmpdir(), 'cadre-demo-')), 'media');
  const media = { mediaDir, roots: [] };
  assert.ok(await bootstrap(deps, { ...first, media }), 'the first start makes the administrator');
  app = await buildApp(deps, { media });
  cookie = await signIn(app, first.adminEmail, first.adminPassword);
});
after(async () => {
  await app?.close();
  await t?.close();
  if (mediaDir) await rm(join(mediaDir, '..'), { recursive: true, force: true });
});

const get = async (url: string) => {
  const res = await app.inject({ method: 'GET', url, headers: { cookie } });
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
  return res;
};
const projectNamed = async (name: string) => {
  const projects = (await get('/api/projects')).json() as { id: string; name: string }[];
  const p = projects.find((x) => x.name === name);
  assert.ok(p, `a project named ${name} among ${projects.map((x) => x.name).join(', ')}`);
  return p.id;
};
interface View { item: { id: string; kind: string; frames: string[] | null }; predictions: { objects: { id: string; label: string; frame?: number; trackId?: string; score?: number; geometry: Record<string, number> }[] }[] }
const views = async (projectId: string): Promise<View[]> => {
  const { tasks } = (await get(`/api/projects/${projectId}/tasks?limit=100`)).json() as { tasks: { id: string }[] };
  return Promise.all(tasks.map(async (task) => (await get(`/api/tasks/${task.id}`)).json() as View));
};

test('a fresh start makes a text, an image and a LiDAR demo project, each with tasks and machine labels', async () => {
  const projects = (await get('/api/projects')).json() as { name: string }[];
  assert.deepEqual(projects.map((p) => p.name).sort(), ['Demo: LiDAR street', 'Demo: product reviews', 'Demo: street scenes']);
  for (const [name, kind] of [['Demo: product reviews', 'text'], ['Demo: street scenes', 'image'], ['Demo: LiDAR street', 'pointcloud']] as const) {
    const all = await views(await projectNamed(name));
    assert.ok(all.length > 0, `${name} has tasks`);
    assert.ok(all.every((v) => v.item.kind === kind), `${name} holds ${kind} items`);
    assert.ok(all.some((v) => v.predictions.some((p) => p.objects.length > 0)), `${name} has machine labels`);
  }
});

test('the street images decode at their size, and every machine box lies inside its image', async () => {
  const all = await views(await projectNamed('Demo: street scenes'));
  assert.equal(all.length, 8);
  const looks = new Set<string>();
  for (const v of all) {
    const png = decodePng((await get(`/api/items/${v.item.id}/asset`)).rawPayload);
    assert.deepEqual([png.width, png.height], [800, 450]);
    assert.ok(png.colours > 10, 'a painted scene, not a blank picture');
    looks.add(png.digest);
    const boxes = v.predictions.flatMap((p) => p.objects);
    assert.ok(boxes.length >= 4, `several machine boxes, got ${boxes.length}`);
    for (const b of boxes) {
      const g = b.geometry;
      assert.ok(['car', 'pedestrian', 'traffic_sign'].includes(b.label), b.label);
      assert.ok(typeof b.score === 'number' && b.score > 0 && b.score <= 1, 'a score');
      assert.ok(g.x! >= 0 && g.y! >= 0 && g.width! > 0 && g.height! > 0 && g.x! + g.width! <= png.width + 1e-6 && g.y! + g.height! <= png.height + 1e-6,
        `box ${JSON.stringify(g)} inside ${png.width}×${png.height}`);
    }
  }
  assert.equal(looks.size, 8, 'every scene differs');
});

test('the LiDAR frames parse, every machine cuboid holds points, and tracks run across the frames', async () => {
  const [v, ...rest] = await views(await projectNamed('Demo: LiDAR street'));
  assert.equal(rest.length, 0, 'one sequence item');
  assert.equal(v!.item.frames?.length, 10);
  const clouds = await Promise.all(v!.item.frames!.map(async (_, f) => {
    const res = await get(`/api/items/${v!.item.id}/asset?frame=${f}`);
    return parsePointCloud(new Uint8Array(res.rawPayload), `${f}.pcd`);
  }));
  for (const c of clouds) assert.ok(c.count > 5000, `a full sweep, got ${c.count} points`);
  const cuboids = v!.predictions.flatMap((p) => p.objects);
  assert.ok(cuboids.length >= 40, `machine cuboids on every frame, got ${cuboids.length}`);
  for (const c of cuboids) {
    const inside = countPointsInCuboid(c.geometry as never, clouds[c.frame!]!.positions, 3);
    assert.ok(inside >= 5, `${c.trackId} on frame ${c.frame} holds ${inside} points`);
  }
  const framesOf = new Map<string, Set<number>>();
  for (const c of cuboids) framesOf.set(c.trackId!, (framesOf.get(c.trackId!) ?? new Set()).add(c.frame!));
  assert.ok([...framesOf.values()].filter((f) => f.size === 10).length >= 2, 'tracks seen on every frame');
  assert.deepEqual(new Set(cuboids.map((c) => c.label)), new Set(['Car', 'Truck', 'Pedestrian']));
});

test('one person alone takes a task of each demo through the line: accept the machine labels, submit, checked, accepted', async () => {
  for (const name of ['Demo: product reviews', 'Demo: street scenes', 'Demo: LiDAR street']) {
    const projectId = await projectNamed(name);
    const next = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/tasks/next`, headers: { cookie } });
    assert.equal(next.statusCode, 200, next.body);
    const view = next.json().task as View & { task: { id: string } };
    const objects = view.predictions.flatMap((p) => p.objects).map(({ score: _s, ...o }) => ({ ...o, id: randomUUID(), origin: 'prediction_accepted', predictionId: o.id }));
    const res = await app.inject({
      method: 'POST', url: `/api/tasks/${view.task.id}/submit`, headers: { cookie },
      payload: { submissionId: randomUUID(), annotation: { schemaVersion: 1, objects } },
    });
    assert.equal(res.statusCode, 200, `${name}: ${res.body}`);
    await runMachineStage(deps, { media: { mediaDir, roots: [] } });
    const task = await deps.db.selectFrom('tasks').select('stage').where('id', '=', view.task.id).executeTakeFirstOrThrow();
    assert.equal(task.stage, 'accepted', `${name}: the submitted task passed the checks and counts`);
  }
});

test('a restart makes no second set of demos, and the media stays small', async () => {
  assert.equal(await bootstrap(deps, { ...first, media: { mediaDir, roots: [] } }), null);
  const projects = (await get('/api/projects')).json() as unknown[];
  assert.equal(projects.length, 3);
  let bytes = 0;
  for (const sub of ['demo/streets', 'demo/lidar-street']) {
    for (const f of await readdir(join(mediaDir, sub))) bytes += (await stat(join(mediaDir, sub, f))).size;
  }
  assert.ok(bytes < 4 * 1024 * 1024, `${bytes} bytes of demo media`);
});

test('CADRE_DEMO=false makes no demo project', async () => {
  const other = await createTestDatabase();
  try {
    const config = loadConfig({ CADRE_DEMO: 'false' });
    const scratch = await mkdtemp(join(tmpdir(), 'cadre-nodemo-'));
    await bootstrap({ db: other.db, pool: other.pool }, { ...config, media: { mediaDir: join(scratch, 'media'), roots: [] } });
    const n = await other.db.selectFrom('projects').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0);
    await assert.rejects(stat(join(scratch, 'media')), 'no demo media written either');
    await rm(scratch, { recursive: true, force: true });
  } finally {
    await other.close();
  }
});

/** A full PNG decode (8-bit RGB, any row filter): the pixels a browser would show. */
function decodePng(buf: Buffer): { width: number; height: number; colours: number; digest: string } {
  assert.equal(buf.subarray(1, 4).toString('ascii'), 'PNG');
  let at = 8, width = 0, height = 0;
  const idat: Buffer[] = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at), type = buf.toString('ascii', at + 4, at + 8), data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); assert.deepEqual([data[8], data[9]], [8, 2], '8-bit RGB'); }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  assert.equal(raw.length, (stride + 1) * height, 'one filtered row per line');
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const v = raw[y * (stride + 1) + 1 + i]!;
      const a = i >= 3 ? px[y * stride + i - 3]! : 0, b = y > 0 ? px[(y - 1) * stride + i]! : 0, c = i >= 3 && y > 0 ? px[(y - 1) * stride + i - 3]! : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const predicted = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      assert.ok(predicted !== undefined, `row filter ${filter}`);
      px[y * stride + i] = (v + predicted) & 0xff;
    }
  }
  const colours = new Set<number>();
  for (let i = 0; i < px.length; i += 3 * 97) colours.add(px.readUIntBE(i, 3));
  return { width, height, colours: colours.size, digest: createHash('sha256').update(px).digest('hex') };
}
