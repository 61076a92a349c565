import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { harness, httpApp, signIn, type Harness } from './harness.ts';

// The server answers at localhost:8080; a page on another port of the same host is another origin
// but the same site, so the browser still sends the SameSite=Lax session cookie with its form posts.
const HOST = 'localhost:8080';
const OWN = 'http://localhost:8080';
const OTHER = 'http://localhost:8081';

let h: Harness;
let app: FastifyInstance;
let cookie: string;
let projectId: string;
before(async () => {
  h = await harness();
  app = await httpApp(h);
  projectId = await h.project('Targets');
  const manager = await h.user('manager@test.local');
  await h.member(projectId, manager, 'manager');
  cookie = await signIn(app, 'manager@test.local', 'user-password');
});
after(async () => { await app.close(); await h.close(); });

const ROWS = '{"data":{"image":"/images/a.jpg"}}\n{"data":{"image":"/images/b.jpg"}}\n';
const importRows = (headers: Record<string, string>) =>
  app.inject({ method: 'POST', url: `/api/projects/${projectId}/import?file=rows.jsonl&format=jsonl`, headers: { host: HOST, ...headers }, payload: ROWS });
const taskCount = async () => (await app.inject({ method: 'GET', url: `/api/projects/${projectId}/tasks`, headers: { cookie, host: HOST } })).json().tasks.length;

test('an import posted with the manager\'s cookie from a page on another port is refused and imports nothing', async () => {
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/x-ndjson']) {
    const res = await importRows({ cookie, origin: OTHER, 'content-type': type });
    assert.equal(res.statusCode, 403, `${type}: ${res.body}`);
    assert.equal(res.json().error.code, 'forbidden');
    assert.match(res.json().error.message, /cross-origin request refused: it comes from http:\/\/localhost:8081/);
  }
  const byReferer = await importRows({ cookie, referer: `${OTHER}/attack.html`, 'content-type': 'text/plain' });
  assert.equal(byReferer.statusCode, 403, 'without Origin, the Referer tells where the page was');
  const sandboxed = await importRows({ cookie, origin: 'null', 'content-type': 'text/plain' });
  assert.equal(sandboxed.statusCode, 403);
  const formWithoutOrigin = await importRows({ cookie, 'content-type': 'application/x-www-form-urlencoded' });
  assert.equal(formWithoutOrigin.statusCode, 403, 'a form body with a cookie must say where it comes from');
  assert.equal(await taskCount(), 0);
});

test('the web app\'s own import (same origin, its content types) still works, and so does a token from another origin', async () => {
  const own = await importRows({ cookie, origin: OWN, 'content-type': 'application/octet-stream' });
  assert.equal(own.statusCode, 200, own.body);
  assert.equal(own.json().imported, 2);
  const created = await app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie, host: HOST, origin: OWN }, payload: { name: 'script' } });
  assert.equal(created.statusCode, 201, created.body);
  const bearer = `Bearer ${created.json().token}`;
  const script = await importRows({ authorization: bearer, origin: OTHER, 'content-type': 'application/x-ndjson' });
  assert.equal(script.statusCode, 200, 'a browser never adds a bearer token by itself, so no Origin rule for it');
  assert.equal(await taskCount(), 4);
});

test('JSON routes take JSON only: a form or text/plain body is refused with 415, even from the own origin', async () => {
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    const res = await app.inject({ method: 'POST', url: '/api/projects', headers: { cookie, host: HOST, origin: OWN, 'content-type': type }, payload: '{"name":"Sneaky","ontology":{"classes":[]}}' });
    assert.equal(res.statusCode, 415, `${type}: ${res.body}`);
    assert.equal(res.json().error.code, 'unsupported_media_type');
    assert.match(res.json().error.message, /application\/json/);
  }
  const wrongPort = await app.inject({ method: 'POST', url: '/api/projects', headers: { cookie, host: HOST, origin: OTHER }, payload: { name: 'Sneaky', ontology: { classes: [] } } });
  assert.equal(wrongPort.statusCode, 403);
  const sameOrigin = await app.inject({ method: 'POST', url: '/api/projects', headers: { cookie, host: HOST, origin: OWN }, payload: { name: 'Fine', ontology: { classes: [] } } });
  assert.equal(sameOrigin.statusCode, 201, sameOrigin.body);
});

test('sign-in and deletes are held to the same rule; reads are not', async () => {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { host: HOST, origin: OTHER }, payload: { email: 'manager@test.local', password: 'user-password' } });
  assert.equal(login.statusCode, 403, 'another site cannot sign a visitor in to an account of its choosing');
  const tokens = (await app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie, host: HOST, origin: OTHER } }));
  assert.equal(tokens.statusCode, 200);
  const id = tokens.json()[0].id;
  const revoke = await app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: { cookie, host: HOST, origin: OTHER } });
  assert.equal(revoke.statusCode, 403);
  const revokeOwn = await app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: { cookie, host: HOST, origin: OWN } });
  assert.equal(revokeOwn.statusCode, 204);
});
