import type { GeometryKind } from './kinds/index.ts';
import type { Ontology } from './ontology.ts';

/** What an item is: the thing a workspace opens. */
export type ItemKind = 'image' | 'pointcloud' | 'text';

const ITEM_KIND: { [K in GeometryKind]: ItemKind } = {
  bbox2d: 'image', polygon: 'image', polyline: 'image', point2d: 'image',
  cuboid3d: 'pointcloud',
  text_span: 'text', text_class: 'text',
};

/** The item kind a label kind is drawn on. */
export const itemKindOf = (kind: GeometryKind): ItemKind => ITEM_KIND[kind];

/**
 * The item kinds a project's classes can label: an image project takes images, a point-cloud
 * project clouds, a text project texts. Empty for an ontology without classes (nothing to judge by).
 */
export function projectItemKinds(ontology: Ontology): Set<ItemKind> {
  return new Set(ontology.classes.map((c) => itemKindOf(c.kind)));
}

const NAMES: { [K in ItemKind]: string } = { image: 'an image', pointcloud: 'a point cloud', text: 'a text' };
const PROJECT: { [K in ItemKind]: string } = { image: 'image', pointcloud: 'point-cloud', text: 'text' };

/** Why an item of `kind` does not fit a project of these kinds ("a text file; this is a point-cloud project"), or null when it fits. */
export function kindMismatch(kinds: ReadonlySet<ItemKind>, kind: ItemKind): string | null {
  if (kinds.size === 0 || kinds.has(kind)) return null;
  const project = [...kinds].map((k) => PROJECT[k]).join(' and ');
  return `${NAMES[kind]} file; this is ${/^[aeiou]/.test(project) ? 'an' : 'a'} ${project} project`;
}
