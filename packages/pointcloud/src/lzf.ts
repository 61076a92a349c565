import { PointCloudError, n } from './types.ts';

/**
 * LZF (liblzf) decompression, as PCL writes it in binary_compressed PCD. The output size is known
 * up front, so every copy is bounds-checked against it and a corrupt stream fails instead of overrunning.
 */
export function lzfDecompress(input: Uint8Array, outputLength: number): Uint8Array {
  const out = new Uint8Array(outputLength);
  const corrupt = (why: string): PointCloudError =>
    new PointCloudError('malformed', `LZF data corrupt at input byte ${n(ip)}: ${why}`);
  let ip = 0;
  let op = 0;
  while (ip < input.length) {
    const ctrl = input[ip++]!;
    if (ctrl < 32) {
      // Literal run: the next ctrl + 1 bytes are copied as they are.
      const len = ctrl + 1;
      if (ip + len > input.length) throw corrupt(`literal run of ${len} bytes passes the end of the input`);
      if (op + len > outputLength) throw corrupt(`output would exceed the stated ${n(outputLength)} bytes`);
      out.set(input.subarray(ip, ip + len), op);
      ip += len;
      op += len;
      continue;
    }
    // Back-reference: length in the top 3 bits (7 means "read one more byte"), distance in 13 bits.
    let len = ctrl >> 5;
    if (len === 7) {
      if (ip >= input.length) throw corrupt('back-reference length byte missing');
      len += input[ip++]!;
    }
    if (ip >= input.length) throw corrupt('back-reference distance byte missing');
    const ref = op - ((ctrl & 0x1f) << 8) - input[ip++]! - 1;
    len += 2;
    if (ref < 0) throw corrupt(`back-reference points ${-ref} bytes before the start of the output`);
    if (op + len > outputLength) throw corrupt(`output would exceed the stated ${n(outputLength)} bytes`);
    // Byte by byte: the source may overlap the bytes being written (runs).
    for (let k = 0; k < len; k++) out[op + k] = out[ref + k]!;
    op += len;
  }
  if (op !== outputLength) {
    throw new PointCloudError('truncated', `LZF data decompresses to ${n(op)} bytes but the header states ${n(outputLength)}`);
  }
  return out;
}
