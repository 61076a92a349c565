import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseOntology } from './ontology.ts';

test('a valid ontology gets its defaults filled and colours lower-cased', () => {
  const r = parseOntology({
    classes: [
      { name: 'car', kind: 'cuboid3d', color: '#FF8800', hotkey: 'c', sizePrior: { length: 4.5, width: 1.9, height: 1.6 },
        attributes: [{ name: 'occluded', type: 'boolean' }, { name: 'state', type: 'enum', options: ['parked', 'moving'], default: 'parked' }] },
      { name: 'sentiment', kind: 'text_class' },
    ],
  });
  assert.ok(r.ok, JSON.stringify(r));
  const [car, sentiment] = r.value.classes;
  assert.equal(car?.color, '#ff8800');
  assert.equal(car?.attributes[0]?.required, false);
  assert.deepEqual(sentiment?.attributes, []);
});

test('an ontology with three mistakes reports all three with their paths', () => {
  const r = parseOntology({
    classes: [
      { name: 'car', kind: 'bbox2d', color: 'red' },
      { name: 'car', kind: 'bbox2d' },
      { name: 'sign', kind: 'polygon', attributes: [{ name: 'shape', type: 'enum', options: [] }] },
    ],
  });
  assert.ok(!r.ok);
  assert.deepEqual(r.error.map((i) => i.path), ['classes[0].color', 'classes[1].name', 'classes[2].attributes[0].options']);
  assert.match(r.error[1]!.message, /duplicate class name "car" \(also classes\[0\]\)/);
});

test('every other rule is reported too', () => {
  const r = parseOntology({
    classes: [
      { name: '', kind: 'box', hotkey: 'x' },
      { name: 'a', kind: 'bbox2d', hotkey: 'X', sizePrior: { length: 1, width: 1, height: 1 } },
      { name: 'b', kind: 'bbox2d', attributes: [
        { name: 'n', type: 'number', min: 5, max: 1 },
        { name: 'n', type: 'boolean', requried: true },
        { name: 'k', type: 'enum', options: ['x', 'x'] },
        { name: 'd', type: 'enum', options: ['x'], default: 'y' },
        { name: 't', type: 'text', maxLength: -1 },
        { name: 'u', type: 'colour' },
      ] },
    ],
  });
  assert.ok(!r.ok);
  assert.deepEqual(r.error.map((i) => i.path), [
    'classes[0].name',
    'classes[0].kind',
    'classes[1].sizePrior',
    'classes[1].hotkey',
    'classes[2].attributes[0].min',
    'classes[2].attributes[1].requried',
    'classes[2].attributes[2].options[1]',
    'classes[2].attributes[3].default',
    'classes[2].attributes[4].maxLength',
    'classes[2].attributes[5].type',
  ]);
});

test('non-object input and a missing classes array', () => {
  const a = parseOntology(null);
  assert.ok(!a.ok);
  assert.deepEqual(a.error, [{ path: '', message: 'must be an object, got null' }]);
  const b = parseOntology({});
  assert.ok(!b.ok);
  assert.equal(b.error[0]?.path, 'classes');
});
