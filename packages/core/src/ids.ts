export type Brand<T, B extends string> = T & { readonly __brand: B };

export type UserId = Brand<string, 'UserId'>;
export type TeamId = Brand<string, 'TeamId'>;
export type ProjectId = Brand<string, 'ProjectId'>;
export type ItemId = Brand<string, 'ItemId'>;
export type TaskId = Brand<string, 'TaskId'>;
export type AnnotationId = Brand<string, 'AnnotationId'>;
export type PredictionId = Brand<string, 'PredictionId'>;
export type SubmissionId = Brand<string, 'SubmissionId'>;
export type TokenId = Brand<string, 'TokenId'>;

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

// Bulk imports make two ids a row; one getRandomValues call per 4 KiB instead of per id.
const pool = new Uint8Array(4096);
let poolAt = pool.length;

function randomBytes16(): Uint8Array {
  if (poolAt + 16 > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const b = pool.slice(poolAt, poolAt + 16);
  poolAt += 16;
  return b;
}

let lastMs = -1;
let counter = 0;

/**
 * RFC 9562 UUIDv7 with a 12-bit counter in rand_a (the RFC's method 1): ids sort by creation time,
 * also within one millisecond, so "oldest first" can order by id and B-tree inserts stay local.
 * The counter starts at a random value below 2048 each millisecond; when it runs out the time
 * borrows the next millisecond.
 */
export function uuidv7(now: number = Date.now()): string {
  if (!Number.isSafeInteger(now) || now < 0 || now >= 2 ** 48) throw new RangeError(`uuidv7: bad timestamp ${now}`);
  const b = randomBytes16();
  let ms = now;
  // A clock that steps back a little (or a burst that borrowed ahead) keeps the order; a big step resets.
  if (ms <= lastMs && lastMs - ms < 10_000) {
    ms = lastMs;
    if (++counter > 0xfff) { ms = ++lastMs; counter = b[7]! & 0x7f; }
  } else {
    counter = ((b[6]! & 0x07) << 8) | b[7]!;
  }
  lastMs = ms;
  // 48-bit timestamp, big-endian; division because bitwise operators truncate to 32 bits.
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[b[i]!];
  }
  return s;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: unknown): s is string {
  return typeof s === 'string' && UUID.test(s);
}

/** A fresh id of the chosen kind: `newId<ProjectId>()`. */
export function newId<I extends Brand<string, string>>(now?: number): I {
  return uuidv7(now) as I;
}

/** Brands a string from outside (URL, database row) after checking that it is a UUID. */
export function asId<I extends Brand<string, string>>(s: string): I {
  if (!isUuid(s)) throw new TypeError(`not a UUID: ${JSON.stringify(s)}`);
  return s.toLowerCase() as I;
}
