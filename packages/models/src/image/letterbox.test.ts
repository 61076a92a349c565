import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RgbImage } from '../types.ts';
import { letterbox, letterboxPlacement, toImageBox } from './letterbox.ts';

function solid(width: number, height: number, rgb: [number, number, number]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { width, height, data };
}

test('a wide image is scaled to the width and centred between grey bands, as RGB planes in 0..1', () => {
  const { data, placement } = letterbox(solid(40, 20, [255, 0, 51]), 8);
  assert.deepEqual([placement.gain, placement.padX, placement.padY, placement.scaledWidth, placement.scaledHeight], [0.2, 0, 2, 8, 4]);
  const at = (c: number, y: number, x: number) => data[c * 64 + y * 8 + x]!;
  for (const y of [0, 1, 6, 7]) assert.ok(Math.abs(at(0, y, 3) - 114 / 255) < 1e-6, `row ${y} is padding`);
  for (const y of [2, 3, 4, 5]) {
    assert.ok(Math.abs(at(0, y, 0) - 1) < 1e-6, 'red plane first');
    assert.equal(at(1, y, 7), 0);
    assert.ok(Math.abs(at(2, y, 4) - 0.2) < 1e-6, 'blue plane last');
  }
});

test('an odd padding leaves the extra grey row at the bottom, as Ultralytics does', () => {
  const p = letterboxPlacement(3, 1, 4);
  assert.deepEqual([p.scaledWidth, p.scaledHeight, p.padX, p.padY], [4, 1, 0, 1]);
  const tall = letterboxPlacement(480, 640, 640);
  assert.deepEqual([tall.scaledWidth, tall.padX, tall.padY], [480, 80, 0]);
});

test('downscaling blends neighbouring pixels (bilinear), not nearest', () => {
  const image: RgbImage = { width: 4, height: 4, data: new Uint8Array(48) };
  for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) image.data.fill(x < 2 ? 0 : 200, (y * 4 + x) * 3, (y * 4 + x) * 3 + 3);
  const { data } = letterbox(image, 2);
  // Output column 0 samples source x = 0.5 (between two black pixels), column 1 x = 2.5 (two grey ones).
  assert.deepEqual([data[0], Math.round(data[1]! * 255)], [0, 200]);
  const { data: three } = letterbox(image, 3);
  // Column 1 samples x = 1.5: halfway between black and 200.
  assert.equal(Math.round(three[1]! * 255), 100);
});

test('boxes come back to the original pixels and are clamped to the image', () => {
  const p = letterboxPlacement(1000, 500, 640); // gain 0.64, 160 px of grey above and below
  assert.equal(p.padY, 160);
  const b = toImageBox(p, { x: 64, y: 160 + 32, w: 128, h: 64 });
  assert.deepEqual([b.x, b.y, b.w, b.h].map((v) => Math.round(v * 1000) / 1000), [100, 50, 200, 100]);
  const out = toImageBox(p, { x: -20, y: 100, w: 700, h: 200 });
  assert.deepEqual([out.x, out.y, out.x + out.w, out.y + out.h].map((v) => Math.round(v * 1000) / 1000), [0, 0, 1000, 218.75]);
});
