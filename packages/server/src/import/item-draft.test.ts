import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat } from './detect.ts';
import { toItemDraft } from './item-draft.ts';
import type { TaskRow } from './types.ts';

const draft = (data: Record<string, unknown>) => toItemDraft({ line: 7, data, predictions: [], priority: 0 } satisfies TaskRow, 'tasks.json');

test('image, point cloud and text rows; other keys become metadata', () => {
  assert.deepEqual(draft({ img: 's3://b/a.jpg', camera: 'front' }), {
    ok: true,
    item: { kind: 'image', asset: 's3://b/a.jpg', text: null, frames: null, metadata: { camera: 'front' } },
  });
  const cloud = draft({ lidar: '/d/000950.pcd', image: '/d/cam.jpg' });
  assert.ok(cloud.ok);
  assert.deepEqual([cloud.item.kind, cloud.item.asset, cloud.item.metadata], ['pointcloud', '/d/000950.pcd', { image: '/d/cam.jpg' }]);
  assert.deepEqual(draft({ text: 'my card has not arrived', category: 'card_arrival' }), {
    ok: true,
    item: { kind: 'text', asset: null, text: 'my card has not arrived', frames: null, metadata: { category: 'card_arrival' } },
  });
});

test('frames make a sequence whose kind comes from "kind" or the extensions', () => {
  const clouds = draft({ frames: ['s3://b/1.pcd.bin?sig=x', 's3://b/2.bin'], scene: 'a' });
  assert.deepEqual(clouds, { ok: true, item: { kind: 'pointcloud', asset: null, text: null, frames: ['s3://b/1.pcd.bin?sig=x', 's3://b/2.bin'], metadata: { scene: 'a' } } });
  const images = draft({ frames: ['https://x/1', 'https://x/2'], kind: 'image' });
  assert.ok(images.ok && images.item.kind === 'image');
});

test('rows that cannot become an item say which field and why', () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ caption: 'x', url: 'y' }, 'data', /no image, pointcloud or text field \(expected one of frames, pcd, pointcloud, lidar, image, img, image_url, text\)/],
    [{ image: '' }, 'data.image', /expected a non-empty string \(a URL or path\), got ""/],
    [{ pcd: 3 }, 'data.pcd', /got 3/],
    [{ text: null }, 'data.text', /got null/],
    [{ frames: [] }, 'data.frames', /non-empty array/],
    [{ frames: ['a.jpg', 5] }, 'data.frames[1]', /got 5/],
    [{ frames: ['a.jpg', 'b.pcd'] }, 'data.kind', /cannot tell/],
    [{ frames: ['a.jpg'], kind: 'video' }, 'data.kind', /got "video"/],
  ];
  for (const [data, field, message] of cases) {
    const r = draft(data);
    assert.ok(!r.ok, JSON.stringify(data));
    assert.deepEqual([r.error.file, r.error.line, r.error.field], ['tasks.json', 7, field]);
    assert.match(r.error.message, message);
  }
});

test('detectFormat: extension first, then the first bytes', () => {
  assert.equal(detectFormat('a.JSON'), 'json');
  assert.equal(detectFormat('a.ndjson'), 'jsonl');
  assert.equal(detectFormat('a.csv', Buffer.from('[')), 'csv');
  assert.equal(detectFormat('upload', Buffer.from('\uFEFF  [{"data":{}}]')), 'json');
  assert.equal(detectFormat('upload', Buffer.from('{"data":{}}\n{"data":{}}\n')), 'jsonl');
  assert.equal(detectFormat('upload', Buffer.from('{\n  "data": {}\n}')), 'json');
  assert.equal(detectFormat('upload', Buffer.from('text,label\n')), 'csv');
  assert.throws(() => detectFormat('upload'), /cannot tell the format/);
  assert.throws(() => detectFormat('x.bin', Buffer.from([0, 1, 2])), /cannot tell the format/);
});
