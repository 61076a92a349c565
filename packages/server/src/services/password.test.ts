import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';

// An unknown email is checked against DUMMY_HASH: the same scrypt work as a real account's hash,
// so the answer's timing does not tell whether the account exists.
test('the stand-in hash for unknown emails costs what a real hash costs and matches no password', async () => {
  const real = await hashPassword('a real password');
  const cost = (h: string) => {
    const [scheme, n, r, p, salt, key] = h.split('$');
    return { scheme, n, r, p, saltBytes: Buffer.from(salt!, 'base64url').length, keyBytes: Buffer.from(key!, 'base64url').length };
  };
  assert.deepEqual(cost(DUMMY_HASH), cost(real));
  assert.equal(await verifyPassword('', DUMMY_HASH), false);
  assert.equal(await verifyPassword('a real password', DUMMY_HASH), false);
  assert.equal(await verifyPassword('a real password', real), true);
});
