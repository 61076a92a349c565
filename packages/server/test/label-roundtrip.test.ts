// The whole way through Cadre, on real files: a dataset imported as labels and exported in the same
// format gives back the same objects (the formats' own tests check the modules alone; this checks
// what the import and export add: media, ontology fitting, storage).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatByName, memorySource, collect, type LabelledItem, type ReadContext } from '@cadre/formats';
import { assertSameObjects, readAll } from '@cadre/formats/testing';
import { diskSource } from '@cadre/formats/node';
import { needsSharedData, SHARED_DATA } from '@cadre/core/testing';
import type { Ontology } from '@cadre/core';
import { formatExporter, labelImporter, projectService } from '../src/index.ts';
import { readImageInfo } from '../src/media/image-info.ts';
import { harness, type Harness } from './harness.ts';

let h: Harness;
let dir: string;
before(async () => { h = await harness(); dir = await mkdtemp(join(tmpdir(), 'cadre-roundtrip-')); });
after(async () => { await h.close(); await rm(dir, { recursive: true, force: true }); });

const COCO128 = join(SHARED_DATA, 'images/coco128');

async function roundTrip(format: string, path: string, classes: unknown[]): Promise<{ before: LabelledItem[]; after: LabelledItem[] }> {
  const projectId = (await projectService.createProject(h.deps, h.admin, { name: `${format} round trip`, ontology: { classes }, settings: { stages: ['annotate'] } })).id;
  const source = await diskSource(path);
  const report = await labelImporter.importLabelled(h.deps, h.admin, { ...source, name: path }, {
    projectId, format, as: 'labels', strict: false, skipInvalid: true, root: path,
    places: { root: path, sourceOnDisk: true, dirs: [], mediaDir: join(dir, 'media') },
  });
  assert.ok(report.imported > 0);
  const project = await projectService.getProject(h.deps, h.admin, projectId);
  const ontology = project.ontology as Ontology;
  const kindOf = (label: string) => ontology.classes.find((c) => c.name === label)?.kind;
  const sizes: ReadContext = { imageSize: async (m) => { const f = await findImage(path, m); return f ? readImageInfo(f).then((i) => ({ width: i.width, height: i.height }), () => null) : null; }, kindOf };
  const original = await readAll(formatByName(format)!, source, sizes);
  const out = await formatExporter.exportFormatted(h.deps, h.admin, projectId, { format, which: 'accepted', media: { mediaDir: join(dir, 'media'), roots: [] } });
  const files: Record<string, string> = {};
  for await (const f of out.files) files[f.path] = await collect(f.content);
  // The export names no images of its own: sizes come from the originals, by name.
  const exported = await readAll(formatByName(format)!, memorySource('export', files), { ...sizes, imageSize: async (m) => sizes.imageSize(m.replace(/^images\//, '')) });
  return { before: original.items, after: exported.items };
}

async function findImage(root: string, media: string): Promise<string | null> {
  const name = media.slice(media.lastIndexOf('/') + 1);
  for (const c of [join(root, media), join(root, 'images/train2017', name)]) {
    for (const ext of ['', '.jpg']) if (await readImageInfo(c + ext).then(() => true, () => false)) return c + ext;
  }
  return null;
}

const byName = (items: LabelledItem[]) => new Map(items.map((i) => [(i.media ?? '').slice((i.media ?? '').lastIndexOf('/') + 1).replace(/\.\w+$/, ''), i]));

test('coco128 COCO JSON → Cadre → COCO: the same objects, polygons vertex for vertex', needsSharedData, async () => {
  const { before, after } = await roundTrip('coco', join(COCO128, 'instances_train2017_coco128.json'), []);
  const exported = byName(after);
  let objects = 0;
  for (const item of before) {
    const back = exported.get(item.media!.replace(/\.\w+$/, ''));
    assert.ok(back, `${item.media} is in the export`);
    assertSameObjects(back.annotations[0]?.objects ?? [], item.annotations[0]?.objects ?? [], 1e-6, `${item.media}: `);
    objects += item.annotations[0]?.objects.length ?? 0;
  }
  assert.ok(objects > 900, `${objects} objects compared`);
});

test('coco128 YOLO → Cadre → YOLO: the same boxes within 1e-6 px', needsSharedData, async () => {
  const names = (await import('yaml')).parse(await (await import('node:fs/promises')).readFile(join(COCO128, 'config.yaml'), 'utf8')).names as string[] | Record<string, string>;
  const list = Array.isArray(names) ? names : Object.values(names);
  const { before, after } = await roundTrip('yolo', COCO128, list.map((name) => ({ name, kind: 'bbox2d', attributes: [] })));
  const exported = byName(after);
  let compared = 0;
  let clamped = 0;
  for (const item of before) {
    const objects = item.annotations[0]?.objects ?? [];
    if (objects.length === 0) continue;
    const back = exported.get((item.media ?? '').slice((item.media ?? '').lastIndexOf('/') + 1).replace(/\.\w+$/, ''));
    assert.ok(back, `${item.media} is in the export`);
    const got = back.annotations[0]?.objects ?? [];
    assert.equal(got.length, objects.length, `${item.media}: as many boxes`);
    // A box that reached past the image by rounding (the report counts them) was moved in by at most 0.5 px; every other is exact.
    objects.forEach((o, i) => {
      const g = o.geometry as { x: number; y: number; width: number; height: number };
      const past = g.x < 0 || g.y < 0 || g.x + g.width > item.width! || g.y + g.height > item.height!;
      if (past) clamped++;
      assertSameObjects([got[i]!], [o], past ? 0.5 : 1e-6, `${item.media}: objects[${i}] `);
    });
    compared++;
  }
  assert.ok(compared > 100, `${compared} images compared`);
  assert.ok(clamped < 100, `${clamped} boxes past the edge by rounding`);
});
