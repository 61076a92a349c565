import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kindMismatch, projectItemKinds } from './item-kinds.ts';
import type { Ontology } from './ontology.ts';

const of = (...kinds: Ontology['classes'][number]['kind'][]): Ontology => ({ classes: kinds.map((kind, i) => ({ name: `c${i}`, kind, attributes: [] })) });

test('a point-cloud project refuses a text or image file and says why', () => {
  const kinds = projectItemKinds(of('cuboid3d'));
  assert.equal(kindMismatch(kinds, 'pointcloud'), null);
  assert.equal(kindMismatch(kinds, 'text'), 'a text file; this is a point-cloud project');
  assert.equal(kindMismatch(kinds, 'image'), 'an image file; this is a point-cloud project');
});

test('an image project takes images whatever 2D kinds it labels; no classes judge nothing', () => {
  assert.equal(kindMismatch(projectItemKinds(of('bbox2d', 'polyline', 'point2d')), 'image'), null);
  assert.equal(kindMismatch(projectItemKinds(of('text_span')), 'image'), 'an image file; this is a text project');
  assert.equal(kindMismatch(projectItemKinds(of()), 'text'), null);
});
