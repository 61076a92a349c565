// Brute-force protection holds across a fleet: two real `cadre serve` processes on one database share
// the count of failed sign-ins, so an attacker who spreads guesses over the servers behind a load
// balancer gets N tries in total, not N per process, and the lock is answered by every server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { harness, type Harness } from './harness.ts';
import { serveCadre, stopCadre } from './cadre-process.ts';

const MAX_FAILURES = 4;

let h: Harness;
let servers: Array<Awaited<ReturnType<typeof serveCadre>>> = [];
before(async () => {
  h = await harness();
  const env = {
    DATABASE_URL: h.t.url,
    CADRE_LOGIN_WINDOW_SECONDS: '900',
    CADRE_LOGIN_MAX_FAILURES: String(MAX_FAILURES),
    CADRE_LOGIN_MAX_FAILURES_PER_ADDRESS: '10000',
    CADRE_RUN_JOBS: 'false',
  };
  servers = await Promise.all([serveCadre(env), serveCadre(env)]);
});
after(async () => {
  await Promise.all(servers.map((s) => stopCadre(s.child)));
  await h.close();
});

const login = (base: string, email: string, password: string) =>
  fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

test('failed sign-ins spread over two servers lock the account after N in total, on both', async () => {
  await h.user('fleet@test.local');
  const [one, two] = servers.map((s) => s.base) as [string, string];
  // Alternate the servers: each sees only half of the guesses.
  for (let i = 0; i < MAX_FAILURES; i++) {
    const res = await login(i % 2 === 0 ? one : two, 'fleet@test.local', `guess ${i}`);
    assert.equal(res.status, 401, `guess ${i + 1} is an ordinary wrong password`);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'unauthenticated');
  }
  for (const [name, base] of [['first', one], ['second', two]] as const) {
    const locked = await login(base, 'fleet@test.local', 'user-password');
    assert.equal(locked.status, 429, `the ${name} server refuses the right password while the account is locked`);
    const body = (await locked.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'rate_limited');
    assert.match(body.error.message, /too many failed sign-ins.*try again in \d+ seconds/);
    const retryAfter = Number(locked.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 900, `Retry-After ${locked.headers.get('retry-after')}`);
    assert.equal(locked.headers.get('set-cookie'), null, 'no session is handed out');
  }
  // Another account is untouched: the lock is per account, not per server.
  await h.user('bystander@test.local');
  assert.equal((await login(two, 'bystander@test.local', 'user-password')).status, 200);
});

test('with fewer failures than the limit across both servers, the right password still works on either', async () => {
  await h.user('careful@test.local');
  const [one, two] = servers.map((s) => s.base) as [string, string];
  for (let i = 0; i < MAX_FAILURES - 1; i++) assert.equal((await login(i % 2 === 0 ? two : one, 'careful@test.local', 'typo')).status, 401);
  const ok = await login(one, 'careful@test.local', 'user-password');
  assert.equal(ok.status, 200, 'one failure short of the limit in total');
  // A success takes the count back: the next mistakes start from zero on the other server too.
  for (let i = 0; i < MAX_FAILURES - 1; i++) assert.equal((await login(two, 'careful@test.local', 'typo')).status, 401);
  assert.equal((await login(two, 'careful@test.local', 'user-password')).status, 200);
});
