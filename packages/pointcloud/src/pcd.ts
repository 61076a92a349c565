import { assemble } from './assemble.ts';
import { lzfDecompress } from './lzf.ts';
import { parsePcdHeader } from './pcd-header.ts';
import type { PcdField, PcdHeader } from './pcd-header.ts';
import { PointCloudError, asBytes, n } from './types.ts';
import type { PointCloud } from './types.ts';

// LZF turns at most 3 input bytes into 264 output bytes; a stated size beyond that ratio is a lie.
const LZF_MAX_RATIO = 88;

/** Parses a PCD v0.6/v0.7 file (ascii, binary or binary_compressed) with any field list. */
export function parsePcd(input: Uint8Array | ArrayBuffer): PointCloud {
  const bytes = asBytes(input);
  const header = parsePcdHeader(bytes);
  const body = bytes.subarray(header.bodyOffset);
  if (header.data === 'ascii') return assemble(readAscii(header, body), header.points);
  if (header.data === 'binary') return assemble(readBinary(header, body), header.points);
  return assemble(readCompressed(header, body), header.points);
}

/** Output column names for one field: padding and COUNT 0 fields have none. */
function columnNames(field: PcdField): string[] {
  if (field.name === '_' || field.count === 0) return [];
  if (field.count === 1) return [field.name];
  return Array.from({ length: field.count }, (_, k) => `${field.name}[${k}]`);
}

function readBinary(header: PcdHeader, body: Uint8Array): Map<string, Float32Array> {
  const need = header.points * header.pointSize;
  if (body.length < need) {
    throw new PointCloudError(
      'truncated',
      `binary PCD body holds ${n(body.length)} bytes but ${n(header.points)} points × ${header.pointSize} bytes need ${n(need)} (file truncated?)`,
    );
  }
  // Extra bytes after the last point are ignored, as PCL does: the SUSTechPOINTS frames end in 3,848 zero bytes.
  const view = new DataView(body.buffer, body.byteOffset, need);
  return readColumns(header, view, (field) => field.offset, header.pointSize);
}

function readCompressed(header: PcdHeader, body: Uint8Array): Map<string, Float32Array> {
  if (body.length < 8) throw new PointCloudError('truncated', `binary_compressed PCD body holds ${body.length} bytes, too few for its 8-byte size prefix`);
  const sizes = new DataView(body.buffer, body.byteOffset, 8);
  const compressed = sizes.getUint32(0, true);
  const uncompressed = sizes.getUint32(4, true);
  const need = header.points * header.pointSize;
  if (uncompressed !== need) {
    throw new PointCloudError('malformed', `binary_compressed PCD states ${n(uncompressed)} uncompressed bytes but ${n(header.points)} points × ${header.pointSize} bytes are ${n(need)}`);
  }
  if (8 + compressed > body.length) {
    throw new PointCloudError('truncated', `binary_compressed PCD states ${n(compressed)} compressed bytes but only ${n(body.length - 8)} follow (file truncated?)`);
  }
  if (uncompressed > compressed * LZF_MAX_RATIO) {
    throw new PointCloudError('malformed', `binary_compressed PCD states ${n(uncompressed)} bytes from ${n(compressed)} compressed, more than LZF can expand to`);
  }
  const raw = need === 0 ? new Uint8Array(0) : lzfDecompress(body.subarray(8, 8 + compressed), uncompressed);
  // PCL writes the decompressed block column-major: all of field 0, then all of field 1, ….
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  return readColumns(header, view, (field) => header.points * field.offset, null);
}

/**
 * Reads every value of every named field; value k of point i lies at base(field) + k×size + i×stride,
 * where stride is the point size (binary, row-major) or the field's own width (column-major, pointStride null).
 */
function readColumns(header: PcdHeader, view: DataView, base: (f: PcdField) => number, pointStride: number | null): Map<string, Float32Array> {
  const columns = new Map<string, Float32Array>();
  const total = header.points;
  for (const field of header.fields) {
    const stride = pointStride ?? field.size * field.count;
    const read = reader(view, field);
    columnNames(field).forEach((name, k) => {
      const column = new Float32Array(total);
      for (let i = 0, at = base(field) + k * field.size; i < total; i++, at += stride) column[i] = read(at);
      columns.set(name, column);
    });
  }
  return columns;
}

function reader(view: DataView, field: PcdField): (at: number) => number {
  const key = `${field.type}${field.size}`;
  switch (key) {
    case 'F4': return (at) => view.getFloat32(at, true);
    case 'F8': return (at) => view.getFloat64(at, true);
    case 'U1': return (at) => view.getUint8(at);
    case 'U2': return (at) => view.getUint16(at, true);
    case 'U4': return (at) => view.getUint32(at, true);
    case 'U8': return (at) => Number(view.getBigUint64(at, true));
    case 'I1': return (at) => view.getInt8(at);
    case 'I2': return (at) => view.getInt16(at, true);
    case 'I4': return (at) => view.getInt32(at, true);
    case 'I8': return (at) => Number(view.getBigInt64(at, true));
  }
  throw new PointCloudError('unsupported', `PCD field '${field.name}' has unsupported TYPE ${field.type} SIZE ${field.size}`);
}

function readAscii(header: PcdHeader, body: Uint8Array): Map<string, Float32Array> {
  const total = header.points;
  // Each number needs at least one character and one separator; checked before allocating columns.
  if (total * header.valuesPerPoint > body.length) {
    throw new PointCloudError('truncated', `ascii PCD body holds ${n(body.length)} bytes, too few for ${n(total)} points of ${header.valuesPerPoint} numbers (file truncated?)`);
  }
  const named = header.fields.flatMap((field) => columnNames(field).map((name, k) => ({ name, index: field.column + k })));
  const columns = named.map(() => new Float32Array(total));
  const text = new TextDecoder('latin1').decode(body);
  const lines = text.split('\n');
  let point = 0;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!.trim();
    if (line === '') continue;
    const where = `ascii PCD body line ${n(l + 1)}`;
    if (point === total) throw new PointCloudError('malformed', `${where}: more points than POINTS ${n(total)}`);
    const values = line.split(/\s+/);
    if (values.length !== header.valuesPerPoint) {
      throw new PointCloudError('malformed', `${where}: ${values.length} numbers but the fields need ${header.valuesPerPoint}`);
    }
    named.forEach(({ index }, c) => {
      const token = values[index]!;
      const value = Number(token);
      if (Number.isNaN(value) && token.toLowerCase() !== 'nan') {
        throw new PointCloudError('malformed', `${where}, value ${index + 1}: '${token.slice(0, 40)}' is not a number`);
      }
      columns[c]![point] = value;
    });
    point++;
  }
  if (point < total) throw new PointCloudError('truncated', `ascii PCD body has ${n(point)} points but POINTS says ${n(total)} (file truncated?)`);
  return new Map(named.map(({ name }, c) => [name, columns[c]!]));
}
