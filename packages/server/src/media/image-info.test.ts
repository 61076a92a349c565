import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { needsSharedData, SHARED_DATA } from '../import/testing.ts';
import { ImageInfoError } from './image-errors.ts';
import { imageInfo, readImageInfo } from './image-info.ts';

const COCO = new URL('images/coco128/', SHARED_DATA);

const segment = (marker: number, body: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
};
const sof = (width: number, height: number) => {
  const b = Buffer.from([8, 0, 0, 0, 0, 3]);
  b.writeUInt16BE(height, 1);
  b.writeUInt16BE(width, 3);
  return segment(0xc0, b);
};
/** An EXIF APP1 segment whose IFD0 holds an Orientation tag, in either byte order. */
function exif(orientation: number, le: boolean): Buffer {
  const t = Buffer.alloc(26);
  const u16 = (v: number, at: number) => (le ? t.writeUInt16LE(v, at) : t.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (le ? t.writeUInt32LE(v, at) : t.writeUInt32BE(v, at));
  t.write(le ? 'II' : 'MM', 0, 'latin1');
  u16(42, 2); u32(8, 4); u16(1, 8);
  u16(0x0112, 10); u16(3, 12); u32(1, 14); u16(orientation, 18);
  return segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t]));
}
const jpeg = (...segments: Buffer[]) => Buffer.concat([Buffer.from([0xff, 0xd8]), ...segments, Buffer.from([0xff, 0xda, 0, 2])]);

test('every coco128 JPEG parses, and the sizes agree with the COCO JSON', needsSharedData, async () => {
  const dir = new URL('images/train2017/', COCO);
  const names = (await readdir(dir)).filter((n) => n.endsWith('.jpg'));
  assert.equal(names.length, 128);
  const coco = JSON.parse(await readFile(new URL('instances_train2017_coco128.json', COCO), 'utf8')) as { images: { file_name: string; width: number; height: number }[] };
  const expected = new Map(coco.images.map((i) => [i.file_name, i]));
  for (const name of names) {
    const info = await readImageInfo(fileURLToPath(new URL(name, dir)));
    assert.equal(info.format, 'jpeg');
    const want = expected.get(name);
    assert.ok(want, `${name} is in the COCO JSON`);
    assert.deepEqual([info.width, info.height], [want.width, want.height], name);
  }
});

test('EXIF orientation 6 swaps the displayed size, in both byte orders, past a large segment', async () => {
  for (const le of [true, false]) {
    const big = segment(0xe2, Buffer.alloc(60_000)); // an ICC profile-sized segment before the frame
    const info = await imageInfo(jpeg(segment(0xe0, Buffer.from('JFIF\0')), exif(6, le), big, sof(640, 480)));
    assert.deepEqual(info, { format: 'jpeg', width: 480, height: 640, orientation: 6, storedWidth: 640, storedHeight: 480 });
  }
  const upright = await imageInfo(jpeg(exif(3, true), sof(640, 480)));
  assert.deepEqual([upright.width, upright.height, upright.orientation], [640, 480, 3]);
});

test('PNG, GIF, BMP and the three WebP kinds give their size', async () => {
  const png = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(png);
  png.write('IHDR', 12, 'latin1'); png.writeUInt32BE(1920, 16); png.writeUInt32BE(1080, 20);
  assert.deepEqual([(await imageInfo(png)).width, (await imageInfo(png)).height], [1920, 1080]);

  const gif = Buffer.from('GIF89a\x20\x03\x58\x02\0\0\0', 'latin1'); // 800×600
  assert.equal((await imageInfo(gif)).height, 600);

  const bmp = Buffer.alloc(54); bmp.write('BM', 0, 'latin1');
  bmp.writeUInt32LE(40, 14); bmp.writeInt32LE(300, 18); bmp.writeInt32LE(-200, 22); // top-down
  assert.deepEqual([(await imageInfo(bmp)).width, (await imageInfo(bmp)).height], [300, 200]);

  const riff = (chunk: string, fill: (b: Buffer) => void) => {
    const b = Buffer.alloc(40); b.write('RIFF', 0, 'latin1'); b.write('WEBP', 8, 'latin1'); b.write(chunk, 12, 'latin1');
    fill(b);
    return b;
  };
  const vp8x = riff('VP8X', (b) => { b.writeUIntLE(1023, 24, 3); b.writeUIntLE(767, 27, 3); });
  const vp8l = riff('VP8L', (b) => { b[20] = 0x2f; b.writeUInt32LE((99) | (49 << 14), 21); });
  const vp8 = riff('VP8 ', (b) => { b[23] = 0x9d; b[24] = 0x01; b[25] = 0x2a; b.writeUInt16LE(320, 26); b.writeUInt16LE(240, 28); });
  for (const [bytes, size] of [[vp8x, [1024, 768]], [vp8l, [100, 50]], [vp8, [320, 240]]] as const) {
    const info = await imageInfo(bytes);
    assert.deepEqual([info.format, info.width, info.height], ['webp', ...size]);
  }
});

test('truncated or non-image bytes fail with a clear error instead of hanging', async () => {
  const cases: [Buffer, string][] = [
    [Buffer.from('hello, this is text\n'), 'not_image'],
    [Buffer.alloc(0), 'not_image'],
    [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a]), 'truncated'],
    [jpeg(exif(6, true)).subarray(0, 20), 'truncated'],
    [Buffer.from([0xff, 0xd8, 0x12, 0x34, 0, 0]), 'corrupt'],
    [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'truncated'],
  ];
  for (const [bytes, code] of cases) {
    await assert.rejects(imageInfo(bytes), (e: unknown) => e instanceof ImageInfoError && e.code === code && e.message.length > 10);
  }
  // A run of fill bytes ends at the end of the data, not in a loop.
  await assert.rejects(imageInfo(Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(5000, 0xff)])), ImageInfoError);
});
