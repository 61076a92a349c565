import type { PointCloud } from './types.ts';

const INTENSITY_NAMES = ['intensity', 'i', 'reflectance'];

/**
 * Builds a PointCloud from one column per field (all `total` long), dropping points whose x, y or z
 * is not finite. Columns x, y and z must be present; the caller checks that with a format-specific message.
 */
export function assemble(columns: Map<string, Float32Array>, total: number): PointCloud {
  const x = columns.get('x');
  const y = columns.get('y');
  const z = columns.get('z');
  if (!x || !y || !z) throw new Error('assemble: x, y and z columns are required');
  const keep = new Uint8Array(total);
  let count = 0;
  for (let i = 0; i < total; i++) {
    // x - x is NaN for NaN and ±Infinity alike, so one test covers both.
    if (x[i]! - x[i]! === 0 && y[i]! - y[i]! === 0 && z[i]! - z[i]! === 0) {
      keep[i] = 1;
      count++;
    }
  }
  const positions = new Float32Array(count * 3);
  for (let i = 0, j = 0; i < total; i++) {
    if (!keep[i]) continue;
    positions[j++] = x[i]!;
    positions[j++] = y[i]!;
    positions[j++] = z[i]!;
  }
  const compact = (column: Float32Array): Float32Array => {
    if (count === total) return column;
    const out = new Float32Array(count);
    for (let i = 0, j = 0; i < total; i++) if (keep[i]) out[j++] = column[i]!;
    return out;
  };
  const intensityName = INTENSITY_NAMES.find((name) => columns.has(name));
  const fields: Record<string, Float32Array> = {};
  for (const [name, column] of columns) {
    if (name === 'x' || name === 'y' || name === 'z' || name === intensityName) continue;
    fields[name] = compact(column);
  }
  const intensity = intensityName ? compact(columns.get(intensityName)!) : null;
  return { count, positions, intensity, fields, dropped: total - count };
}
