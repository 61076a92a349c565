import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CHECK_SETTINGS } from '@cadre/core';
import type { TaskView } from '../api.ts';
import { TaskFlow } from '../workspace/task-flow.ts';
import { openingView, workModeOf } from './work-mode.ts';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const view = (id: string, stage = 'review'): TaskView => ({
  task: { id, projectId: 'p', itemId: id, status: 'leased', leaseExpiresAt: null, stage, priority: 0, attempts: 0, rejections: 0 },
  item: { id, kind: 'text', asset: null, text: id, frames: null, metadata: null }, predictions: [], draft: null,
  draftBy: null, latest: null, base: null, reasons: [], rejectReasons: [], checks: DEFAULT_CHECK_SETTINGS,
});

test('a review flow asks for tasks of its stage, and a decision lost on the network is retried with the same decision id', async () => {
  const urls: string[] = [];
  const decisions: { decisionId: string; verdict: string }[] = [];
  let open = ['r1', 'r2'];
  let fail = 1;
  globalThis.fetch = (async (url: string, init?: RequestInit) => {
    urls.push(url);
    if (url.includes('/tasks/mine')) return json([]);
    if (url.includes('/tasks/next')) { const id = open[0]; open = open.slice(1); return json({ task: id ? view(id) : null }); }
    decisions.push(JSON.parse(String(init?.body)));
    if (fail-- > 0) throw new TypeError('network down');
    return json({ verdict: 'reject', stage: 'annotate', replayed: decisions.length > 1 });
  }) as typeof fetch;
  const flow = new TaskFlow('p', { text: async () => {} }, 'review');
  const first = await flow.first();
  assert.equal(first!.view.task.id, 'r1');
  assert.ok(urls.slice(0, 2).every((u) => u.endsWith('?stage=review')), urls.join(' '));
  const next = await flow.decide('r1', { verdict: 'reject', reasons: [{ code: 'loose_fit', objectId: 'b1', note: '' }] });
  assert.equal(next!.view.task.id, 'r2');
  assert.equal(decisions.length, 2, 'sent twice');
  assert.equal(decisions[0]!.decisionId, decisions[1]!.decisionId, 'with one decision id');
});

test('a task opens as new work, rework (the draft, else the returned work) or review (the work under review)', () => {
  const base = { id: 'a1', version: 1, authorId: 'u', authorName: 'Ann', payload: { schemaVersion: 1, objects: [] } };
  const reasons = [{ code: 'other', label: 'Other', objectId: null, note: '', source: 'human' as const }];
  const annotate = view('t', 'annotate');
  assert.equal(workModeOf(annotate), 'annotate');
  assert.equal(openingView(annotate, 'annotate'), annotate);
  const rework = { ...annotate, base, reasons };
  assert.equal(workModeOf(rework), 'rework');
  assert.deepEqual(openingView(rework, 'rework').draft, { annotation: base.payload, pendingPredictions: [] });
  const drafted = { ...rework, draft: { annotation: { schemaVersion: 1, objects: [] }, pendingPredictions: ['p1'] } };
  assert.equal(openingView(drafted, 'rework').draft, drafted.draft);
  const qa = { ...view('q', 'qa'), base, draft: drafted.draft };
  assert.equal(workModeOf(qa), 'qa');
  assert.deepEqual(openingView(qa, 'qa').draft, { annotation: base.payload, pendingPredictions: [] });
});
