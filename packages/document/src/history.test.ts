import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Document } from './document.ts';
import { History } from './history.ts';

interface Box { id: string; x: number }

function opened(limit?: number) {
  const doc = new Document<Box>();
  doc.load({ objects: [{ id: 'a', x: 0 }] });
  return { doc, history: new History(doc, limit) };
}
const xs = (doc: Document<Box>) => doc.all().map((o) => `${o.id}${o.x}`).join(' ');

test('undo and redo walk each command back and forth', () => {
  const { doc, history } = opened();
  doc.add({ id: 'b', x: 1 }, 'draw');
  doc.update('a', { x: 5 }, 'move');
  doc.remove('b');
  assert.equal(history.nextUndo, 'delete');
  assert.ok(history.undo());
  assert.equal(xs(doc), 'a5 b1');
  assert.ok(history.undo());
  assert.ok(history.undo());
  assert.equal(xs(doc), 'a0');
  assert.equal(history.undo(), false);
  assert.equal(history.nextRedo, 'draw');
  while (history.redo());
  assert.equal(xs(doc), 'a5');
});

test('a restored object returns to its place in the order', () => {
  const { doc, history } = opened();
  doc.add({ id: 'b', x: 1 });
  doc.add({ id: 'c', x: 2 });
  doc.remove('b');
  history.undo();
  assert.deepEqual(doc.all().map((o) => o.id), ['a', 'b', 'c']);
});

test('a group (a drag) is one step, keeping the first before and the last after', () => {
  const { doc, history } = opened();
  history.begin('move');
  for (let x = 1; x <= 10; x++) doc.update('a', { x });
  history.end();
  history.undo();
  assert.equal(xs(doc), 'a0');
  assert.equal(history.canUndo, false);
  history.redo();
  assert.equal(xs(doc), 'a10');
});

test('a group that ends where it began is no step; transact nests into an open group', () => {
  const { doc, history } = opened();
  history.begin('wiggle');
  doc.update('a', { x: 3 });
  doc.update('a', { x: 0 });
  history.end();
  assert.equal(history.canUndo, false);
  history.transact('outer', () => {
    doc.add({ id: 'b', x: 1 });
    history.transact('inner', () => doc.add({ id: 'c', x: 2 }));
  });
  history.undo();
  assert.equal(xs(doc), 'a0');
});

test('a new change after undo forks: the undone steps cannot be redone', () => {
  const { doc, history } = opened();
  doc.update('a', { x: 1 });
  doc.update('a', { x: 2 });
  history.undo();
  doc.update('a', { x: 7 });
  assert.equal(history.canRedo, false);
  assert.equal(history.redo(), false);
  history.undo();
  assert.equal(xs(doc), 'a1');
});

test('load forgets every step; the limit drops the oldest', () => {
  const { doc, history } = opened(3);
  for (let x = 1; x <= 5; x++) doc.update('a', { x });
  let undone = 0;
  while (history.undo()) undone++;
  assert.equal(undone, 3);
  assert.equal(xs(doc), 'a2');
  history.redo();
  doc.load({ objects: [{ id: 'q', x: 0 }] });
  assert.equal(history.canUndo, false);
  assert.equal(history.canRedo, false);
});

test('onChange reports whether undo and redo are possible', () => {
  const { doc, history } = opened();
  const seen: string[] = [];
  history.onChange((s) => seen.push(`${s.canUndo ? 'U' : '-'}${s.canRedo ? 'R' : '-'}`));
  doc.update('a', { x: 1 });
  history.undo();
  history.redo();
  doc.load({});
  assert.deepEqual(seen, ['U-', '-R', 'U-', '--']);
});
