import type { ByteSource } from './byte-source.ts';
import { ImageInfoError } from './image-errors.ts';

export interface JpegHeader { width: number; height: number; orientation: number }

// Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
// Markers that stand alone, without a length.
const isBare = (m: number) => (m >= 0xd0 && m <= 0xd8) || m === 0x01;
/** Segments are at most 64 KiB, so a walk over a valid file never stalls; this caps a broken one. */
const MAX_SEGMENTS = 1000;

/** Walks the segments from SOI to the first SOF, reading EXIF orientation on the way. */
export async function readJpegHeader(src: ByteSource): Promise<JpegHeader> {
  let offset = 2;
  let orientation = 1;
  for (let n = 0; n < MAX_SEGMENTS; n++) {
    const head = await src.read(offset, 4);
    if (head.length < 2) throw new ImageInfoError('truncated', 'JPEG ends before its size (no SOF marker)');
    if (head[0] !== 0xff) throw new ImageInfoError('corrupt', `JPEG marker expected at byte ${offset}`);
    const marker = head[1]!;
    if (marker === 0xff) { offset += 1; continue; } // fill byte
    if (isBare(marker)) { offset += 2; continue; }
    if (marker === 0xd9 || marker === 0xda) throw new ImageInfoError('corrupt', 'JPEG has no SOF marker before its image data');
    if (head.length < 4) throw new ImageInfoError('truncated', 'JPEG ends inside a segment header');
    const length = head.readUInt16BE(2);
    if (length < 2) throw new ImageInfoError('corrupt', `JPEG segment at byte ${offset} has length ${length}`);
    if (isSof(marker)) {
      const sof = await src.read(offset + 4, 5);
      if (sof.length < 5) throw new ImageInfoError('truncated', 'JPEG ends inside its SOF segment');
      const height = sof.readUInt16BE(1);
      const width = sof.readUInt16BE(3);
      if (width === 0 || height === 0) throw new ImageInfoError('unsupported', 'JPEG size is not in its SOF segment (DNL)');
      return { width, height, orientation };
    }
    if (marker === 0xe1) {
      const body = await src.read(offset + 4, length - 2);
      if (body.length < length - 2) throw new ImageInfoError('truncated', 'JPEG ends inside its APP1 segment');
      if (body.subarray(0, 6).toString('latin1') === 'Exif\0\0') orientation = exifOrientation(body.subarray(6)) ?? orientation;
    }
    offset += 2 + length;
  }
  throw new ImageInfoError('corrupt', `JPEG has more than ${MAX_SEGMENTS} segments before its SOF marker`);
}

/** The Orientation tag (0x0112) of IFD0 in a TIFF block, either byte order; null when absent or broken. */
export function exifOrientation(tiff: Buffer): number | null {
  if (tiff.length < 8) return null;
  const order = tiff.subarray(0, 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) !== 0x0112) continue;
    const value = u16(entry + 8); // a SHORT sits in the first two bytes of the value field
    return value >= 1 && value <= 8 ? value : null;
  }
  return null;
}
