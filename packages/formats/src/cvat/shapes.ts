// One CVAT shape element (<box>, <polygon>, <polyline>, <points>, <ellipse>, and those Cadre cannot
// hold) read into geometries, and one object written back as an element.
import type { LabeledObject } from '@cadre/core';
import type { Note, RowProblem, WriteContext } from '../types.ts';
import { attrs, escText, num, parseValue, valueText, type XmlElement } from '../xml/index.ts';

type Geometry = Pick<LabeledObject, 'kind' | 'geometry'>;

export type ShapeResult =
  | { ok: true; parts: Geometry[]; attributes: Record<string, unknown>; note?: Note }
  | { ok: false; problem: RowProblem }
  | { ok: 'dropped'; note: Note };

/** The shape elements CVAT writes that Cadre keeps in no form, with why. */
const DROPPED: Record<string, string> = {
  mask: 'a mask (RLE) is not traced to a polygon',
  cuboid: 'a 2D cuboid (pseudo-3D) has no Cadre kind',
  skeleton: 'a skeleton (points joined by edges) has no Cadre kind',
  tag: 'an image-level tag has no Cadre kind for images',
};
export const SHAPES = new Set(['box', 'polygon', 'polyline', 'points', 'ellipse', ...Object.keys(DROPPED)]);
/** Attributes of a shape element that are not geometry or CVAT's own bookkeeping. */
const OWN = new Set(['label', 'source', 'occluded', 'z_order', 'group_id', 'frame', 'outside', 'keyframe', 'points', 'xtl', 'ytl', 'xbr', 'ybr', 'rotation', 'cx', 'cy', 'rx', 'ry']);

/** Reads a shape; `field` names it in problems (`image[2].box[0]`), `types` are its label's attribute input types. */
export function readShape(el: XmlElement, file: string, field: string, label: string, types: Map<string, string> | undefined): ShapeResult {
  const problem = (f: string, message: string): ShapeResult => ({ ok: false, problem: { file, line: el.line, field: `${field}${f ? `.${f}` : ''}`, message } });
  const note = (kind: Note['kind'], reason: string, message: string): Note => ({ file, line: el.line, field, kind, reason, message });
  if (Object.hasOwn(DROPPED, el.name)) return { ok: 'dropped', note: note('dropped', `cvat ${el.name}`, `${el.name} ${JSON.stringify(label)}: ${DROPPED[el.name]}`) };
  const nums = (...names: string[]): number[] | ShapeResult => {
    const out: number[] = [];
    for (const name of names) {
      const t = el.attrs[name];
      if (t === undefined || t.trim() === '') return problem(name, 'is missing');
      const v = Number(t);
      if (!Number.isFinite(v)) return problem(name, `expected a number, got ${JSON.stringify(t)}`);
      out.push(v);
    }
    return out;
  };
  const attributes = readAttributes(el, types);
  if (!attributes.ok) return problem(attributes.field, attributes.message);
  let parts: Geometry[];
  let mapped: Note | undefined;
  switch (el.name) {
    case 'box': {
      const c = nums('xtl', 'ytl', 'xbr', 'ybr');
      if (!Array.isArray(c)) return c;
      const [xtl, ytl, xbr, ybr] = c as [number, number, number, number];
      if (!(xbr > xtl)) return problem('xbr', `xbr ${xbr} is not right of xtl ${xtl}`);
      if (!(ybr > ytl)) return problem('ybr', `ybr ${ybr} is not below ytl ${ytl}`);
      let rotation = 0;
      if (el.attrs.rotation !== undefined) { const r = nums('rotation'); if (!Array.isArray(r)) return r; rotation = r[0]!; }
      parts = [{ kind: 'bbox2d', geometry: { x: xtl, y: ytl, width: xbr - xtl, height: ybr - ytl, ...(rotation ? { rotation } : {}) } } as Geometry];
      break;
    }
    case 'ellipse': {
      const c = nums('cx', 'cy', 'rx', 'ry');
      if (!Array.isArray(c)) return c;
      let rotation = 0;
      if (el.attrs.rotation !== undefined) { const r = nums('rotation'); if (!Array.isArray(r)) return r; rotation = r[0]!; }
      if (!(c[2]! > 0 && c[3]! > 0)) return problem('rx', 'radii must be positive');
      parts = [{ kind: 'polygon', geometry: { points: ellipsePoints(c[0]!, c[1]!, c[2]!, c[3]!, rotation) } } as Geometry];
      mapped = note('mapped', 'cvat ellipse as polygon', `ellipse ${JSON.stringify(label)} is kept as a ${ELLIPSE_VERTICES}-vertex polygon`);
      break;
    }
    default: {
      const pts = parsePoints(el.attrs.points);
      if (typeof pts === 'string') return problem('points', pts);
      const min = el.name === 'polygon' ? 3 : el.name === 'polyline' ? 2 : 1;
      if (pts.length < min) return problem('points', `a ${el.name} needs at least ${min} points, got ${pts.length}`);
      if (el.name === 'points') {
        parts = pts.map(([x, y]) => ({ kind: 'point2d', geometry: { x, y } }) as Geometry);
        if (pts.length > 1) mapped = note('mapped', 'cvat points as single points', `points ${JSON.stringify(label)} with ${pts.length} points are kept as ${pts.length} points`);
      } else {
        parts = [{ kind: el.name === 'polygon' ? 'polygon' : 'polyline', geometry: { points: pts } } as Geometry];
      }
    }
  }
  return { ok: true, parts, attributes: attributes.values, ...(mapped ? { note: mapped } : {}) };
}

type Attributes = { ok: true; values: Record<string, unknown> } | { ok: false; field: string; message: string };

function readAttributes(el: XmlElement, types: Map<string, string> | undefined): Attributes {
  const out: Record<string, unknown> = {};
  const bad = (field: string, message: string): Attributes => ({ ok: false, field, message });
  const flag = el.attrs.occluded;
  if (flag !== undefined && flag !== '0' && flag !== '1') return bad('occluded', `expected 0 or 1, got ${JSON.stringify(flag)}`);
  if (flag === '1') out.occluded = true;
  for (const k of ['z_order', 'group_id']) {
    const v = Number(el.attrs[k] ?? 0);
    if (!Number.isFinite(v)) return bad(k, `expected a number, got ${JSON.stringify(el.attrs[k])}`);
    if (v !== 0) out[k] = v;
  }
  for (const a of el.children) {
    if (a.name !== 'attribute') continue;
    const name = a.attrs.name;
    if (!name) return bad('attribute.name', `<attribute> on line ${a.line} has no name`);
    out[name] = typed(a.text, types?.get(name));
  }
  return { ok: true, values: out };
}

/** A value as its input type says: checkbox a boolean, number a number, others text; without a type, by its look. */
function typed(text: string, type: string | undefined): unknown {
  if (type === 'checkbox') return text.trim().toLowerCase() === 'true';
  if (type === 'number') { const v = Number(text); return text.trim() !== '' && Number.isFinite(v) ? v : text; }
  if (type !== undefined) return text;
  return parseValue(text);
}

/** `x1,y1;x2,y2;…` */
export function parsePoints(text: string | undefined): Array<[number, number]> | string {
  if (text === undefined || text.trim() === '') return 'is missing';
  const out: Array<[number, number]> = [];
  for (const [i, pair] of text.split(';').entries()) {
    const xy = pair.split(',');
    const x = Number(xy[0]);
    const y = Number(xy[1]);
    if (xy.length !== 2 || xy[0]!.trim() === '' || xy[1]!.trim() === '' || !Number.isFinite(x) || !Number.isFinite(y)) return `point ${i + 1} is ${JSON.stringify(pair)}, expected x,y numbers`;
    out.push([x, y]);
  }
  return out;
}

const ELLIPSE_VERTICES = 32;

/** An ellipse as a polygon, turned `rotation` degrees clockwise about its centre as CVAT turns it. */
function ellipsePoints(cx: number, cy: number, rx: number, ry: number, rotation: number): Array<[number, number]> {
  const r = (rotation * Math.PI) / 180;
  return Array.from({ length: ELLIPSE_VERTICES }, (_, i) => {
    const t = (2 * Math.PI * i) / ELLIPSE_VERTICES;
    const dx = rx * Math.cos(t);
    const dy = ry * Math.sin(t);
    return [cx + dx * Math.cos(r) - dy * Math.sin(r), cy + dx * Math.sin(r) + dy * Math.cos(r)] as [number, number];
  });
}

/** Whether CVAT can hold the object; notes it when not. */
export function holdable(o: LabeledObject, itemId: string, i: number, ctx: WriteContext): boolean {
  if (tagOf(o.kind)) return true;
  ctx.note({ itemId, field: `objects[${i}]`, kind: 'dropped', reason: `${o.kind} in cvat`, message: `${o.kind} ${JSON.stringify(o.label)} has no CVAT image shape` });
  return false;
}

const TAG = { bbox2d: 'box', polygon: 'polygon', polyline: 'polyline', point2d: 'points' } as const;

/** The CVAT element name for a kind, or undefined when CVAT for images and video cannot hold it. */
export const tagOf = (kind: LabeledObject['kind']): string | undefined => (TAG as Record<string, string>)[kind];

/**
 * One object as a shape element; `extra` adds the track's frame/outside/keyframe, `points` replaces a
 * point's one coordinate with several (a CVAT <points> element of a track's points).
 */
export function shapeXml(o: LabeledObject, label: string | undefined, extra: Record<string, string | number | undefined> = {}, points?: Array<[number, number]>): string {
  const a = o.attributes ?? {};
  const own = { label, ...extra, occluded: a.occluded === true ? 1 : 0 };
  let geometry: Record<string, string | number | undefined>;
  const g = o.geometry as unknown as Record<string, unknown>;
  if (o.kind === 'bbox2d') {
    const { x, y, width, height, rotation } = o.geometry;
    geometry = { xtl: x, ytl: y, xbr: x + width, ybr: y + height, ...(rotation ? { rotation } : {}) };
  } else if (o.kind === 'point2d') {
    geometry = { points: (points ?? [[o.geometry.x, o.geometry.y]]).map(pointText).join(';') };
  } else {
    geometry = { points: (g.points as Array<[number, number]>).map(pointText).join(';') };
  }
  const z = typeof a.z_order === 'number' ? a.z_order : 0;
  const group = typeof a.group_id === 'number' ? { group_id: a.group_id } : {};
  const children = Object.entries(a).filter(([k]) => !OWN.has(k)).map(([k, v]) => `<attribute${attrs({ name: k })}>${escText(valueText(v))}</attribute>`);
  const tag = tagOf(o.kind)!;
  return `<${tag}${attrs({ ...own, ...geometry, z_order: z, ...group })}${children.length ? `>${children.join('')}</${tag}>` : ' />'}`;
}

const pointText = ([x, y]: [number, number]) => `${num(x)},${num(y)}`;
