import { test } from 'node:test';
import assert from 'node:assert/strict';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { decodeImage, imageSize, MAX_MEGAPIXELS } from './decode.ts';
import { ModelError } from '../types.ts';

/** A w×h RGBA picture: red left half, blue right half, given alpha. */
function picture(w: number, h: number, alpha = 255): Buffer {
  const data = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const o = (y * w + x) * 4;
    data[o] = x < w / 2 ? 255 : 0;
    data[o + 2] = x < w / 2 ? 0 : 255;
    data[o + 3] = alpha;
  }
  return data;
}

function png(w: number, h: number, alpha = 255): Uint8Array {
  const p = new PNG({ width: w, height: h });
  picture(w, h, alpha).copy(p.data);
  return new Uint8Array(PNG.sync.write(p));
}

function jpg(w: number, h: number): Uint8Array {
  return new Uint8Array(jpeg.encode({ width: w, height: h, data: picture(w, h) }, 95).data);
}

const pixel = (im: { width: number; data: Uint8Array }, x: number, y: number) => Array.from(im.data.subarray((y * im.width + x) * 3, (y * im.width + x) * 3 + 3));

test('a PNG decodes to RGB rows top to bottom, its transparency laid over white', () => {
  const im = decodeImage(png(40, 30), 'a.png');
  assert.deepEqual([im.width, im.height, im.data.length], [40, 30, 40 * 30 * 3]);
  assert.deepEqual(pixel(im, 5, 29), [255, 0, 0]);
  assert.deepEqual(pixel(im, 35, 0), [0, 0, 255]);
  const half = decodeImage(png(4, 4, 0), 'clear.png');
  assert.deepEqual(pixel(half, 0, 0), [255, 255, 255]);
});

test('a JPEG decodes to RGB of its size, colours within JPEG loss', () => {
  const bytes = jpg(64, 48);
  assert.deepEqual(imageSize(bytes), { width: 64, height: 48 });
  const im = decodeImage(bytes, 'a.jpg');
  assert.deepEqual([im.width, im.height, im.data.length], [64, 48, 64 * 48 * 3]);
  const [r, g, b] = pixel(im, 8, 24) as [number, number, number];
  assert.ok(r > 230 && g < 25 && b < 25, `left is red: ${[r, g, b]}`);
  const [r2, , b2] = pixel(im, 56, 24) as [number, number, number];
  assert.ok(r2 < 25 && b2 > 230, `right is blue: ${[r2, b2]}`);
});

test('bytes cut short, empty or of another kind are refused naming the image', () => {
  const whole = jpg(64, 48);
  const fails = (bytes: Uint8Array, name: string, pattern: RegExp) => assert.throws(() => decodeImage(bytes, name), (e: unknown) => {
    assert.ok(e instanceof ModelError);
    assert.equal(e.code, 'bad_image');
    assert.match(e.message, pattern);
    assert.ok(e.message.startsWith(`${name}:`), e.message);
    return true;
  });
  fails(whole.subarray(0, whole.length - 200), 'cut.jpg', /JPEG data is broken or cut short/);
  fails(whole.subarray(0, 10), 'head.jpg', /JPEG header is cut short/);
  const p = png(40, 30);
  fails(p.subarray(0, p.length - 30), 'cut.png', /PNG data is broken or cut short/);
  fails(new Uint8Array(0), 'empty.jpg', /not a JPEG or PNG image \(the file is empty\)/);
  fails(new TextEncoder().encode('GIF89a...'), 'anim.gif', /not a JPEG or PNG image \(it starts with bytes 47 49 46 38\)/);
});

test(`an image over ${MAX_MEGAPIXELS} megapixels is refused from its header, before decoding`, () => {
  const p = png(2, 2);
  const v = new DataView(p.buffer, p.byteOffset);
  v.setUint32(16, 20000);
  v.setUint32(20, 10000);
  assert.throws(() => decodeImage(p, 'huge.png'), /huge.png: 20000×10000 pixels \(200 megapixels\) is over the 100 megapixel limit/);
  // A JPEG whose frame header claims 12000×9000.
  const j = jpg(16, 16);
  const sof = j.findIndex((b, i) => b === 0xff && j[i + 1] === 0xc0);
  j[sof + 5] = 9000 >> 8; j[sof + 6] = 9000 & 255; j[sof + 7] = 12000 >> 8; j[sof + 8] = 12000 & 255;
  assert.deepEqual(imageSize(j), { width: 12000, height: 9000 });
  assert.throws(() => decodeImage(j, 'huge.jpg'), /huge.jpg: 12000×9000 pixels \(108 megapixels\) is over/);
});
