import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { harness, httpApp, signIn, type Harness } from './harness.ts';

let h: Harness;
let app: FastifyInstance;
before(async () => { h = await harness(); app = await httpApp(h); });
after(async () => { await app.close(); await h.close(); });

const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, body?: object) =>
  app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body }) });
const me = (cookie: string) => call('GET', '/api/auth/me', { cookie });
const login = (email: string, password: string) => call('POST', '/api/auth/login', {}, { email, password });

test('changing my own password keeps this session, ends my other sessions, and only the new password signs in', async () => {
  await h.user('pat@test.local');
  const here = await signIn(app, 'pat@test.local', 'user-password');
  const elsewhere = await signIn(app, 'pat@test.local', 'user-password');
  const token = (await call('POST', '/api/tokens', { cookie: here }, { name: 'script' })).json().token as string;
  assert.equal((await me(elsewhere)).statusCode, 200, 'the other session works before the change');

  const wrong = await call('POST', '/api/auth/password', { cookie: here }, { currentPassword: 'not-my-password', newPassword: 'a new long password' });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.json().error.message, /^currentPassword: /);
  const short = await call('POST', '/api/auth/password', { cookie: here }, { currentPassword: 'user-password', newPassword: 'short' });
  assert.equal(short.statusCode, 422);
  assert.match(short.json().error.message, /^newPassword: must be at least 8 characters/);
  assert.equal((await me(elsewhere)).statusCode, 200, 'a refused change ends nothing');
  assert.equal((await login('pat@test.local', 'user-password')).statusCode, 200, 'a refused change keeps the old password');

  const ok = await call('POST', '/api/auth/password', { cookie: here }, { currentPassword: 'user-password', newPassword: 'a new long password' });
  assert.equal(ok.statusCode, 204, ok.body);
  assert.equal((await me(here)).statusCode, 200, 'the session that made the change stays signed in');
  assert.equal((await me(elsewhere)).statusCode, 401, 'the other session ended');
  assert.equal((await login('pat@test.local', 'user-password')).statusCode, 401, 'the old password no longer signs in');
  assert.equal((await login('pat@test.local', 'a new long password')).statusCode, 200, 'the new one does');
  assert.equal((await call('GET', '/api/auth/me', { authorization: `Bearer ${token}` })).statusCode, 200, 'API tokens are separate credentials and keep working');
});

test('an administrator sets a new password for someone who forgot theirs: all their sessions end', async () => {
  const sam = await h.user('sam@test.local');
  await h.user('other@test.local');
  const admin = await signIn(app, 'admin@test.local', 'admin-password');
  const samSession = await signIn(app, 'sam@test.local', 'user-password');
  const otherSession = await signIn(app, 'other@test.local', 'user-password');

  const notAdmin = await call('PUT', `/api/users/${sam.userId}/password`, { cookie: otherSession }, { password: 'taken over now' });
  assert.equal(notAdmin.statusCode, 403, 'only an administrator may set another person\'s password');
  const short = await call('PUT', `/api/users/${sam.userId}/password`, { cookie: admin }, { password: '1234567' });
  assert.equal(short.statusCode, 422);
  assert.match(short.json().error.message, /^password: must be at least 8 characters/);

  const reset = await call('PUT', `/api/users/${sam.userId}/password`, { cookie: admin }, { password: 'given by the admin' });
  assert.equal(reset.statusCode, 204, reset.body);
  assert.equal((await me(samSession)).statusCode, 401, 'every session of the person ends');
  assert.equal((await me(otherSession)).statusCode, 200, 'nobody else is signed out');
  assert.equal((await me(admin)).statusCode, 200);
  assert.equal((await login('sam@test.local', 'user-password')).statusCode, 401);
  assert.equal((await login('sam@test.local', 'given by the admin')).statusCode, 200);
});

test('a session cannot be used to guess the password: wrong current passwords are throttled like sign-ins', async () => {
  await h.user('guess@test.local');
  const cookie = await signIn(app, 'guess@test.local', 'user-password');
  const change = (currentPassword: string) => call('POST', '/api/auth/password', { cookie }, { currentPassword, newPassword: 'a new long password' });
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) statuses.push((await change(`guess number ${i}`)).statusCode);
  assert.deepEqual(new Set(statuses), new Set([422]));
  const locked = await change('user-password');
  assert.equal(locked.statusCode, 429, 'after ten wrong guesses even the right current password waits');
  assert.equal((await login('guess@test.local', 'user-password')).statusCode, 429, 'and so does signing in to that account');
});

test('signing out everywhere ends every session of mine, this one included, and no one else\'s', async () => {
  await h.user('traveller@test.local');
  await h.user('other-person@test.local');
  const phone = await signIn(app, 'traveller@test.local', 'user-password');
  const laptop = await signIn(app, 'traveller@test.local', 'user-password');
  const someoneElse = await signIn(app, 'other-person@test.local', 'user-password');
  const ended = await call('POST', '/api/auth/logout-everywhere', { cookie: laptop });
  assert.equal(ended.statusCode, 200, ended.body);
  assert.equal(ended.json().ended, 2);
  assert.match(String(ended.headers['set-cookie']), /cadre_session=;/, 'this browser forgets its cookie');
  assert.equal((await me(phone)).statusCode, 401, 'the phone is signed out');
  assert.equal((await me(laptop)).statusCode, 401, 'so is the laptop that asked');
  assert.equal((await me(someoneElse)).statusCode, 200, 'other people stay signed in');
  assert.equal((await call('POST', '/api/auth/logout-everywhere', {})).statusCode, 401, 'signed out, there is nothing to end');
  assert.equal((await login('traveller@test.local', 'user-password')).statusCode, 200, 'the password still signs in');
});
