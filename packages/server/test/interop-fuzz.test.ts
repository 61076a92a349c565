// Every label importer fails cleanly through the real HTTP API: a valid sample of each format (COCO,
// YOLO, Pascal VOC, CVAT images and video, Label Studio JSON and JSONL, Datumaro, MOT) is broken the
// way a person's file breaks (cut short, a byte changed, a line gone, a number that is not one, a
// key dropped, a record twice, a field of the wrong type, nothing at all) and posted as it is. The
// answer is a 200 whose report matches what the project now holds, or a 4xx that names the file and
// left the project as it was: never a 5xx, never half an import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { formatByName, memorySource } from '@cadre/formats';
import { readAll } from '@cadre/formats/testing';
import { detection } from '../../formats/src/coco/fixtures.ts';
import { cvatVoc, voc2007 } from '../../formats/src/voc/fixtures.ts';
import { imagesDump, videoDump } from '../../formats/src/cvat/fixtures.ts';
import { imageExport } from '../../formats/src/labelstudio/fixtures.ts';
import { defaultJson } from '../../formats/src/datumaro/fixtures.ts';
import { gt, labels as motLabels, seqinfo } from '../../formats/src/mot/fixtures.ts';
import { harness, httpApp, signIn, type Harness } from './harness.ts';

let h: Harness;
let app: FastifyInstance;
let cookie: string;
before(async () => {
  h = await harness();
  app = await httpApp(h);
  cookie = await signIn(app, 'admin@test.local', 'admin-password');
});
after(async () => { await app.close(); await h.close(); });

/** A PNG of this size: the signature and an IHDR chunk are all a size reader needs. */
function png(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8; b[25] = 2;
  return new Uint8Array(b);
}

const enc = new TextEncoder();
const bytesOf = (v: string | Uint8Array) => (typeof v === 'string' ? enc.encode(v) : v);

interface Seed {
  name: string;
  format: string;
  /** The upload's file name; a dataset folder goes as a .zip. */
  upload: string;
  /** The files: one for a single-file upload, the dataset folder for a zip. */
  files: Record<string, string | Uint8Array>;
  /** The text files a mutation may break (the others, images, stay as they are). */
  targets: string[];
  /** For YOLO: image sizes when the reader reads the seed here. */
  size?: { width: number; height: number };
}

// The second task's image is not in the upload: its results say the image's size, as Label Studio's own exports do.
const lsExport = imageExport.replace('"id": "r2", ', '"id": "r2", "original_width": 1000, "original_height": 500, ');
const lsJsonl = (JSON.parse(lsExport) as unknown[]).map((t) => JSON.stringify(t)).join('\n') + '\n';

const SEEDS: Seed[] = [
  { name: 'coco', format: 'coco', upload: 'instances.json', files: { 'instances.json': detection }, targets: ['instances.json'] },
  {
    name: 'yolo', format: 'yolo', upload: 'yolo.zip', size: { width: 200, height: 100 },
    files: {
      'data.yaml': 'path: .\ntrain: images/train\nval: images/train\nnames:\n  0: car\n  1: person\n',
      'images/train/a.png': png(200, 100), 'images/train/b.png': png(200, 100),
      'labels/train/a.txt': '0 0.5 0.5 0.25 0.2\n1 0.1 0.1 0.4 0.1 0.4 0.4 0.1 0.35\n0 0.25 0.25 0.1 0.1\n',
      'labels/train/b.txt': '1 0.5 0.5 0.5 0.5\n',
    },
    targets: ['labels/train/a.txt', 'labels/train/b.txt', 'data.yaml'],
  },
  { name: 'voc', format: 'voc', upload: 'voc.zip', files: { 'Annotations/000001.xml': voc2007, 'Annotations/street/frame_07.xml': cvatVoc }, targets: ['Annotations/000001.xml', 'Annotations/street/frame_07.xml'] },
  { name: 'cvat images', format: 'cvat', upload: 'annotations.xml', files: { 'annotations.xml': imagesDump }, targets: ['annotations.xml'] },
  { name: 'cvat video', format: 'cvat', upload: 'video.xml', files: { 'video.xml': videoDump }, targets: ['video.xml'] },
  { name: 'labelstudio json', format: 'labelstudio', upload: 'export.json', files: { 'export.json': lsExport }, targets: ['export.json'] },
  { name: 'labelstudio jsonl', format: 'labelstudio', upload: 'export.jsonl', files: { 'export.jsonl': lsJsonl }, targets: ['export.jsonl'] },
  { name: 'datumaro', format: 'datumaro', upload: 'dm.zip', files: { 'annotations/default.json': defaultJson }, targets: ['annotations/default.json'] },
  { name: 'mot', format: 'mot', upload: 'mot.zip', files: { 'gt/gt.txt': gt, 'seqinfo.ini': seqinfo, 'gt/labels.txt': motLabels }, targets: ['gt/gt.txt', 'seqinfo.ini', 'gt/labels.txt'] },
];

const isZip = (s: Seed) => s.upload.endsWith('.zip');
const body = (s: Seed, files: Record<string, string | Uint8Array>): Buffer =>
  isZip(s) ? Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, bytesOf(v)])))) : Buffer.from(bytesOf(files[s.upload]!));

// INTEROP_FUZZ_RUNS and INTEROP_FUZZ_SEED run it longer or otherwise (the default is fixed, so every run tries the same files).
let uploads = 0;
/** Each upload gets a name of its own: a strict import refuses a file of a name imported before. */
const uniqueName = (s: Seed) => `run${++uploads}-${s.upload}`;

async function post(projectId: string, s: Seed, payload: Buffer, strict: boolean, skipInvalid = false, file = uniqueName(s)) {
  const res = await app.inject({
    method: 'POST', url: `/api/projects/${projectId}/import?file=${encodeURIComponent(file)}&format=${s.format}&as=labels&strict=${strict}&skipInvalid=${skipInvalid}`,
    headers: { cookie, 'content-type': 'application/octet-stream' }, payload,
  });
  return { res, file };
}

async function holdings(projectId: string) {
  const count = async (table: 'items' | 'tasks' | 'annotations' | 'predictions') =>
    Number((await h.deps.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow()).n);
  return { items: await count('items'), tasks: await count('tasks'), annotations: await count('annotations'), predictions: await count('predictions') };
}

// ---- mutations -------------------------------------------------------------------------------

type Mutation =
  | { op: 'truncate'; at: number }
  | { op: 'byte'; at: number; value: number }
  | { op: 'deleteLine'; at: number }
  | { op: 'duplicateLine'; at: number }
  | { op: 'number'; at: number; value: string }
  | { op: 'dropKey'; at: number }
  | { op: 'wrongType'; at: number; value: unknown }
  | { op: 'duplicateRecord'; at: number }
  | { op: 'empty' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('deleteLine' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('number' as const), at: fc.nat(), value: fc.constantFrom('NaN', '"abc"', 'abc', '-1', '1e308', '-1e308', 'Infinity', '') }),
  fc.record({ op: fc.constant('dropKey' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('wrongType' as const), at: fc.nat(), value: fc.constantFrom<unknown>('abc', 7, -1, null, true, [], {}, [1, 'x']) }),
  fc.record({ op: fc.constant('duplicateRecord' as const), at: fc.nat() }),
  fc.constant({ op: 'empty' as const }),
);

const pick = <T>(xs: readonly T[], at: number): T | undefined => (xs.length === 0 ? undefined : xs[at % xs.length]);

/** Every object and array of a JSON value, with a way to change it in place. */
function containers(v: unknown, out: Array<Record<string, unknown> | unknown[]> = []): Array<Record<string, unknown> | unknown[]> {
  if (v && typeof v === 'object') {
    out.push(v as Record<string, unknown>);
    for (const c of Object.values(v)) containers(c, out);
  }
  return out;
}

function parseJsonish(text: string, jsonl: boolean): { values: unknown[]; back: (vs: unknown[]) => string } | null {
  try {
    if (jsonl) {
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      return { values: lines.map((l) => JSON.parse(l)), back: (vs) => vs.map((v) => JSON.stringify(v)).join('\n') + '\n' };
    }
    return { values: [JSON.parse(text)], back: (vs) => JSON.stringify(vs[0], null, 2) };
  } catch {
    return null;
  }
}

/** The mutation applied to one text file (some leave a file without a place for them as it was). */
function mutate(path: string, content: string, m: Mutation): string | Uint8Array {
  const bytes = enc.encode(content);
  const lines = content.split('\n');
  const xml = path.endsWith('.xml');
  const json = path.endsWith('.json') || path.endsWith('.jsonl');
  switch (m.op) {
    case 'empty': return '';
    case 'truncate': return bytes.slice(0, m.at % Math.max(1, bytes.length));
    case 'byte': {
      const b = bytes.slice();
      if (b.length > 0) b[m.at % b.length] = m.value;
      return b;
    }
    case 'deleteLine': { const l = [...lines]; l.splice(m.at % lines.length, 1); return l.join('\n'); }
    case 'duplicateLine': { const l = [...lines]; const i = m.at % lines.length; l.splice(i, 0, lines[i]!); return l.join('\n'); }
    case 'number': {
      const nums = [...content.matchAll(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi)];
      const n = pick(nums, m.at);
      if (!n) return content;
      return content.slice(0, n.index) + m.value + content.slice(n.index! + n[0].length);
    }
    case 'dropKey':
    case 'wrongType':
    case 'duplicateRecord': {
      if (json) {
        const parsed = parseJsonish(content, path.endsWith('.jsonl'));
        if (!parsed) return content;
        const all = parsed.values.flatMap((v) => containers(v));
        if (m.op === 'duplicateRecord') {
          const arrays = all.filter((c): c is unknown[] => Array.isArray(c) && c.length > 0);
          const a = pick(arrays, m.at);
          if (a) a.push(structuredClone(a[m.at % a.length]));
          else if (parsed.values.length > 0) parsed.values.push(structuredClone(parsed.values[m.at % parsed.values.length]));
          return parsed.back(parsed.values);
        }
        const objects = all.filter((c): c is Record<string, unknown> => !Array.isArray(c) && Object.keys(c).length > 0);
        const o = pick(objects, m.at);
        if (!o) return content;
        const key = pick(Object.keys(o), Math.floor(m.at / Math.max(1, objects.length)))!;
        if (m.op === 'dropKey') delete o[key];
        else o[key] = (m as { value: unknown }).value;
        return parsed.back(parsed.values);
      }
      if (xml) {
        if (m.op === 'duplicateRecord') {
          // An element that stands on its own lines, twice.
          const elements = [...content.matchAll(/<(image|box|polygon|object|track|polyline|points)\b[\s\S]*?<\/\1>/g)];
          const e = pick(elements, m.at);
          return e ? content.slice(0, e.index! + e[0].length) + e[0] + content.slice(e.index! + e[0].length) : content;
        }
        const attrs = [...content.matchAll(/\s([a-z_]+)="([^"]*)"/g)];
        const elems = [...content.matchAll(/<([a-z_]+)>([^<]*)<\/\1>/g)];
        const all = [...attrs, ...elems];
        const a = pick(all, m.at);
        if (!a) return content;
        const replacement = m.op === 'dropKey' ? '' : a[0].replace(a[2]!, String((m as { value: unknown }).value ?? ''));
        return content.slice(0, a.index) + replacement + content.slice(a.index! + a[0].length);
      }
      // Text rows (YOLO, MOT, YAML, INI): drop a column, a column of another type, a row twice.
      const rows = lines.map((l) => l.split(/(,|\s+|=|:\s*)/));
      const r = m.at % Math.max(1, lines.length);
      if (m.op === 'duplicateRecord') { const l = [...lines]; l.splice(r, 0, lines[r]!); return l.join('\n'); }
      const parts = rows[r]!;
      const values = parts.map((p, i) => [p, i] as const).filter(([p], i) => i % 2 === 0 && p !== '');
      const v = pick(values, Math.floor(m.at / Math.max(1, lines.length)));
      if (!v) return content;
      const next = [...parts];
      if (m.op === 'dropKey') next.splice(v[1], 2);
      else next[v[1]] = JSON.stringify((m as { value: unknown }).value) ?? 'undefined';
      const l = [...lines];
      l[r] = next.join('');
      return l.join('\n');
    }
  }
}

// ---- the checks ------------------------------------------------------------------------------

const projects = new Map<string, string>();
async function projectFor(s: Seed): Promise<string> {
  let id = projects.get(s.name);
  if (!id) { id = await h.project(`interop ${s.name}`); projects.set(s.name, id); }
  return id;
}

/** What the format reads from the seed, here, without the server. */
async function expectedItems(s: Seed): Promise<number> {
  const source = memorySource(s.upload, Object.fromEntries(Object.entries(s.files).map(([k, v]) => [k, v])));
  const r = await readAll(formatByName(s.format)!, source, { imageSize: async () => s.size ?? null });
  assert.deepEqual(r.errors, [], `${s.name}: the seed reads without problems`);
  return r.items.length;
}

/** How each run was answered (200, 422, 500 of a known bug), shown as a diagnostic of each test. */
const answered = new Map<string, number>();
const tallyAnswer = (key: string) => answered.set(key, (answered.get(key) ?? 0) + 1);

async function checkAnswer(s: Seed, projectId: string, payload: Buffer, strict: boolean, what: string, changed: string[], files: Record<string, string | Uint8Array> | null = null, cutZip = false, skipInvalid = false) {
  const held = await holdings(projectId);
  const { res, file } = await post(projectId, s, payload, strict, skipInvalid);
  const now = await holdings(projectId);
  const where = `${s.name} ${what} strict=${strict} skipInvalid=${skipInvalid}: ${res.statusCode} ${res.body.slice(0, 400)}`;
  tallyAnswer(String(res.statusCode));
  assert.ok(res.statusCode === 200 || (res.statusCode >= 400 && res.statusCode < 500), `never a 5xx: ${where}`);
  if (res.statusCode === 200) {
    const report = res.json();
    assert.equal(now.items - held.items, report.imported, `items = report.imported: ${where}`);
    assert.equal(now.tasks - held.tasks, report.imported, `one task an item: ${where}`);
    assert.equal(now.annotations - held.annotations, (report.labels ?? 0) + (report.drafts ?? 0) + (report.annotations ?? 0), `annotations = report.labels: ${where}`);
    assert.equal(now.predictions - held.predictions, report.predictions, `predictions = report.predictions: ${where}`);
    if (!skipInvalid) assert.equal(report.skipped, 0, `only skip-invalid skips rows: ${where}`);
    assert.ok(report.errors.length <= report.skipped, `each listed error is a skipped row: ${where}`);
    for (const e of report.errors) assert.ok(typeof e.file === 'string' && e.file !== '' && typeof e.field === 'string', `a skipped row names its file and field: ${JSON.stringify(e)}`);
    return;
  }
  assert.deepEqual(now, held, `a refused import leaves the project as it was: ${where}`);
  assert.match(String(res.headers['content-type']), /application\/json/, where);
  const error = res.json().error as { code: string; message: string; details?: { file?: string; line?: number; field?: string } };
  assert.equal(typeof error.message, 'string', where);
  // The message names the file: the upload, or the file inside the dataset that is wrong.
  const names = [file, ...Object.keys(s.files), ...Object.keys(s.files).map((p) => p.slice(p.lastIndexOf('/') + 1))];
  assert.ok(names.some((n) => error.message.includes(n)), `the message names the file (${changed.join(', ')}): ${where}`);
  const d = error.details;
  if (d && typeof d.line === 'number' && d.line > 0) assert.match(error.message, /:\d+|line \d+/, `a row's failure names its line: ${where}`);
  if (d && typeof d.field === 'string' && d.field !== '') assert.ok(error.message.includes(d.field), `a row's failure names its field ${JSON.stringify(d.field)}: ${where}`);
}

for (const s of SEEDS) {
  test(`${s.name}: the valid sample imports as labels with every item`, async () => {
    const projectId = await projectFor(s);
    const expected = await expectedItems(s);
    const held = await holdings(projectId);
    const { res } = await post(projectId, s, body(s, s.files), false);
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json();
    assert.equal(report.format, s.format);
    assert.equal(report.imported, expected, JSON.stringify(report));
    assert.equal((await holdings(projectId)).items - held.items, expected);
  });

  test(`${s.name}: broken files answer 200 with a true report or a 4xx naming the file, never half an import`, async (t) => {
    const projectId = await projectFor(s);
    answered.clear();
    const out = await fc.check(
      fc.asyncProperty(fc.nat(), mutation, fc.boolean(), fc.boolean(), fc.boolean(), async (which, m, strict, breakZip, skipInvalid) => {
        // Now and then the zip itself is cut short, rather than a file inside it.
        if (isZip(s) && breakZip && m.op === 'truncate') {
          const whole = body(s, s.files);
          await checkAnswer(s, projectId, whole.subarray(0, m.at % whole.length), strict, `zip cut at ${m.at % whole.length}`, [s.upload], null, true, skipInvalid);
          return;
        }
        const target = s.targets[which % s.targets.length]!;
        const files = { ...s.files, [target]: mutate(target, s.files[target] as string, m) };
        await checkAnswer(s, projectId, body(s, files), strict, `${target} ${JSON.stringify(m)}`, [target], files, false, skipInvalid);
      }),
      { seed: Number(process.env.INTEROP_FUZZ_SEED ?? 20261205), numRuns: Number(process.env.INTEROP_FUZZ_RUNS ?? 40), endOnFailure: true },
    );
    if (out.failed) {
      const e = out.errorInstance as Error;
      e.message = `${e.message}\n  counterexample: ${JSON.stringify(out.counterexample)} (seed ${out.seed}, path ${out.counterexamplePath})`;
      throw e;
    }
    t.diagnostic(`answers: ${JSON.stringify(Object.fromEntries(answered))}`);
  });
}

test('an empty body for every label format answers cleanly (a 4xx names the file) and imports nothing', async (t) => {
  for (const s of SEEDS) {
    const projectId = await projectFor(s);
    const empty = isZip(s) ? null : { [s.upload]: '' };
    await checkAnswer(s, projectId, Buffer.alloc(0), false, 'empty body', [s.upload], empty);
    await checkAnswer(s, projectId, Buffer.alloc(0), true, 'empty body', [s.upload], empty);
  }
});
