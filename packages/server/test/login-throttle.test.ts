import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/index.ts';
import type { LoginLimits } from '../src/services/login-throttle.ts';
import { harness, type Harness } from './harness.ts';

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

const app = (loginLimits: LoginLimits) => buildApp(h.deps, { loginLimits, machineWorker: false });
const login = (a: FastifyInstance, email: string, password: string, remoteAddress = '127.0.0.1') =>
  a.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

test('200 wrong passwords are throttled; the right one is refused while locked out and works again after the window', async () => {
  await h.user('target@test.local');
  // Scrypt is slow on a busy machine: the window must outlast the five real checks before the lock.
  const a = await app({ windowSeconds: 10, maxFailuresPerAccount: 5, maxFailuresPerAddress: 10_000 });
  const statuses: number[] = [];
  for (let i = 0; i < 200; i++) statuses.push((await login(a, 'target@test.local', `guess ${i}`, `10.0.${i % 200}.1`)).statusCode);
  assert.deepEqual(statuses.slice(0, 5), Array(5).fill(401), 'the first five are ordinary wrong passwords');
  assert.deepEqual(statuses.slice(5), Array(195).fill(429), 'then the account is locked, from every address');

  const locked = await login(a, 'target@test.local', 'user-password');
  assert.equal(locked.statusCode, 429, 'even the right password waits for the window');
  assert.equal(locked.json().error.code, 'rate_limited');
  assert.match(locked.json().error.message, /too many failed sign-ins.*try again in \d+ seconds/);
  const retryAfter = Number(locked.headers['retry-after']);
  assert.ok(retryAfter >= 1 && retryAfter <= 10, `Retry-After ${locked.headers['retry-after']}`);

  await new Promise((r) => setTimeout(r, (retryAfter + 0.5) * 1000));
  const again = await login(a, 'target@test.local', 'user-password');
  assert.equal(again.statusCode, 200, again.body);
  assert.ok(again.cookies.some((c) => c.name === 'cadre_session'));
  await a.close();
});

test('failures from one address are limited across accounts; another address still signs in', async () => {
  await h.user('bystander@test.local');
  const a = await app({ windowSeconds: 900, maxFailuresPerAccount: 10, maxFailuresPerAddress: 20 });
  const statuses: number[] = [];
  for (let i = 0; i < 30; i++) statuses.push((await login(a, `nobody${i}@test.local`, 'guess', '192.0.2.7')).statusCode);
  assert.deepEqual(statuses, [...Array(20).fill(401), ...Array(10).fill(429)]);
  assert.equal((await login(a, 'bystander@test.local', 'user-password', '192.0.2.7')).statusCode, 429);
  assert.equal((await login(a, 'bystander@test.local', 'user-password', '192.0.2.8')).statusCode, 200);
  await a.close();
});

test('an unknown email is answered exactly as a wrong password is, before and during a lock-out', async () => {
  await h.user('real@test.local');
  const a = await app({ windowSeconds: 900, maxFailuresPerAccount: 3, maxFailuresPerAddress: 10_000 });
  const comparable = (r: Awaited<ReturnType<typeof login>>) => ({
    status: r.statusCode,
    body: r.body.replace(/\d+/g, 'N'), // the two windows started a moment apart
    headers: Object.keys(r.headers).filter((k) => !['date', 'x-request-id'].includes(k)).sort(),
    cookies: r.cookies.length,
  });
  for (let i = 0; i < 5; i++) {
    const known = comparable(await login(a, 'real@test.local', 'wrong password'));
    const unknown = comparable(await login(a, 'ghost@test.local', 'wrong password'));
    assert.deepEqual(unknown, known, `attempt ${i + 1}`);
    assert.equal(known.status, i < 3 ? 401 : 429);
  }
  await a.close();
});

test('the count is in the database: a second process on it sees the lock-out', async () => {
  await h.user('shared@test.local');
  const limits = { windowSeconds: 900, maxFailuresPerAccount: 4, maxFailuresPerAddress: 10_000 };
  const [one, two] = [await app(limits), await app(limits)];
  for (let i = 0; i < 4; i++) assert.equal((await login(i % 2 ? one : two, 'shared@test.local', 'nope')).statusCode, 401);
  assert.equal((await login(one, 'shared@test.local', 'user-password')).statusCode, 429);
  assert.equal((await login(two, 'shared@test.local', 'user-password')).statusCode, 429);
  await one.close();
  await two.close();
});

test('sign-ins that succeed do not count against the account or the address', async () => {
  await h.user('busy@test.local');
  // Four typos stay under the limit of five; sixteen attempts in all would not, if successes counted.
  const a = await app({ windowSeconds: 900, maxFailuresPerAccount: 5, maxFailuresPerAddress: 5 });
  for (let i = 0; i < 12; i++) {
    if (i % 3 === 0) assert.equal((await login(a, 'busy@test.local', 'typo', '198.51.100.5')).statusCode, 401, `typo before sign-in ${i + 1}`);
    assert.equal((await login(a, 'busy@test.local', 'user-password', '198.51.100.5')).statusCode, 200, `sign-in ${i + 1}`);
  }
  await a.close();
});
