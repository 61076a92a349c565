import { PointCloudError, n } from './types.ts';

export type PcdType = 'F' | 'U' | 'I';
export type PcdData = 'ascii' | 'binary' | 'binary_compressed';

export interface PcdField {
  name: string;
  size: number;
  type: PcdType;
  count: number;
  /** Byte offset inside one point record (binary), = sum of SIZE×COUNT of the fields before it. */
  offset: number;
  /** Index of this field's first value among the numbers of one ascii line. */
  column: number;
}

export interface PcdHeader {
  version: string | null;
  fields: PcdField[];
  width: number;
  height: number;
  points: number;
  viewpoint: number[] | null;
  data: PcdData;
  /** Bytes in one point record (sum of SIZE×COUNT). */
  pointSize: number;
  /** Numbers on one ascii line (sum of COUNT). */
  valuesPerPoint: number;
  /** Where the body starts: just after the DATA line. */
  bodyOffset: number;
}

// A real header is a few hundred bytes; scanning further would only read binary garbage as text.
const MAX_HEADER_BYTES = 64 * 1024;
const KEYWORDS = ['VERSION', 'FIELDS', 'SIZE', 'TYPE', 'COUNT', 'WIDTH', 'HEIGHT', 'VIEWPOINT', 'POINTS', 'DATA'];
const VALID_SIZES: Record<PcdType, number[]> = { F: [4, 8], U: [1, 2, 4, 8], I: [1, 2, 4, 8] };

const bad = (message: string) => new PointCloudError('malformed', `PCD header: ${message}`);

/** Reads the text header, line by line, up to and including the DATA line. */
export function parsePcdHeader(bytes: Uint8Array): PcdHeader {
  if (bytes.length === 0) throw new PointCloudError('truncated', 'PCD file is empty (0 bytes)');
  const entries = new Map<string, string[]>();
  let at = 0;
  let lineNo = 0;
  let bodyOffset = -1;
  while (bodyOffset < 0) {
    if (at >= bytes.length) throw new PointCloudError('truncated', `PCD header: no DATA line before the end of the file (${n(bytes.length)} bytes)`);
    if (at >= MAX_HEADER_BYTES) throw bad(`no DATA line in the first ${n(MAX_HEADER_BYTES)} bytes (not a PCD file?)`);
    let end = bytes.indexOf(10, at);
    if (end < 0) end = bytes.length;
    lineNo++;
    if (end - at > 4096) throw bad(`line ${lineNo} is longer than 4,096 bytes (not a PCD header?)`);
    const line = readLine(bytes, at, end, lineNo).trim();
    at = end + 1;
    if (line === '' || line.startsWith('#')) continue;
    const [keyword = '', ...values] = line.split(/\s+/);
    if (!KEYWORDS.includes(keyword)) throw bad(`line ${lineNo} starts with '${keyword.slice(0, 40)}', not a PCD keyword`);
    if (entries.has(keyword)) throw bad(`line ${lineNo}: ${keyword} appears twice`);
    entries.set(keyword, values);
    if (keyword === 'DATA') bodyOffset = Math.min(at, bytes.length);
  }
  return buildHeader(entries, bodyOffset);
}

function readLine(bytes: Uint8Array, start: number, end: number, lineNo: number): string {
  let text = '';
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    // Header text is ASCII; a control byte here means a binary file that merely starts like a header.
    if ((c < 32 && c !== 9 && c !== 13) || c > 126) throw bad(`line ${lineNo} holds byte 0x${c.toString(16).padStart(2, '0')} (not text)`);
    text += String.fromCharCode(c);
  }
  return text;
}

function buildHeader(entries: Map<string, string[]>, bodyOffset: number): PcdHeader {
  const required = (key: string): string[] => {
    const values = entries.get(key);
    if (!values) throw bad(`${key} line is missing`);
    return values;
  };
  const version = entries.get('VERSION')?.[0] ?? null;
  if (version !== null && !['0.7', '.7', '0.6', '.6'].includes(version)) {
    throw new PointCloudError('unsupported', `PCD header: VERSION ${version} is not supported (0.6 and 0.7 are)`);
  }
  const names = required('FIELDS');
  if (names.length === 0) throw bad('FIELDS names no fields');
  const sizes = required('SIZE');
  const types = required('TYPE');
  const counts = entries.get('COUNT') ?? names.map(() => '1');
  for (const [key, list] of [['SIZE', sizes], ['TYPE', types], ['COUNT', counts]] as const) {
    if (list.length !== names.length) throw bad(`FIELDS has ${names.length} names but ${key} has ${list.length} values`);
  }
  const fields: PcdField[] = [];
  let offset = 0;
  let column = 0;
  names.forEach((name, k) => {
    const size = integer(`SIZE of field '${name}'`, sizes[k]!);
    const type = types[k]!.toUpperCase();
    const count = integer(`COUNT of field '${name}'`, counts[k]!);
    if (type !== 'F' && type !== 'U' && type !== 'I') throw bad(`TYPE of field '${name}' is '${type}' (expected F, U or I)`);
    if (!VALID_SIZES[type].includes(size)) {
      throw new PointCloudError('unsupported', `PCD header: field '${name}' has TYPE ${type} with SIZE ${size} (supported: ${VALID_SIZES[type].join(', ')})`);
    }
    if (name !== '_' && fields.some((f) => f.name === name)) throw bad(`field '${name}' is named twice in FIELDS`);
    fields.push({ name, size, type, count, offset, column });
    offset += size * count;
    column += count;
  });
  for (const axis of ['x', 'y', 'z']) {
    const field = fields.find((f) => f.name === axis);
    if (!field) throw bad(`FIELDS (${names.join(' ')}) has no '${axis}'`);
    if (field.count !== 1) throw bad(`field '${axis}' has COUNT ${field.count} (expected 1)`);
  }
  const width = integer('WIDTH', required('WIDTH')[0]);
  const height = integer('HEIGHT', required('HEIGHT')[0]);
  const pointsValue = entries.get('POINTS')?.[0];
  // PCD 0.6 files may omit POINTS; WIDTH×HEIGHT is then the count.
  const points = pointsValue === undefined ? width * height : integer('POINTS', pointsValue);
  if (points !== width * height) throw bad(`POINTS is ${n(points)} but WIDTH×HEIGHT is ${n(width)}×${n(height)} = ${n(width * height)}`);
  const viewpoint = entries.get('VIEWPOINT')?.map(Number) ?? null;
  if (viewpoint && (viewpoint.length !== 7 || viewpoint.some((v) => !Number.isFinite(v)))) throw bad('VIEWPOINT needs 7 numbers');
  const data = required('DATA')[0]?.toLowerCase();
  if (data !== 'ascii' && data !== 'binary' && data !== 'binary_compressed') {
    throw new PointCloudError('unsupported', `PCD header: DATA '${data ?? ''}' is not supported (ascii, binary or binary_compressed)`);
  }
  return { version, fields, width, height, points, viewpoint, data, pointSize: offset, valuesPerPoint: column, bodyOffset };
}

function integer(what: string, text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || !Number.isSafeInteger(value)) throw bad(`${what} is '${text ?? ''}', not a whole number`);
  return value;
}
