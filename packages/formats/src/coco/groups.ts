// Which objects of an item make one COCO annotation. Objects sharing an `instance` attribute value
// are one: polygons of one class become one annotation's rings, a box or those polygons carry the
// group's points as keypoints (the category lists their labels as its keypoint names). Every other
// box or polygon is an annotation of its own; what COCO cannot hold is left out with its reason.
import type { LabeledObject } from '@cadre/core';

type Shape = Extract<LabeledObject, { kind: 'bbox2d' | 'polygon' }>;
type Point = Extract<LabeledObject, { kind: 'point2d' }>;

export interface Planned<T> { object: T; index: number }

export interface Plan {
  /** One box, or polygons of one class (the rings). */
  shapes: Array<Planned<Shape>>;
  points: Array<Planned<Point>>;
  /** The instance value when the annotation groups several objects (rings, keypoints). */
  instance?: unknown;
}

export interface Left { index: number; kind: 'dropped'; reason: string; message: string }

const isShape = (o: LabeledObject): o is Shape => o.kind === 'bbox2d' || o.kind === 'polygon';

export function plan(objects: readonly LabeledObject[]): { plans: Plan[]; left: Left[] } {
  const plans: Plan[] = [];
  const left: Left[] = [];
  const groups = new Map<string, Array<Planned<LabeledObject>>>();
  const slots: Array<Plan | Array<Planned<LabeledObject>>> = [];
  objects.forEach((object, index) => {
    const instance = object.attributes?.instance;
    if (instance === undefined || instance === null) {
      slots.push(single(object, index, left));
      return;
    }
    const key = `${typeof instance}:${String(instance)}`;
    let group = groups.get(key);
    if (!group) { group = []; groups.set(key, group); slots.push(group); }
    group.push({ object, index });
  });
  for (const slot of slots) {
    if (Array.isArray(slot)) plans.push(...grouped(slot, left));
    else if (slot.shapes.length > 0) plans.push(slot);
  }
  return { plans, left };
}

function single(object: LabeledObject, index: number, left: Left[]): Plan {
  if (isShape(object)) return { shapes: [{ object, index }], points: [] };
  left.push(object.kind === 'point2d'
    ? { index, kind: 'dropped', reason: 'point without an instance object', message: `point ${JSON.stringify(object.label)} has no box or polygon of the same instance to be a keypoint of` }
    : { index, kind: 'dropped', reason: `${object.kind} not held by COCO`, message: `${object.kind} ${JSON.stringify(object.label)} left out: COCO holds boxes, polygons and keypoints` });
  return { shapes: [], points: [] };
}

function grouped(group: Array<Planned<LabeledObject>>, left: Left[]): Plan[] {
  const instance = group[0]!.object.attributes.instance;
  const shapes = group.filter((g): g is Planned<Shape> => isShape(g.object));
  const points: Array<Planned<Point>> = [];
  const named = new Set<string>();
  for (const g of group) {
    if (isShape(g.object)) continue;
    if (g.object.kind !== 'point2d') { single(g.object, g.index, left); continue; }
    if (shapes.length === 0) { single(g.object, g.index, left); continue; }
    if (named.has(g.object.label)) {
      left.push({ index: g.index, kind: 'dropped', reason: 'keypoint named twice in one instance', message: `a second point ${JSON.stringify(g.object.label)} of instance ${JSON.stringify(instance)} left out: a COCO keypoint name holds one point` });
      continue;
    }
    named.add(g.object.label);
    points.push(g as Planned<Point>);
  }
  if (shapes.length === 0) return [];
  const first = shapes[0]!;
  const together = first.object.kind === 'polygon'
    ? shapes.filter((s) => s.object.kind === 'polygon' && s.object.label === first.object.label)
    : [first];
  const main: Plan = { shapes: together, points };
  if (together.length + points.length > 1) main.instance = instance;
  // Shapes of another class or kind in the group: annotations of their own, `instance` kept as an attribute.
  const rest = shapes.filter((s) => !together.includes(s)).map((s): Plan => ({ shapes: [s], points: [] }));
  return [main, ...rest];
}

/** The positive whole number an instance value can be kept as (the annotation id), if any. */
export const idOf = (instance: unknown): number | undefined =>
  typeof instance === 'number' && Number.isSafeInteger(instance) && instance > 0 ? instance : undefined;
