import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateAttributes, type AttributeSpec } from './attributes.ts';

const specs: AttributeSpec[] = [
  { name: 'occluded', type: 'boolean', required: true },
  { name: 'colour', type: 'enum', options: ['red', 'blue'], required: false },
  { name: 'truncation', type: 'number', min: 0, max: 1, step: 0.1, required: false },
  { name: 'note', type: 'text', maxLength: 3, required: false },
];

test('valid values pass, including steps that are inexact in binary', () => {
  assert.deepEqual(validateAttributes(specs, { occluded: false, colour: 'red', truncation: 0.3, note: '😀ab' }), []);
});

test('every wrong value, the missing required one and unknown names are reported', () => {
  const issues = validateAttributes(specs, { colour: 'green', truncation: 1.5, note: 'long', speed: 3 }, 'objects[0].attributes');
  assert.deepEqual(issues.map((i) => `${i.path}: ${i.message}`), [
    'objects[0].attributes.colour: must be one of "red", "blue", got string "green"',
    'objects[0].attributes.truncation: must be <= 1, got 1.5',
    'objects[0].attributes.note: must be at most 3 characters, got 4',
    'objects[0].attributes.speed: unknown attribute (known: occluded, colour, truncation, note)',
    'objects[0].attributes.occluded: required attribute is missing',
  ]);
});

test('types are not coerced', () => {
  const issues = validateAttributes(specs, { occluded: 'true', truncation: Number.NaN });
  assert.deepEqual(issues.map((i) => i.message), ['must be a boolean, got string "true"', 'must be a finite number, got NaN']);
  assert.equal(validateAttributes(specs, { occluded: true, truncation: 0.25 })[0]?.message, 'must be a multiple of 0.1 from 0, got 0.25');
});
