import { open, type FileHandle } from 'node:fs/promises';

/**
 * Random access to the first bytes of an image. Header parsers ask for exact ranges, so a JPEG
 * walk can jump over large segments (ICC profiles, thumbnails) without reading them.
 */
export interface ByteSource {
  /** Up to `length` bytes at `offset`; fewer (or none) at the end of the data. */
  read(offset: number, length: number): Promise<Buffer>;
}

export const bufferSource = (bytes: Buffer): ByteSource => ({
  read: async (offset, length) => bytes.subarray(offset, offset + length),
});

export async function withFileSource<T>(path: string, use: (source: ByteSource) => Promise<T>): Promise<T> {
  const handle: FileHandle = await open(path, 'r');
  try {
    return await use({
      async read(offset, length) {
        const buf = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buf, 0, length, offset);
        return buf.subarray(0, bytesRead);
      },
    });
  } finally {
    await handle.close();
  }
}
