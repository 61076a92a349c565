import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathOf, urlOf } from './client.ts';

test('a path gets its params encoded and its query appended, leaving out what is not given', () => {
  assert.equal(pathOf('/api/projects/:projectId/tasks', { projectId: 'a/b c' }, { status: 'open', after: undefined, limit: 100 }),
    '/api/projects/a%2Fb%20c/tasks?status=open&limit=100');
  assert.equal(urlOf('GET /api/items/:itemId/asset', { params: { itemId: 'i1' }, query: { frame: 2, camera: 'front left' } }), '/api/items/i1/asset?frame=2&camera=front+left');
  assert.equal(urlOf('GET /api/projects', {}), '/api/projects');
});

test('a missing path parameter is refused before any request goes out', () => {
  assert.throws(() => pathOf('/api/tasks/:taskId/submit', {}), /missing path parameter taskId/);
});
