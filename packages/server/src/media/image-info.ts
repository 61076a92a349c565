import { bufferSource, withFileSource, type ByteSource } from './byte-source.ts';
import { ImageInfoError } from './image-errors.ts';
import { readJpegHeader } from './jpeg.ts';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'bmp' | 'gif';

export interface ImageInfo {
  format: ImageFormat;
  /** The size as displayed, after EXIF orientation: what boxes and percentages refer to. */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 when absent); 5–8 turn the picture a quarter, swapping width and height. */
  orientation: number;
  /** The size as stored in the file. */
  storedWidth: number;
  storedHeight: number;
}

export const CONTENT_TYPES: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', bmp: 'image/bmp', gif: 'image/gif',
};
export const EXTENSIONS: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', bmp: 'bmp', gif: 'gif' };

const HEAD = 32;

export function imageInfo(bytes: Buffer): Promise<ImageInfo> {
  return readInfo(bufferSource(bytes));
}

/** Reads only the header of the file (a few KB for a JPEG with EXIF), never the pixels. */
export function readImageInfo(path: string): Promise<ImageInfo> {
  return withFileSource(path, readInfo);
}

/** The same from any source of bytes (an object's ranged GETs). */
export function readImageInfoFrom(source: ByteSource): Promise<ImageInfo> {
  return readInfo(source);
}

async function readInfo(src: ByteSource): Promise<ImageInfo> {
  const head = await src.read(0, HEAD);
  const format = sniff(head);
  if (!format) throw new ImageInfoError('not_image', 'not a JPEG, PNG, WebP, BMP or GIF image');
  const need = (n: number) => {
    if (head.length < n) throw new ImageInfoError('truncated', `${format.toUpperCase()} ends inside its header`);
  };
  let size: { width: number; height: number; orientation?: number };
  switch (format) {
    case 'jpeg': size = await readJpegHeader(src); break;
    case 'png': need(24); size = { width: head.readUInt32BE(16), height: head.readUInt32BE(20) }; break;
    case 'gif': need(10); size = { width: head.readUInt16LE(6), height: head.readUInt16LE(8) }; break;
    case 'bmp': need(26); size = bmpSize(head); break;
    case 'webp': need(30); size = webpSize(head); break;
  }
  const { width, height, orientation = 1 } = size;
  if (width <= 0 || height <= 0) throw new ImageInfoError('corrupt', `${format.toUpperCase()} header gives a size of ${width}×${height}`);
  const turned = orientation >= 5;
  return { format, width: turned ? height : width, height: turned ? width : height, orientation, storedWidth: width, storedHeight: height };
}

export function sniff(head: Buffer): ImageFormat | null {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  if (head[0] === 0xff && head[1] === 0xd8) return 'jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 2) === 'BM' && head.length >= 6) return 'bmp';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return null;
}

function bmpSize(head: Buffer) {
  // BITMAPCOREHEADER (12 bytes) has 16-bit sizes; the later headers 32-bit, height negative when top-down.
  if (head.readUInt32LE(14) === 12) return { width: head.readUInt16LE(18), height: head.readUInt16LE(20) };
  return { width: Math.abs(head.readInt32LE(18)), height: Math.abs(head.readInt32LE(22)) };
}

function webpSize(head: Buffer) {
  const chunk = head.subarray(12, 16).toString('latin1');
  if (chunk === 'VP8 ') {
    if (head[23] !== 0x9d || head[24] !== 0x01 || head[25] !== 0x2a) throw new ImageInfoError('corrupt', 'WebP VP8 frame has no start code');
    return { width: head.readUInt16LE(26) & 0x3fff, height: head.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (head[20] !== 0x2f) throw new ImageInfoError('corrupt', 'WebP VP8L stream has no signature');
    const bits = head.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: head.readUIntLE(24, 3) + 1, height: head.readUIntLE(27, 3) + 1 };
  throw new ImageInfoError('unsupported', `WebP chunk ${JSON.stringify(chunk)} is not VP8, VP8L or VP8X`);
}
