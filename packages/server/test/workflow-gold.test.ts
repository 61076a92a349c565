import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { annotations } from '@cadre/db';
import { dispenser, projectService, submissions } from '../src/index.ts';
import { makeGold } from '../src/services/workflow/gold-items.service.ts';
import { projectQuality } from '../src/services/workflow/quality.service.ts';
import { box, harness, payload, type Harness } from './harness.ts';
import { crew, label } from './workflow-harness.ts';

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

const itemsOf = async (projectId: string) => (await h.deps.db.selectFrom('items').select('id').where('project_id', '=', projectId).orderBy('id').execute()).map((r) => r.id);
const answer = payload(box('g1', 10), box('g2', 200));

test('gold items are mixed in, look like any task, and are scored against their answer', async () => {
  const c = await crew(h, 'Gold mix', { stages: ['annotate'], goldRate: 1 }, 3);
  const [goldItem] = await itemsOf(c.projectId);
  await makeGold(h.deps, h.admin, c.projectId, { itemId: goldItem!, annotation: answer });
  const view = (await dispenser.claimNextView(h.deps, c.annotator, c.projectId))!;
  assert.equal(view.item.id, goldItem);
  assert.equal(view.task.stage, 'annotate', 'a gold task does not give itself away');
  assert.equal(view.base, null);
  // One of the two boxes found, one extra: precision 1/2, recall 1/2.
  await submissions.submit(h.deps, c.annotator, view.task.id, randomUUID(), payload(box('a', 11), box('b', 400)));
  const q = await projectQuality(h.deps, h.admin, c.projectId);
  const me = q.annotators.find((a) => a.userId === c.annotator.userId)!;
  assert.equal(me.goldScored, 1);
  assert.equal(me.goldAccuracy, 0.5);
  assert.equal((await annotations.annotationsOfItem(h.deps.db, goldItem!)).length, 0, 'gold work is not an annotation of the item');
  // No gold left for this person: real work comes next.
  const next = (await dispenser.claimNextView(h.deps, c.annotator, c.projectId))!;
  assert.notEqual(next.item.id, goldItem);
});

test('a newcomer passes the qualification set before paid work; one who fails is told the score', async () => {
  const c = await crew(h, 'Qualify', { stages: ['annotate'], qualificationSize: 2, qualificationAccuracy: 0.8 }, 4);
  const [g1, g2] = await itemsOf(c.projectId);
  await makeGold(h.deps, h.admin, c.projectId, { itemId: g1!, annotation: answer });
  await makeGold(h.deps, h.admin, c.projectId, { itemId: g2!, annotation: answer });
  for (let i = 0; i < 2; i++) {
    const good = (await dispenser.claimNextView(h.deps, c.annotator, c.projectId))!;
    assert.ok([g1, g2].includes(good.item.id), 'the qualification set comes first');
    await submissions.submit(h.deps, c.annotator, good.task.id, randomUUID(), answer);
    const bad = (await dispenser.claimNextView(h.deps, c.second, c.projectId))!;
    await submissions.submit(h.deps, c.second, bad.task.id, randomUUID(), payload(box('x', 300)));
  }
  const work = (await dispenser.claimNextView(h.deps, c.annotator, c.projectId))!;
  assert.ok(![g1, g2].includes(work.item.id), 'qualified: paid work now');
  await assert.rejects(dispenser.claimNext(h.deps, c.second, c.projectId), /did not pass this project's qualification: your score is 0%, 80% is needed/);
});

test('consensus: two people label each item; agreement decides whether the merged work needs review', async () => {
  const c = await crew(h, 'Consensus', { stages: ['annotate', 'review'], reviewRate: 0, overlap: 2 }, 2);
  const copies = await h.deps.db.selectFrom('tasks').select('item_id').where('project_id', '=', c.projectId).execute();
  assert.equal(copies.length, 4, 'each of the 2 items has 2 copies');
  // Item 1: they agree. Item 2: they do not.
  const a1 = await label(h, c.projectId, c.annotator, [box('a', 10)]);
  assert.equal(a1.result.stage, 'annotate', 'waits for the second copy');
  const a2 = await label(h, c.projectId, c.annotator, [box('b', 10)]);
  assert.notEqual(a2.view.item.id, a1.view.item.id, 'nobody labels two copies of one item');
  const b1 = await label(h, c.projectId, c.second, [box('c', 11)]);
  const b2 = await label(h, c.projectId, c.second, [box('d', 300)]);
  const byItem = new Map([[a1.view.item.id, a1.view.item.id === b1.view.item.id ? b1 : b2], [a2.view.item.id, a2.view.item.id === b1.view.item.id ? b1 : b2]]);
  const agreeing = [...byItem].find(([item]) => item === a1.view.item.id)![1];
  assert.equal(agreeing.result.stage, 'accepted', 'agreement 1: merged and accepted');
  const other = [...byItem].find(([item]) => item === a2.view.item.id)![1];
  assert.equal(other.result.stage, 'review', 'no agreement: review');
  const merged = (await annotations.latestAnnotation(h.deps.db, a1.view.item.id))!;
  assert.equal(merged.author_kind, 'machine');
  const boxes = (merged.payload as { objects: { geometry: { x: number } }[] }).objects;
  assert.equal(boxes.length, 1);
  assert.equal(boxes[0]!.geometry.x, 10.5, 'the merged box is the mean of the two');
  const q = await projectQuality(h.deps, h.admin, c.projectId);
  assert.equal(q.annotators.find((a) => a.userId === c.annotator.userId)!.agreement, 0.5);
});

test('turning consensus on later gives existing items their copies', async () => {
  const c = await crew(h, 'Consensus later', { stages: ['annotate'] }, 3);
  await projectService.updateProject(h.deps, h.admin, c.projectId, { settings: { overlap: 3 } });
  const n = await h.deps.db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', '=', c.projectId).executeTakeFirst();
  assert.equal(Number(n!.n), 9);
});
