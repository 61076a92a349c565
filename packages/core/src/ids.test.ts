import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asId, isUuid, newId, uuidv7, type ProjectId } from './ids.ts';

test('uuidv7 puts the millisecond timestamp first, version 7 and the RFC variant', () => {
  const id = uuidv7(0x0123456789ab);
  assert.ok(id.startsWith('01234567-89ab-7'), id);
  assert.equal(id[14], '7');
  assert.ok('89ab'.includes(id[19]!), id);
  assert.ok(isUuid(id));
});

test('uuidv7 ids sort by time, across byte and 32-bit boundaries', () => {
  const times = [1, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, 1_700_000_000_000, 1_700_000_000_001, 2 ** 48 - 1];
  const ids = times.map((t) => uuidv7(t));
  assert.deepEqual([...ids].reverse().sort(), ids);
});

test('uuidv7 ids in one millisecond are still distinct', () => {
  const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(42)));
  assert.equal(ids.size, 1000);
});

test('uuidv7 refuses timestamps that do not fit 48 bits', () => {
  assert.throws(() => uuidv7(-1), RangeError);
  assert.throws(() => uuidv7(2 ** 48), RangeError);
  assert.throws(() => uuidv7(1.5), RangeError);
});

test('isUuid and asId', () => {
  assert.ok(!isUuid('not-a-uuid'));
  assert.ok(!isUuid(42));
  const id: ProjectId = newId<ProjectId>();
  assert.ok(isUuid(id));
  assert.equal(asId<ProjectId>(id.toUpperCase()), id);
  assert.throws(() => asId<ProjectId>('123'), /not a UUID/);
});

test('uuidv7 ids made in the same millisecond sort in the order they were made', () => {
  const ids = Array.from({ length: 10_000 }, () => uuidv7(1_700_000_000_000));
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(new Set(ids).size, ids.length);
});
