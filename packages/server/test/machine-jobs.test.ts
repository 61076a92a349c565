// Machine jobs end to end through the HTTP API and the job runner, with each kind of user model:
// a generated ONNX segmentation model (boxes to a box class, outlines to a polygon class), a local
// Label Studio ML backend, and a plain HTTP model run by `cadre worker` processes, one of which is
// killed with SIGKILL in the middle of the job. What a manager would check afterwards: every item
// has exactly one prediction of the model, in the project's classes and in image pixels; the items
// moved on to people; the classes the project does not use are counted, not silently dropped.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { MachineJob, Model } from '@cadre/contract';
import { SHARED_DATA, needsSharedData } from '@cadre/core/testing';
import { lsRectangle, objectInImage, startHttpModel, startLsBackend, writeOnnx, yoloV8SegOnnx } from '@cadre/models/testing';
import { diskSource } from '@cadre/formats/node';
import { importer, imports, labelImporter, machine, media, projectService } from '../src/index.ts';
import { harness, httpApp, signIn, type Harness } from './harness.ts';
import { sleep, stopCadre, workerCadre } from './cadre-process.ts';

const COCO_IMAGES = join(SHARED_DATA, 'images/coco128/images/train2017');
const IMAGES = ['000000000009.jpg', '000000000025.jpg', '000000000030.jpg', '000000000034.jpg', '000000000036.jpg', '000000000042.jpg'];
/** Image sizes, from coco128's own annotations file (a folder import does not read them). */
const COCO_SIZES = new Map((JSON.parse(readFileSync(join(SHARED_DATA, 'images/coco128/instances_train2017_coco128.json'), 'utf8')) as { images: { file_name: string; width: number; height: number }[] })
  .images.map((im) => [im.file_name, { width: im.width, height: im.height }]));
const sizeOf = (name: string) => COCO_SIZES.get(name.replace(/^\d+-/, ''))!;

const ontology = {
  classes: [
    { name: 'dog', kind: 'bbox2d', attributes: [] },
    { name: 'cat outline', kind: 'polygon', attributes: [] },
    { name: 'lane', kind: 'polyline', attributes: [] },
  ],
};

let h: Harness;
let app: FastifyInstance;
let cookie: string;
const folders: string[] = [];

before(async () => {
  h = await harness();
  app = await httpApp(h);
  cookie = await signIn(app, 'admin@test.local', 'admin-password');
});
after(async () => {
  await app.close();
  await h.close();
  for (const d of folders) rmSync(d, { recursive: true, force: true });
});

async function api<T>(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, status = method === 'POST' ? 201 : 200): Promise<T> {
  const res = await app.inject({ method, url, headers: { cookie }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  assert.equal(res.statusCode, status, `${method} ${url}: ${res.body}`);
  return res.json() as T;
}

/** A project whose workflow starts with the machine stage, holding copies of `n` coco128 images. */
async function projectWithImages(name: string, n: number): Promise<string> {
  const projectId = (await projectService.createProject(h.deps, h.admin, { name, ontology, settings: { stages: ['prelabel', 'annotate'] } })).id;
  const dir = mkdtempSync(join(tmpdir(), 'cadre-machine-jobs-'));
  folders.push(dir);
  IMAGES.slice(0, n).forEach((f, i) => copyFileSync(join(COCO_IMAGES, f), join(dir, `${i + 1}-${f}`)));
  await importer.importRows(h.deps, h.admin, imports.folderRows(dir), { projectId, file: dir, format: 'folder', skipInvalid: false });
  return projectId;
}

async function register(name: string, spec: unknown, classes: string[], classMap: Record<string, string | null>, projectId: string): Promise<Model> {
  const model = await api<Model>('POST', '/api/models', { name, version: '1', spec, classes });
  await api('PUT', `/api/projects/${projectId}/models/${model.id}`, { classMap });
  return model;
}

async function waitForJob(jobId: string, until: (j: MachineJob) => boolean, ms = 180_000): Promise<MachineJob> {
  const end = Date.now() + ms;
  for (;;) {
    const job = await api<MachineJob>('GET', `/api/jobs/${jobId}`);
    if (until(job)) return job;
    assert.ok(Date.now() < end, `job ${jobId} is still ${job.state} at ${job.done}/${job.total}: ${job.error ?? ''}`);
    await sleep(200);
  }
}
const ended = (j: MachineJob) => ['done', 'failed', 'cancelled'].includes(j.state);

interface Stored { item_id: string; name: string; model_version: string; objects: { label: string; kind: string; geometry: Record<string, unknown>; score: number }[] }

async function predictionsOf(modelId: string): Promise<Stored[]> {
  const { rows } = await h.deps.pool.query<Stored & { payload: { objects: Stored['objects'] } }>(
    `SELECT p.item_id, coalesce(i.media_ref, i.asset) AS name, p.model_version, p.payload FROM predictions p JOIN items i ON i.id = p.item_id WHERE p.model_id = $1 ORDER BY 2`, [modelId]);
  return rows.map((r) => ({ ...r, objects: r.payload.objects }));
}

async function stagesOf(projectId: string): Promise<Record<string, number>> {
  const { rows } = await h.deps.pool.query<{ stage: string; n: string }>('SELECT stage, count(*) AS n FROM tasks WHERE project_id = $1 GROUP BY stage', [projectId]);
  return Object.fromEntries(rows.map((r) => [r.stage, Number(r.n)]));
}

const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1, `${what}: ${a} is not within 1 px of ${b}`);

test('a user\'s ONNX segmentation model pre-labels the prelabel stage: boxes in image pixels for the box class, outlines for the polygon class, unused classes counted', needsSharedData, async () => {
  const projectId = await projectWithImages('ONNX at work', 3);
  const size = sizeOf(IMAGES[0]!);
  // Objects placed by pixels of the first image; the model answers the same for every image.
  const dogBox = { x: 40, y: 60, w: 200, h: 120 };
  const catBox = { x: 300, y: 100, w: 160, h: 160 };
  const file = await writeOnnx(join(folders.at(-1)!, 'pets-seg.onnx'), yoloV8SegOnnx({
    classes: 3,
    objects: [objectInImage(dogBox, size, 0, 0.9), objectInImage(catBox, size, 1, 0.8), objectInImage({ x: 10, y: 10, w: 50, h: 50 }, size, 2, 0.7)],
  }));
  const model = await register('pets-seg', { type: 'onnx', file, classes: ['dog', 'cat', 'bird'] }, ['dog', 'cat', 'bird'], { dog: 'dog', cat: 'cat outline', bird: null }, projectId);
  const runner = await machine.startJobRunner(h.deps, { media: media.mediaConfig() });
  try {
    const started = await api<MachineJob>('POST', `/api/projects/${projectId}/jobs`, { kind: 'prelabel', modelId: model.id });
    const job = await waitForJob(started.id, ended);
    assert.equal(job.state, 'done', `the job ended ${job.state}: ${job.error ?? ''} ${JSON.stringify(job.failures)}`);
    assert.deepEqual([job.done, job.failed, job.total], [3, 0, 3]);
    assert.deepEqual(job.unmapped, [{ class: 'bird', count: 3 }], 'the bird the project does not use is counted on every image');
  } finally {
    await runner.stop();
  }
  const stored = await predictionsOf(model.id);
  assert.equal(stored.length, 3, 'one prediction an item');
  assert.ok(stored.every((p) => p.model_version === 'pets-seg@1'));
  const [p] = stored;
  assert.deepEqual(p!.objects.map((o) => [o.label, o.kind]), [['dog', 'bbox2d'], ['cat outline', 'polygon']]);
  const dog = p!.objects[0]!.geometry as { x: number; y: number; width: number; height: number };
  near(dog.x, dogBox.x, 'dog x'); near(dog.y, dogBox.y, 'dog y'); near(dog.width, dogBox.w, 'dog width'); near(dog.height, dogBox.h, 'dog height');
  const outline = p!.objects[1]!.geometry.points as [number, number][];
  assert.ok(outline.length >= 8, `the cat's outline has ${outline.length} points`);
  const xs = outline.map((q) => q[0]);
  const ys = outline.map((q) => q[1]);
  // The outline is the ellipse inscribed in the cat's box, traced on the model's mask grid (4 px at 640).
  for (const [got, want, what] of [[Math.min(...xs), catBox.x, 'left'], [Math.max(...xs), catBox.x + catBox.w, 'right'], [Math.min(...ys), catBox.y, 'top'], [Math.max(...ys), catBox.y + catBox.h, 'bottom']] as const) {
    assert.ok(Math.abs(got - want) < 12, `the outline's ${what} edge ${got} is near the cat's box edge ${want}`);
  }
  assert.deepEqual(await stagesOf(projectId), { annotate: 3 }, 'every item moved on to people');
});

test('a Label Studio ML backend pre-labels a project through /setup and /predict; its percentages come back as pixels', needsSharedData, async () => {
  const projectId = await projectWithImages('Backend at work', 2);
  const backend = await startLsBackend({
    predict: () => ({ result: [lsRectangle('dog', { x: 10, y: 20, width: 30, height: 40 }, { score: 0.8 }), lsRectangle('zebra', { x: 50, y: 50, width: 10, height: 10 }, { score: 0.9 })], score: 0.85 }),
  });
  try {
    const model = await register('ls-pets', { type: 'ls-backend', url: backend.url }, ['dog', 'zebra'], { dog: 'dog', zebra: null }, projectId);
    const runner = await machine.startJobRunner(h.deps, { media: media.mediaConfig() });
    try {
      const started = await api<MachineJob>('POST', `/api/projects/${projectId}/jobs`, { kind: 'prelabel', modelId: model.id });
      const job = await waitForJob(started.id, ended);
      assert.equal(job.state, 'done', `the job ended ${job.state}: ${job.error ?? ''} ${JSON.stringify(job.failures)}`);
      assert.deepEqual([job.done, job.failed], [2, 0]);
      assert.deepEqual(job.unmapped, [{ class: 'zebra', count: 2 }]);
    } finally {
      await runner.stop();
    }
    assert.ok(backend.server.requests('/setup').length >= 1, 'the backend was set up before predicting');
    assert.equal(backend.server.requests('/predict').length, 2, 'one /predict an item');
    const stored = await predictionsOf(model.id);
    assert.equal(stored.length, 2);
    for (const p of stored) {
      assert.deepEqual(p.objects.map((o) => o.label), ['dog']);
      const g = p.objects[0]!.geometry as { x: number; y: number; width: number; height: number };
      const { width, height } = sizeOf(basename(p.name));
      near(g.x, 0.1 * width, 'x'); near(g.y, 0.2 * height, 'y'); near(g.width, 0.3 * width, 'width'); near(g.height, 0.4 * height, 'height');
      assert.equal(p.objects[0]!.score, 0.8);
    }
    assert.deepEqual(await stagesOf(projectId), { annotate: 2 });
  } finally {
    await backend.close();
  }
});

/** Four coco128 images with people, imported with their COCO labels as accepted annotations (people only: the project's one class). */
async function acceptedCocoProject(name: string) {
  const coco = JSON.parse(readFileSync(join(SHARED_DATA, 'images/coco128/instances_train2017_coco128.json'), 'utf8')) as {
    images: { id: number; file_name: string; width: number; height: number }[]; annotations: { image_id: number; category_id: number; bbox: number[] }[]; categories: { id: number; name: string }[];
  };
  const images = coco.images.filter((im) => coco.annotations.some((a) => a.image_id === im.id && a.category_id === 1)).sort((a, b) => a.file_name.localeCompare(b.file_name)).slice(0, 4);
  const ids = new Set(images.map((im) => im.id));
  const dir = mkdtempSync(join(tmpdir(), 'cadre-machine-accepted-'));
  folders.push(dir);
  for (const im of images) copyFileSync(join(COCO_IMAGES, im.file_name), join(dir, im.file_name));
  const file = join(dir, 'four.json');
  writeFileSync(file, JSON.stringify({ ...coco, images, annotations: coco.annotations.filter((a) => ids.has(a.image_id) && a.category_id === 1) }));
  const projectId = (await projectService.createProject(h.deps, h.admin, { name, ontology: { classes: [{ name: 'person', kind: 'bbox2d', attributes: [] }] }, settings: { stages: ['annotate', 'review'] } })).id;
  await labelImporter.importLabelled(h.deps, h.admin, { ...(await diskSource(file)), name: file }, {
    projectId, format: 'coco', as: 'labels', strict: false, skipInvalid: false, root: dir, places: { root: dir, sourceOnDisk: true, dirs: [dir], mediaDir: join(dir, 'media') },
  });
  const people = new Map(images.map((im) => [im.file_name, coco.annotations.filter((a) => a.image_id === im.id && a.category_id === 1).map((a) => a.bbox)]));
  return { projectId, images, people };
}

test('an evaluate job measures a model against the accepted labels: AP, precision and recall per class at the project\'s least score', needsSharedData, async () => {
  const { projectId, images, people } = await acceptedCocoProject('Measured');
  // A model that finds every person exactly, adds one false person an image (scored under the true
  // ones) and a zebra the project does not use.
  const truths = [...people.values()].reduce((n, b) => n + b.length, 0);
  const model$ = await startHttpModel({
    info: { name: 'people', version: '1', classes: ['person', 'zebra'] },
    answer: (image) => ({
      model: { name: 'people', version: '1' },
      objects: [
        ...(people.get(basename(image.name)) ?? []).map(([x, y, w, hh]) => ({ class: 'person', x, y, w, h: hh, score: 0.9 })),
        { class: 'person', x: 1, y: 1, w: 5, h: 5, score: 0.6 },
        { class: 'zebra', x: 1, y: 1, w: 50, h: 50, score: 0.9 },
      ],
    }),
  });
  try {
    const model = await register('people', { type: 'http', url: model$.url }, ['person', 'zebra'], { person: 'person', zebra: null }, projectId);
    await api('PUT', `/api/projects/${projectId}/models/${model.id}`, { minScore: 0.5 });
    const train = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/jobs`, headers: { cookie }, payload: { kind: 'train', modelId: model.id } });
    assert.equal(train.statusCode, 422, 'a plain HTTP model has no training contract: refused, not queued to fail');
    assert.match(train.body, /only a Label Studio ML backend/);
    const runner = await machine.startJobRunner(h.deps, { media: media.mediaConfig() });
    let job: MachineJob;
    try {
      const started = await api<MachineJob>('POST', `/api/projects/${projectId}/jobs`, { kind: 'evaluate', modelId: model.id });
      job = await waitForJob(started.id, ended);
    } finally {
      await runner.stop();
    }
    assert.equal(job.state, 'done', `the job ended ${job.state}: ${job.error ?? ''} ${JSON.stringify(job.failures)}`);
    assert.deepEqual([job.kind, job.done, job.failed, job.total], ['evaluate', 4, 0, 4], JSON.stringify(job.failures));
    assert.deepEqual(job.unmapped, [{ class: 'zebra', count: 4 }]);
    const e = job.evaluation!;
    assert.ok(e, 'the figures are kept with the job');
    assert.deepEqual([e.truths, e.truePositives, e.falsePositives, e.falseNegatives, e.minScore], [truths, truths, 4, 0, 0.5]);
    assert.equal(e.recall, 1);
    assert.ok(Math.abs(e.precision - truths / (truths + 4)) < 1e-9, `precision ${e.precision}`);
    assert.equal(e.map, 1, 'every true person ranked above every false one');
    assert.deepEqual(e.classes.map((c) => [c.class, c.truths, c.proposals]), [['person', truths, truths + 4]]);
    const { rows } = await h.deps.pool.query('SELECT count(*)::int AS n FROM predictions WHERE model_id = $1', [model.id]);
    assert.equal(rows[0].n, 0, 'an evaluation stores no pre-labels');
    // A project with nothing accepted has nothing to measure against: said at once.
    const empty = await projectWithImages('Nothing accepted', 1);
    await api('PUT', `/api/projects/${empty}/models/${model.id}`, { classMap: { person: null, zebra: null } });
    const refused = await app.inject({ method: 'POST', url: `/api/projects/${empty}/jobs`, headers: { cookie }, payload: { kind: 'evaluate', modelId: model.id } });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /no accepted labels/);
  } finally {
    await model$.close();
  }
});

test('a train job sends the accepted labels to a Label Studio ML backend as its webhooks, then START_TRAINING; after a failed attempt it goes on where it stopped', needsSharedData, async () => {
  const { projectId, images, people } = await acceptedCocoProject('Teaching');
  let events = 0;
  const backend: Awaited<ReturnType<typeof startLsBackend>> = await startLsBackend({
    // The third event meets a backend that is down (500 on every try): the attempt fails there.
    fit: (action) => { if (action === 'ANNOTATION_CREATED' && ++events === 2) backend.misbehave('/webhook', { status: 500 }, 3); return { trained: action }; },
  });
  try {
    const model = await register('ls-people', { type: 'ls-backend', url: backend.url }, ['person'], { person: 'person' }, projectId);
    const runner = await machine.startJobRunner(h.deps, { media: media.mediaConfig() });
    let job: MachineJob;
    try {
      const started = await api<MachineJob>('POST', `/api/projects/${projectId}/jobs`, { kind: 'train', modelId: model.id });
      job = await waitForJob(started.id, ended, 120_000);
    } finally {
      await runner.stop();
    }
    assert.equal(job.state, 'done', `the job ended ${job.state}: ${job.error ?? ''} ${JSON.stringify(job.failures)}`);
    assert.deepEqual([job.kind, job.done, job.failed, job.total, job.attempts], ['train', 4, 0, 4, 2], 'four items sent, in two attempts');
    assert.deepEqual(job.training, { ok: true, status: 201, answer: { result: { trained: 'START_TRAINING' }, status: 'ok' } });
    const hooks = backend.requests('/webhook').map((r) => r.body as { action: string; annotation?: { id: string; result: { value: { x: number; y: number; width: number; height: number }; original_width: number }[] }; task?: { data: { image: string } } });
    assert.equal(hooks.at(-1)!.action, 'START_TRAINING');
    const created = hooks.filter((x) => x.action === 'ANNOTATION_CREATED');
    const perAnnotation = new Map<string, number>();
    for (const c of created) perAnnotation.set(c.annotation!.id, (perAnnotation.get(c.annotation!.id) ?? 0) + 1);
    assert.deepEqual([...perAnnotation.values()], [1, 1, 4, 1], 'the first two were not sent again; the third was tried 3 times, then again by the next attempt');
    // What the backend got for the first image: its people, in percent of the image, the image itself inline.
    const first = created[0]!;
    const im = images[0]!;
    assert.match(first.task!.data.image, /^data:image\/jpeg;base64,/);
    const sent = first.annotation!.result.map((r) => [r.value.x, r.value.y, r.value.width, r.value.height]).sort((a, b) => a[0]! - b[0]!);
    const want = people.get(im.file_name)!.map(([x, y, w, hh]) => [x! / im.width * 100, y! / im.height * 100, w! / im.width * 100, hh! / im.height * 100]).sort((a, b) => a[0]! - b[0]!);
    assert.equal(sent.length, want.length);
    sent.forEach((box, i) => box.forEach((v, k) => assert.ok(Math.abs(v - want[i]![k]!) < 1e-6, `region ${i} value ${k}: ${v} against ${want[i]![k]} percent`)));
  } finally {
    await backend.close();
  }
});

// ── A worker process killed mid-job ────────────────────────────────────────────────────────────

test('killing a `cadre worker` with SIGKILL mid-job loses nothing: another worker resumes the job and no item gets two predictions of the model', needsSharedData, async () => {
  const n = IMAGES.length;
  const projectId = await projectWithImages('Workers at work', n);
  // A slow plain HTTP model: 1.5 s an image, so the kill lands while an item is with the model.
  const model$ = await startHttpModel({
    info: { name: 'slow-dogs', version: '7', classes: ['dog'] },
    answer: (image) => ({ model: { name: 'slow-dogs', version: '7' }, objects: [{ class: 'dog', x: 5, y: 6, w: 70, h: 80, score: 0.9 }], image: image.name }),
  });
  model$.misbehave({ delayMs: 1500 }, 1000);
  const workers: ChildProcess[] = [];
  try {
    const model = await register('slow-dogs', { type: 'http', url: model$.url }, ['dog'], { dog: 'dog' }, projectId);
    const env = { DATABASE_URL: h.t.url, CADRE_JOB_STALE_SECONDS: '3' };
    const first = workerCadre(env);
    workers.push(first.child);
    const started = await api<MachineJob>('POST', `/api/projects/${projectId}/jobs`, { kind: 'prelabel', modelId: model.id });
    const midway = await waitForJob(started.id, (j) => j.done >= 2 || ended(j), 120_000);
    assert.equal(midway.state, 'running', `the first worker was to be midway: ${JSON.stringify(midway)} ${first.output()}`);
    // Kill while the worker holds an item (not in the moment between storing one and claiming the next).
    const leasedNow = () => h.deps.pool.query('SELECT count(*)::int AS n FROM tasks WHERE project_id = $1 AND stage = $2 AND assignee_id = $3 AND lease_expires_at > now()', [projectId, 'prelabel', model.workerId]);
    for (let i = 0; i < 200 && (await leasedNow()).rows[0].n !== 1; i++) await new Promise((r) => setTimeout(r, 20));
    const askedBefore = model$.requests('POST').length;
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const atKill = await api<MachineJob>('GET', `/api/jobs/${started.id}`);
    assert.ok(atKill.done < n, 'the job was not finished when its worker died');
    const leased = await leasedNow();
    assert.equal(leased.rows[0].n, 1, 'the dead worker held the item it was working on');

    const second = workerCadre(env);
    workers.push(second.child);
    const job = await waitForJob(started.id, ended, 180_000);
    assert.equal(job.state, 'done', `the job ended ${job.state}: ${job.error ?? ''}\n${second.output()}`);
    assert.deepEqual([job.done, job.failed, job.remaining], [n, 0, 0], 'every item counted once');
    assert.match(second.output(), new RegExp(`job ${started.id} (done|ended): ${n}/${n}`), `the second worker printed its progress:\n${second.output()}`);

    const counts = await h.deps.pool.query<{ item_id: string; n: number }>('SELECT item_id, count(*)::int AS n FROM predictions WHERE model_id = $1 GROUP BY item_id', [model.id]);
    assert.equal(counts.rows.length, n, 'every item has a prediction of the model');
    assert.ok(counts.rows.every((r) => r.n === 1), 'and only one');
    assert.deepEqual(await stagesOf(projectId), { annotate: n }, 'every item moved on to people, none left at the machine stage');
    const held = await h.deps.pool.query('SELECT count(*)::int AS n FROM tasks WHERE project_id = $1 AND assignee_id = $2 AND lease_expires_at > now()', [projectId, model.workerId]);
    assert.equal(held.rows[0].n, 0, 'the model holds no task');
    // The item the dead worker was on was asked again; the others were asked once.
    const asked = model$.requests('POST').length;
    assert.ok(asked >= n && asked <= n + 2, `the model was asked ${asked} times for ${n} items (${askedBefore} before the kill)`);
  } finally {
    for (const w of workers) await stopCadre(w, 'cadre worker');
    await model$.close();
  }
});
