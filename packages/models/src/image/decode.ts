// JPEG and PNG bytes to RGB, for the models that run here. The size is read from the header first,
// so a huge image is refused before anything is decoded; broken bytes get an error naming the image.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { ModelError, type RgbImage } from '../types.ts';

/** Images larger than this are refused (about 300 MB decoded). */
export const MAX_MEGAPIXELS = 100;

export type ImageFormat = 'jpeg' | 'png';

export function sniffFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47
    && bytes[4] === 0x0d && bytes[5] === 0x0a && bytes[6] === 0x1a && bytes[7] === 0x0a) return 'png';
  return undefined;
}

/** Width and height from the header alone, or undefined when the header is cut short. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const format = sniffFormat(bytes);
  if (format === 'png') {
    if (bytes.length < 24) return undefined;
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { width: v.getUint32(16), height: v.getUint32(20) };
  }
  if (format === 'jpeg') return jpegSize(bytes);
  return undefined;
}

/** Walks the JPEG markers to the first start-of-frame (SOF0..SOF15 but DHT, JPG and DAC). */
function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) { i++; continue; } // fill byte
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 8 >= b.length) return undefined;
      return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
    }
    if (marker === 0xda || marker === 0xd9) return undefined; // image data before any frame header
    i += 2 + length;
  }
  return undefined;
}

/** Decodes a JPEG or PNG to RGB (PNG transparency is laid over white). `name` is how errors name the image. */
export function decodeImage(bytes: Uint8Array, name: string): RgbImage {
  const format = sniffFormat(bytes);
  if (!format) {
    throw new ModelError(`${name}: not a JPEG or PNG image (${bytes.length === 0 ? 'the file is empty' : `it starts with bytes ${Array.from(bytes.subarray(0, 4), (x) => x.toString(16).padStart(2, '0')).join(' ')}`})`, 'bad_image');
  }
  const size = imageSize(bytes);
  if (!size) throw new ModelError(`${name}: the ${format.toUpperCase()} header is cut short or broken (${bytes.length} bytes)`, 'bad_image');
  if (size.width === 0 || size.height === 0) throw new ModelError(`${name}: the ${format.toUpperCase()} header says ${size.width}×${size.height} pixels`, 'bad_image');
  const mp = (size.width * size.height) / 1e6;
  if (mp > MAX_MEGAPIXELS) {
    throw new ModelError(`${name}: ${size.width}×${size.height} pixels (${mp.toFixed(0)} megapixels) is over the ${MAX_MEGAPIXELS} megapixel limit; scale it down first`, 'bad_image');
  }
  try {
    return format === 'jpeg' ? decodeJpeg(bytes) : decodePng(bytes);
  } catch (e) {
    throw new ModelError(`${name}: the ${format.toUpperCase()} data is broken or cut short (${bytes.length} bytes): ${(e as Error).message}`, 'bad_image');
  }
}

function decodeJpeg(bytes: Uint8Array): RgbImage {
  // Not tolerant: a file cut short is an error, not an image with a grey bottom.
  const out = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: false, maxResolutionInMP: MAX_MEGAPIXELS, maxMemoryUsageInMB: 2048 });
  return { width: out.width, height: out.height, data: out.data };
}

function decodePng(bytes: Uint8Array): RgbImage {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const n = png.width * png.height;
  const data = new Uint8Array(n * 3);
  const src = png.data;
  for (let p = 0; p < n; p++) {
    const a = src[p * 4 + 3]!;
    for (let c = 0; c < 3; c++) {
      const v = src[p * 4 + c]!;
      data[p * 3 + c] = a === 255 ? v : Math.round((v * a + 255 * (255 - a)) / 255);
    }
  }
  return { width: png.width, height: png.height, data };
}
