// The <meta> of a CVAT XML dump: the labels (with their attributes' input types, so "12" stays text
// where the label says text) and the task's name, size, frame size and video. Written from the ontology.
import type { AttributeSpec, GeometryKind, LabelClass } from '@cadre/core';
import { child, childText, escText, num, textEl, type XmlElement } from '../xml/index.ts';

export interface CvatMeta {
  /** Label name → attribute name → CVAT input type (select, radio, checkbox, number, text). */
  labels: Map<string, Map<string, string>>;
  mode?: string;
  name?: string;
  size?: number;
  width?: number;
  height?: number;
  /** The video a video task was made from, as CVAT names it. */
  source?: string;
}

/** Reads <meta>: labels of a task, a job or a project (whose tasks each list theirs). */
export function readMeta(meta: XmlElement): CvatMeta {
  const out: CvatMeta = { labels: new Map() };
  const visit = (el: XmlElement) => {
    for (const c of el.children) {
      if (c.name === 'labels') for (const l of c.children) if (l.name === 'label') addLabel(out, l);
      if (c.name === 'task' || c.name === 'job' || c.name === 'project' || c.name === 'tasks') visit(c);
    }
    out.mode ??= childText(el, 'mode');
    out.name ??= childText(el, 'name');
    out.source ??= childText(el, 'source') || undefined;
    const size = Number(childText(el, 'size'));
    if (out.size === undefined && Number.isSafeInteger(size) && size > 0) out.size = size;
    const original = child(el, 'original_size');
    if (original && out.width === undefined) {
      const w = Number(childText(original, 'width'));
      const h = Number(childText(original, 'height'));
      if (w > 0 && h > 0) { out.width = w; out.height = h; }
    }
  };
  visit(meta);
  return out;
}

function addLabel(meta: CvatMeta, l: XmlElement): void {
  const name = childText(l, 'name');
  if (!name) return;
  const types = meta.labels.get(name) ?? new Map<string, string>();
  for (const a of child(l, 'attributes')?.children ?? []) {
    const n = childText(a, 'name');
    if (n) types.set(n, childText(a, 'input_type') ?? 'text');
  }
  meta.labels.set(name, types);
}

const SHAPE_TYPE: Partial<Record<GeometryKind, string>> = { bbox2d: 'rectangle', polygon: 'polygon', polyline: 'polyline', point2d: 'points' };

/** <meta><task>…</task></meta> for an export: the classes the items use, with their attributes. */
export function metaXml(task: { name: string; size: number; mode: 'annotation' | 'interpolation'; width?: number; height?: number; source?: string }, classes: LabelClass[]): string {
  const out = ['  <meta>\n    <task>\n'];
  out.push(`      ${textEl('name', task.name)}\n      ${textEl('size', task.size)}\n      ${textEl('mode', task.mode)}\n`);
  if (task.width && task.height) out.push(`      <original_size>${textEl('width', task.width)}${textEl('height', task.height)}</original_size>\n`);
  if (task.source) out.push(`      ${textEl('source', task.source)}\n`);
  out.push('      <labels>\n');
  for (const c of classes) {
    out.push(`        <label>${textEl('name', c.name)}${c.color ? textEl('color', c.color) : ''}${textEl('type', SHAPE_TYPE[c.kind] ?? 'any')}<attributes>`);
    for (const a of c.attributes) out.push(attributeXml(a));
    out.push('</attributes></label>\n');
  }
  out.push('      </labels>\n    </task>\n  </meta>\n');
  return out.join('');
}

function attributeXml(a: AttributeSpec): string {
  const [type, values, dflt] =
    a.type === 'enum' ? ['select', a.options, a.default ?? a.options[0] ?? ''] :
    a.type === 'boolean' ? ['checkbox', ['false'], String(a.default ?? false)] :
    a.type === 'number' ? ['number', [a.min ?? 0, a.max ?? 1e9, a.step ?? 1].map(num), a.default === undefined ? num(a.min ?? 0) : num(a.default)] :
    ['text', [], a.default ?? ''];
  return `<attribute>${textEl('name', a.name)}${textEl('mutable', 'True')}${textEl('input_type', type)}${textEl('default_value', dflt)}<values>${escText(values.join('\n'))}</values></attribute>`;
}

