// What a remote model is sent for one image: its URL when the server gave one (the model fetches
// it), else its bytes (a data: URI for Label Studio backends, base64 for the plain contract); and
// the image's size when it is known without the model, to place percent regions in pixels.
import { imageSize, sniffFormat } from '../image/decode.ts';
import { ModelError, type ImageInput } from '../types.ts';
import type { ImageSize } from './ls-results.ts';

export function requireSource(image: ImageInput): void {
  if (typeof image?.name !== 'string') throw new ModelError('an image to label needs a name', 'bad_image');
  if (!image.url && !image.bytes) throw new ModelError(`image ${JSON.stringify(image.name)} has neither a URL nor bytes; a remote model needs one of them`, 'bad_image');
}

/** `data:image/jpeg;base64,…` (or png); other bytes are refused, naming the image. */
export function dataUri(image: ImageInput & { bytes: Uint8Array }): string {
  const format = sniffFormat(image.bytes);
  if (!format) throw new ModelError(`image ${JSON.stringify(image.name)} is neither JPEG nor PNG`, 'bad_image');
  return `data:image/${format};base64,${Buffer.from(image.bytes).toString('base64')}`;
}

export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The image's size from the caller, its decoded pixels or its header; undefined when none says. */
export function knownSize(image: ImageInput): ImageSize | undefined {
  if (isSize(image.width) && isSize(image.height)) return { width: image.width, height: image.height };
  if (image.decoded) return { width: image.decoded.width, height: image.decoded.height };
  if (image.bytes) return imageSize(image.bytes);
  return undefined;
}

/** A stable positive task id for an image (FNV-1a of its URL or name): a backend that caches by task id sees each image as its own task. */
export function taskIdFor(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 1) + 1;
}

function isSize(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}
