// The tasks view's cursor: where a page ended, for the sort it was read in, as opaque base64url text.
// A cursor of another sort, or text that is not one, is refused naming the field (never a 500).
import type { tasksView } from '@cadre/db';
import { AppError } from '../../errors.ts';

type Cursor = tasksView.TaskViewCursor;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(sort: string, desc: boolean, c: Cursor): string {
  return Buffer.from(JSON.stringify([sort, desc ? 1 : 0, c.key, c.itemId, c.id])).toString('base64url');
}

const bad = (why: string) => new AppError('bad_request', `querystring.cursor ${why}: take the \`next\` of the previous page as it came`, [{ path: 'querystring.cursor', message: why }]);

export function decodeCursor(text: string, sort: string, desc: boolean): Cursor {
  let v: unknown;
  try { v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')); } catch { throw bad('is not a cursor of this list'); }
  if (!Array.isArray(v) || v.length !== 5) throw bad('is not a cursor of this list');
  const [s, d, key, itemId, id] = v as unknown[];
  if (s !== sort || d !== (desc ? 1 : 0)) throw bad('belongs to another sort order');
  if (typeof id !== 'string' || !UUID.test(id)) throw bad('is not a cursor of this list');
  if (itemId !== null && (typeof itemId !== 'string' || !UUID.test(itemId))) throw bad('is not a cursor of this list');
  if (sort === 'score' && itemId === null) throw bad('is not a cursor of this list');
  if (sort !== 'created' && (typeof key !== 'string' || !validKey(sort, key))) throw bad('is not a cursor of this list');
  return { key: (key as string | null) ?? null, itemId: (itemId as string | null) ?? null, id };
}

function validKey(sort: string, key: string): boolean {
  if (sort === 'priority' || sort === 'rejections') return /^-?\d{1,10}$/.test(key);
  if (sort === 'score') return key === '-Infinity' || Number.isFinite(Number(key));
  if (sort === 'changed') return /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?([+-]\d\d(:\d\d)?)?$/.test(key);
  return false;
}
