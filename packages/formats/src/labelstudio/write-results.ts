// Cadre objects → Label Studio results, in Label Studio's own shape: image results in percent of
// the image with `original_width` / `original_height`, a turned box turned about its top-left
// corner, text spans in UTF-16 offsets with their text, attributes as per-region results that
// share the region's id, and control names taken from the item's `metadata.labelstudio`.
import { findClass, type AttributeSpec, type LabeledObject, type Ontology } from '@cadre/core';
import type { ExportItem, WriteContext } from '../types.ts';
import type { Control, LabelStudioMeta } from './meta.ts';
import { OffsetMap } from '@cadre/core';
import { ATTRIBUTE_TYPES, toTopLeftTurn } from './read-results.ts';

type Raw = Record<string, unknown>;

/** The default object names: `<Image name="image">`, `<Text name="text">`, a cloud `pcd`. */
export const DEFAULT_TO: Record<ExportItem['kind'], string> = { image: 'image', text: 'text', pointcloud: 'pcd' };

const TYPE_OF: Record<LabeledObject['kind'], string> = {
  bbox2d: 'rectanglelabels', polygon: 'polygonlabels', polyline: 'vectorlabels', point2d: 'keypointlabels',
  text_span: 'labels', text_class: 'choices', cuboid3d: 'cuboid3d',
};
/** Default control names when the item came from elsewhere (`<RectangleLabels name="label">`). */
const DEFAULT_FROM: Record<LabeledObject['kind'], string> = {
  bbox2d: 'label', polygon: 'label', polyline: 'label', point2d: 'label', text_span: 'label', text_class: 'class', cuboid3d: 'label',
};

const round = (v: number) => Math.round(v * 1e9) / 1e9;

export function objectsToResults(item: ExportItem, meta: LabelStudioMeta | undefined, ctx: WriteContext): Raw[] {
  const out: Raw[] = [];
  const controls = meta?.controls ?? [];
  const toDefault = controls.find((c) => !ATTRIBUTE_TYPES.has(c.type))?.to_name ?? DEFAULT_TO[item.kind];
  const names = (type: string, label: string | undefined, fallback: string): { from_name: string; to_name: string } => {
    const same = controls.filter((c) => c.type === type);
    const c: Control | undefined = same.find((x) => label !== undefined && x.labels?.includes(label)) ?? same[0];
    return c ? { from_name: c.from_name, to_name: c.to_name } : { from_name: fallback, to_name: toDefault };
  };
  const note = (field: string, kind: 'mapped' | 'dropped', reason: string, message: string) => ctx.note({ itemId: item.id, field, kind, reason, message });
  const W = item.width;
  const H = item.height;
  const hasSize = W !== undefined && H !== undefined && W > 0 && H > 0;
  let sizeNoted = false;
  let text: OffsetMap | undefined;
  const classes: Map<string, { names: { from_name: string; to_name: string }; choices: string[]; id: string }> = new Map();
  const ids = new Set<string>();

  item.objects.forEach((o, i) => {
    const field = `objects[${i}]`;
    const type = TYPE_OF[o.kind];
    const id = uniqueId(o.id || `r${i}`, ids);
    let value: Raw;
    let extra: Raw = {};
    if (o.kind === 'bbox2d' || o.kind === 'polygon' || o.kind === 'polyline' || o.kind === 'point2d') {
      if (item.kind !== 'image') { note(field, 'dropped', `${o.kind} on a ${item.kind}`, `a ${o.kind} on a ${item.kind} item`); return; }
      if (!hasSize) {
        if (!sizeNoted) note(field, 'dropped', 'image size unknown', `the image's size is unknown, so its ${item.objects.length} image results cannot be written in percent`);
        sizeNoted = true;
        return;
      }
      const px = (x: number) => round((x / W!) * 100);
      const py = (y: number) => round((y / H!) * 100);
      extra = { original_width: W, original_height: H, image_rotation: 0 };
      if (o.kind === 'bbox2d') {
        const g = o.geometry;
        const corner = toTopLeftTurn(g);
        const r = g.rotation ?? 0;
        value = { x: px(corner.x), y: py(corner.y), width: px(g.width), height: py(g.height), rotation: r === 0 ? 0 : ((r % 360) + 360) % 360 };
      } else if (o.kind === 'point2d') {
        value = { x: px(o.geometry.x), y: py(o.geometry.y), width: 0.5 };
      } else if (o.kind === 'polygon') {
        value = { points: o.geometry.points.map(([x, y]) => [px(x), py(y)]), closed: true };
      } else {
        value = {
          vertices: o.geometry.points.map(([x, y], k) => ({ id: `${id}-p${k}`, x: px(x), y: py(y), prevPointId: k === 0 ? null : `${id}-p${k - 1}`, isBezier: false })),
          closed: false,
        };
      }
    } else if (o.kind === 'text_span') {
      if (item.text === undefined) { note(field, 'dropped', 'span without text', 'the item has no text to count offsets in'); return; }
      text ??= new OffsetMap(item.text);
      const start = text.toUtf16(o.geometry.start);
      const end = text.toUtf16(o.geometry.end);
      if (start === undefined || end === undefined) { note(field, 'dropped', 'span outside the text', `span ${o.geometry.start}..${o.geometry.end} is outside the text (${text.codePoints} code points)`); return; }
      value = { start, end, text: item.text.slice(start, end) };
    } else if (o.kind === 'text_class') {
      const n = names('choices', o.label, DEFAULT_FROM.text_class);
      const key = `${n.from_name}\u0000${n.to_name}`;
      const group = classes.get(key) ?? classes.set(key, { names: n, choices: [], id }).get(key)!;
      if (Object.keys(o.attributes ?? {}).length > 0) note(`${field}.attributes`, 'dropped', 'attributes of a text class', 'a whole-text choice has no region to hang attributes on in Label Studio');
      if (!group.choices.includes(o.label)) group.choices.push(o.label);
      return;
    } else {
      const g = o.geometry;
      value = { x: g.x, y: g.y, z: g.z, dx: g.dx, dy: g.dy, dz: g.dz, yaw: g.yaw };
      if (g.roll !== undefined) value.roll = g.roll;
      if (g.pitch !== undefined) value.pitch = g.pitch;
      if (o.frame !== undefined) value.frame = o.frame;
      if (o.trackId !== undefined) value.trackId = o.trackId;
    }
    const n = names(type, o.label, DEFAULT_FROM[o.kind]);
    const labelsKey = type === 'cuboid3d' ? 'labels' : type;
    const region: Raw = { id, type, ...n, ...extra, value: { ...value, [labelsKey]: [o.label] } };
    if (o.score !== undefined) region.score = o.score;
    out.push(region);
    for (const [name, v] of Object.entries(o.attributes ?? {})) {
      if (v === undefined || v === null) continue;
      const r = attributeResult(name, v, o, value, controls, ctx.ontology, `${field}.attributes.${name}`, note);
      if (r) out.push({ id, ...r, to_name: n.to_name, ...extra });
    }
  });
  for (const g of classes.values()) out.push({ id: g.id, type: 'choices', ...g.names, value: { choices: g.choices } });
  return out;
}

/** One attribute as a per-region result: the control type the item came with, else what the ontology says. */
function attributeResult(
  name: string, v: unknown, o: LabeledObject, region: Raw, controls: Control[], ontology: Ontology, field: string,
  note: (field: string, kind: 'mapped' | 'dropped', reason: string, message: string) => void,
): Raw | null {
  const known = controls.find((c) => c.from_name === name && ATTRIBUTE_TYPES.has(c.type))?.type;
  const spec: AttributeSpec | undefined = findClass(ontology, o.label)?.attributes.find((a) => a.name === name);
  let type = known ?? (spec?.type === 'enum' ? 'choices' : spec?.type === 'text' ? 'textarea' : spec?.type === 'number' ? 'number' : undefined);
  if (type === undefined) type = typeof v === 'number' ? 'number' : 'choices';
  const strings = Array.isArray(v) ? v.map(String) : [String(v)];
  let value: Raw;
  switch (type) {
    case 'choices':
      if (typeof v === 'boolean') note(field, 'mapped', 'boolean attribute as choice', `${name} is written as the choice "${String(v)}"`);
      value = { choices: strings };
      break;
    case 'textarea': value = { text: strings }; break;
    case 'rating':
    case 'number':
      if (typeof v !== 'number') { note(field, 'dropped', 'attribute not a number', `${name} is ${JSON.stringify(v)}, not a number for a ${type} control`); return null; }
      value = { [type]: v };
      break;
    case 'datetime': value = { datetime: String(v) }; break;
    default: value = { taxonomy: Array.isArray(v) ? v : [[String(v)]] };
  }
  // Label Studio repeats the region's place in each per-region result.
  const place = Object.fromEntries(Object.entries(region).filter(([k]) => !k.endsWith('labels')));
  return { type, from_name: name, value: { ...place, ...value } };
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}~${n}`;
  used.add(id);
  return id;
}
