import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Document } from './document.ts';
import type { Change } from './types.ts';

interface Box { id: string; label: string; x: number }

function opened() {
  const doc = new Document<Box>();
  doc.load({ objects: [{ id: 'a', label: 'car', x: 1 }, { id: 'b', label: 'bus', x: 2 }], predictions: [{ id: 'p', label: 'car', x: 9 }] });
  const changes: Change<Box>[] = [];
  doc.events.on('change', (c) => changes.push(c));
  return { doc, changes };
}

test('add, update and remove each announce one change with every slot before and after', () => {
  const { doc, changes } = opened();
  doc.add({ id: 'c', label: 'car', x: 3 }, 'draw');
  doc.update('c', { x: 4 }, 'move');
  doc.update('c', (o) => ({ ...o, label: 'bus' }), 'relabel');
  doc.remove(['c', 'missing'], 'delete');
  assert.deepEqual(changes.map((c) => [c.label, c.patches.map((p) => [p.id, p.before?.object.x, p.after?.object.x])]), [
    ['draw', [['c', undefined, 3]]],
    ['move', [['c', 3, 4]]],
    ['relabel', [['c', 4, 4]]],
    ['delete', [['c', 4, undefined]]],
  ]);
  assert.equal(doc.get('c'), undefined);
});

test('objects keep their place: all() is oldest first and an edited object stays where it was', () => {
  const { doc } = opened();
  doc.add({ id: 'c', label: 'car', x: 3 });
  doc.update('a', { x: 5 });
  assert.deepEqual(doc.all().map((o) => o.id), ['a', 'b', 'c']);
  assert.deepEqual(doc.all('predictions').map((o) => o.id), ['p']);
  assert.equal(doc.layerOf('p'), 'predictions');
  assert.equal(doc.get('p'), undefined, 'get reads the objects layer unless told otherwise');
  assert.equal(doc.get('p', 'predictions')?.x, 9);
});

test('refuses an id twice, an unknown id, and an update that changes the id', () => {
  const { doc, changes } = opened();
  assert.throws(() => doc.add({ id: 'a', label: 'car', x: 0 }), /already/);
  assert.throws(() => doc.update('zzz', { x: 1 }), /no object with id zzz/);
  assert.throws(() => doc.update('a', (o) => ({ ...o, id: 'b' })), /cannot change the id/);
  doc.remove('zzz');
  assert.equal(changes.length, 0, 'nothing happened, so nothing is announced');
});

test('selection ignores unknown ids, follows deletes, and is cleared by load', () => {
  const { doc } = opened();
  const seen: string[][] = [];
  doc.events.on('selection', (s) => seen.push([...s]));
  doc.select(['a', 'p', 'nope']);
  assert.deepEqual(doc.selected().map((o) => o.id), ['a', 'p']);
  doc.toggleSelected('a');
  doc.remove('p', 'drop', 'predictions');
  assert.deepEqual([...doc.selection], []);
  doc.select(['b']);
  doc.load({ objects: [] });
  assert.deepEqual(seen, [['a', 'p'], ['p'], [], ['b'], []]);
});

test('apply writes several slots as one change; load is marked and not a command', () => {
  const { doc, changes } = opened();
  const a = doc.slot('objects', 'a')!;
  doc.apply('swap', [
    { layer: 'objects', id: 'a', slot: undefined },
    { layer: 'predictions', id: 'a', slot: { object: a.object, z: doc.topZ() } },
  ]);
  assert.equal(changes.length, 1);
  assert.equal(doc.layerOf('a'), 'predictions');
  doc.load({ objects: [{ id: 'z', label: 'car', x: 0 }] });
  assert.deepEqual(changes.at(-1), { label: 'load', patches: [], loaded: true });
  assert.deepEqual(doc.ids(), ['z']);
  assert.equal(doc.size('predictions'), 0);
});

test('a subclass sees every write, including load, undo-style apply and removal', () => {
  const writes: string[] = [];
  class Indexed extends Document<Box> {
    protected override written(layer: string, id: string, slot: unknown): void {
      writes.push(`${layer}:${id}:${slot === undefined ? 'gone' : 'set'}`);
    }
  }
  const doc = new Indexed();
  doc.load({ objects: [{ id: 'a', label: 'car', x: 1 }] });
  doc.add({ id: 'b', label: 'car', x: 2 });
  doc.remove('a');
  doc.load({});
  assert.deepEqual(writes, ['objects:a:set', 'objects:b:set', 'objects:a:gone', 'objects:b:gone']);
});
