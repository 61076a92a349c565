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

/**
 * RFC 9562 UUIDv7. Ids from different milliseconds sort by time, which keeps B-tree inserts local;
 * within one millisecond the order is random (the RFC's optional counter is not worth the state).
 */
export function uuidv7(now: number = Date.now()): string {
  if (!Number.isSafeInteger(now) || now < 0 || now >= 2 ** 48) throw new RangeError(`uuidv7: bad timestamp ${now}`);
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  // 48-bit timestamp, big-endian; division because bitwise operators truncate to 32 bits.
  let t = now;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b[6] = 0x70 | (b[6]! & 0x0f);
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
