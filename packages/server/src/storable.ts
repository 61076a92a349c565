// What PostgreSQL cannot take: text with NUL (U+0000) or with half of a UTF-16 surrogate pair, and
// JSON nested so deep that serialising it overflows the stack. Requests and import rows are checked
// here, so such input is refused naming its field instead of failing later as a server error.

/** Deeper than any annotation or task row needs (an annotation is about six levels deep). */
export const MAX_DEPTH = 64;

export interface Unstorable { path: string; problem: string }

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badText(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored';
  if (LONE_SURROGATE.test(s)) return 'contains a lone UTF-16 surrogate (half of a character), which cannot be stored';
  return null;
}

/** Parsed JSON or a parsed query string (whose objects have a prototype that itself has none). */
function isPlainRecord(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

const join = (path: string, segment: string) => (path ? `${path}.${segment}` : segment);
const keyPath = (path: string, key: string) => join(path, badText(key) || !/^[\w$-]+$/.test(key) ? JSON.stringify(key) : key);

/** Any character that may make a string unstorable (NUL or a surrogate); only such strings are looked at closely. */
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

/**
 * Whether anything in `value` may be unstorable: the same walk without paths (building a path for
 * every key cost import rows more than the check itself). False means findUnstorable finds nothing.
 */
function mayBeUnstorable(v: unknown, depth: number, maxDepth: number): boolean {
  if (typeof v === 'string') return SUSPECT.test(v);
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) {
    if (depth >= maxDepth) return true;
    for (let i = 0; i < v.length; i++) if (mayBeUnstorable(v[i], depth + 1, maxDepth)) return true;
    return false;
  }
  if (!isPlainRecord(v)) return false;
  if (depth >= maxDepth) return true;
  for (const key in v) {
    if (!Object.hasOwn(v, key)) continue;
    if (SUSPECT.test(key) || mayBeUnstorable((v as Record<string, unknown>)[key], depth + 1, maxDepth)) return true;
  }
  return false;
}

/** The first string, key or nesting level in `value` that cannot be stored, with its path under `root` (`body.objects.0.label`; `root` may be empty). */
export function findUnstorable(value: unknown, root: string, maxDepth = MAX_DEPTH): Unstorable | null {
  if (!mayBeUnstorable(value, 0, maxDepth)) return null;
  // An explicit stack: the input may be nested far deeper than the call stack allows.
  const stack: Array<[unknown, string, number]> = [[value, root, 0]];
  while (stack.length > 0) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      const problem = badText(v);
      if (problem) return { path, problem };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (!Array.isArray(v) && !isPlainRecord(v)) continue; // a stream or buffer, not parsed input
    if (depth >= maxDepth) return { path, problem: `nested more than ${maxDepth} levels deep` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], join(path, String(i)), depth + 1]);
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const problem = badText(key);
      if (problem) return { path: keyPath(path, key), problem: `has a key that ${problem}` };
      stack.push([(v as Record<string, unknown>)[key], keyPath(path, key), depth + 1]);
    }
  }
  return null;
}

/** Whether `v` holds a number that is not finite, without building paths. */
function hasNonFinite(v: unknown, depth: number): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (v === null || typeof v !== 'object' || depth >= MAX_DEPTH) return false;
  if (Array.isArray(v)) return v.some((x) => hasNonFinite(x, depth + 1));
  if (!isPlainRecord(v)) return false;
  for (const key in v) if (Object.hasOwn(v, key) && hasNonFinite((v as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
}

/**
 * The first number in `value` that is not finite, with its path: JSON's `1e999` parses to Infinity,
 * and the schema check turns a query's "1e999" or "Infinity" into one. No column holds it (jsonb
 * would keep null instead), so it is refused naming the field rather than failing in the database.
 */
export function findNonFinite(value: unknown, root: string): Unstorable | null {
  if (!hasNonFinite(value, 0)) return null;
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'number' && !Number.isFinite(v)) return { path, problem: `is ${v}, not a finite number` };
    if (v === null || typeof v !== 'object' || !hasNonFinite(v, 0)) continue;
    for (const [key, x] of Object.entries(v)) stack.push([x, Array.isArray(v) ? join(path, key) : keyPath(path, key)]);
  }
  return null;
}
