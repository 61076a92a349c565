// Pascal VOC: one `<annotation>` XML per image (`Annotations/*.xml`, or any .xml with that root),
// subsets from `ImageSets/Main/<subset>.txt`. Boxes are read as x = xmin, width = xmax - xmin, the
// convention CVAT and Datumaro round-trip (no ±1 for VOC's 1-based pixel indices).
import type { LabeledObject } from '@cadre/core';
import { baseOf, lines, stemOf } from '../source.ts';
import { FormatError, type LabelledItem, type Note, type ReadResult, type RowProblem, type Source, type SourceFile } from '../types.ts';
import { child, childText, head, parseValue, rootName, xmlTree, type XmlElement } from '../xml/index.ts';

const FLAGS = ['truncated', 'difficult', 'occluded'] as const;
/** Item fields kept in metadata as the file has them, so an export writes them back. */
const META_TEXT = ['folder', 'path', 'segmented'] as const;

/** The XML files that are VOC annotations: every `.xml` whose root is `<annotation>`. */
export async function vocFiles(source: Source): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  for (const f of source.files) {
    if (!f.path.toLowerCase().endsWith('.xml')) continue;
    if (rootName(await head(f, 1024)) === 'annotation') out.push(f);
  }
  return out;
}

/** The key a file is listed under in ImageSets: its path below Annotations/ without `.xml`. */
export const setKey = (path: string) => stemOf(path.includes('Annotations/') ? path.slice(path.lastIndexOf('Annotations/') + 'Annotations/'.length) : baseOf(path));

export async function* readVoc(source: Source): AsyncGenerator<ReadResult> {
  const subsets = await readSubsets(source);
  for (const file of await vocFiles(source)) {
    let root: XmlElement;
    try {
      root = await xmlTree(file);
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      yield { ok: false, error: { file: e.file, line: e.line, field: e.field, message: e.detail } };
      continue;
    }
    yield* readAnnotation(file.path, root, subsets.get(setKey(file.path)));
  }
}

function* readAnnotation(file: string, root: XmlElement, subset: string | undefined): Generator<ReadResult> {
  const problem = (line: number, field: string, message: string): ReadResult => ({ ok: false, error: { file, line, field, message } });
  const filename = childText(root, 'filename');
  if (!filename) { yield problem(root.line, 'annotation.filename', 'is missing or empty'); return; }
  const item: LabelledItem = { file, line: root.line, kind: 'image', media: filename, annotations: [], predictions: [], metadata: {}, notes: [] };
  const size = child(root, 'size');
  if (size) {
    const w = sizeValue(size, 'width');
    const h = sizeValue(size, 'height');
    if (w === null || h === null) { yield problem(size.line, `annotation.size.${w === null ? 'width' : 'height'}`, 'expected a whole number of pixels'); return; }
    if (w > 0 && h > 0) { item.width = w; item.height = h; }
  }
  for (const key of META_TEXT) { const v = childText(root, key); if (v !== undefined) item.metadata[key] = v; }
  for (const key of ['source', 'owner']) {
    const el = child(root, key);
    if (el) item.metadata[key] = Object.fromEntries(el.children.map((c) => [c.name, c.text.trim()]));
  }
  if (subset !== undefined) item.metadata.subset = subset;
  const objects: LabeledObject[] = [];
  let index = 0;
  for (const el of root.children) {
    if (el.name !== 'object') continue;
    const r = readObject(file, el, `object[${index}]`, `o${index}`, item.notes);
    index++;
    if ('error' in r) yield { ok: false, error: r.error };
    else objects.push(r.object);
  }
  item.annotations.push({ objects });
  yield { ok: true, item };
}

function sizeValue(size: XmlElement, name: string): number | null {
  const t = childText(size, name);
  if (t === undefined || t === '') return 0;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? Math.round(n) : null;
}

type ObjectResult = { object: LabeledObject } | { error: RowProblem };

function readObject(file: string, el: XmlElement, path: string, id: string, notes: Note[]): ObjectResult {
  const fail = (line: number, field: string, message: string): ObjectResult => ({ error: { file, line, field: `${path}.${field}`, message } });
  const label = childText(el, 'name');
  if (!label) return fail(el.line, 'name', 'is missing or empty');
  const box = child(el, 'bndbox');
  if (!box) return fail(el.line, 'bndbox', 'is missing');
  const c: Record<string, number> = {};
  for (const k of ['xmin', 'ymin', 'xmax', 'ymax']) {
    const t = childText(box, k);
    const at = child(box, k)?.line ?? box.line;
    if (t === undefined || t === '') return fail(at, `bndbox.${k}`, 'is missing');
    const n = Number(t);
    if (!Number.isFinite(n)) return fail(at, `bndbox.${k}`, `expected a number, got ${JSON.stringify(t)}`);
    c[k] = n;
  }
  if (!(c.xmax! > c.xmin!)) return fail(box.line, 'bndbox', `xmax ${c.xmax} is not right of xmin ${c.xmin}`);
  if (!(c.ymax! > c.ymin!)) return fail(box.line, 'bndbox', `ymax ${c.ymax} is not below ymin ${c.ymin}`);
  const attributes: Record<string, unknown> = {};
  const pose = childText(el, 'pose');
  if (pose && pose !== 'Unspecified') attributes.pose = pose;
  for (const flag of FLAGS) {
    const t = childText(el, flag);
    if (t === undefined) continue;
    const v = flagValue(t);
    if (v === null) return fail(child(el, flag)!.line, flag, `expected 0 or 1, got ${JSON.stringify(t)}`);
    attributes[flag] = v;
  }
  const actions = child(el, 'actions');
  for (const a of actions?.children ?? []) attributes[a.name] = flagValue(a.text.trim()) ?? a.text.trim();
  for (const a of child(el, 'attributes')?.children ?? []) {
    if (a.name !== 'attribute') continue;
    const name = childText(a, 'name');
    if (!name) return fail(a.line, 'attributes.attribute.name', 'is missing or empty');
    attributes[name] = parseValue(childText(a, 'value') ?? '');
  }
  for (const part of el.children.filter((p) => p.name === 'part')) {
    notes.push({ file, line: part.line, field: `${path}.part`, kind: 'dropped', reason: 'voc part', message: `part ${JSON.stringify(childText(part, 'name') ?? '')} of ${JSON.stringify(label)} is not kept (VOC person layout)` });
  }
  const geometry = { x: c.xmin!, y: c.ymin!, width: c.xmax! - c.xmin!, height: c.ymax! - c.ymin! };
  return { object: { id, label, kind: 'bbox2d', geometry, attributes } as LabeledObject };
}

function flagValue(t: string): boolean | null {
  const v = t.toLowerCase();
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false' || v === '') return false;
  return null;
}

/** stem → subset, from `ImageSets/Main/<subset>.txt` (a stem listed nowhere is 'default'). */
async function readSubsets(source: Source): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of source.files) {
    const m = /(?:^|\/)ImageSets\/Main\/([^/]+)\.txt$/.exec(f.path);
    if (!m || m[1]!.includes('_')) continue; // class lists such as `cat_train.txt` name no subset
    try {
      for await (const { text } of lines(f.chunks())) {
        const stem = text.trim().split(/\s+/)[0];
        if (stem && !out.has(stem) && m[1] !== 'default') out.set(stem, m[1]!);
      }
    } catch (e) {
      // A list that is not UTF-8 makes the decoder throw a TypeError: the file's problem, named.
      if (e instanceof TypeError && /decode|encoded|utf-8/i.test(e.message)) throw new FormatError(f.path, 0, '', 'is not UTF-8 text');
      throw e;
    }
  }
  return out;
}
