import { assemble } from './assemble.ts';
import { PointCloudError, asBytes, n } from './types.ts';
import type { PointCloud } from './types.ts';

/** A headerless file of little-endian float32 records, one record a point. */
export interface FloatBinLayout {
  label: string;
  /** Names of the floats in one record, in file order; must include x, y and z. */
  names: readonly string[];
}

export function parseFloatBin(input: Uint8Array | ArrayBuffer, layout: FloatBinLayout): PointCloud {
  const bytes = asBytes(input);
  const stride = layout.names.length * 4;
  if (bytes.length === 0) throw new PointCloudError('truncated', `${layout.label} file is empty (0 bytes)`);
  if (bytes.length % stride !== 0) {
    const whole = Math.floor(bytes.length / stride);
    throw new PointCloudError(
      'truncated',
      `${layout.label} holds ${n(bytes.length)} bytes, not a multiple of ${stride} (${layout.names.length} float32 a point): ` +
        `${n(whole)} whole points and ${bytes.length % stride} bytes left over (file truncated, or not this format?)`,
    );
  }
  const total = bytes.length / stride;
  // DataView, not a Float32Array view: a Buffer slice need not start on a 4-byte boundary.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const columns = new Map<string, Float32Array>();
  layout.names.forEach((name, k) => {
    const column = new Float32Array(total);
    for (let i = 0, at = k * 4; i < total; i++, at += stride) column[i] = view.getFloat32(at, true);
    columns.set(name, column);
  });
  return assemble(columns, total);
}
