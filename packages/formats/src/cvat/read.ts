// Reads CVAT XML 1.1 dumps, both flavours. "For images": one item per <image>. "For video" (meta
// mode `interpolation`, or <track> elements): one sequence item per file, its objects per frame with
// the track's id; a shape with outside="1" means the track is absent on that frame.
import type { LabeledObject } from '@cadre/core';
import { FormatError, type LabelledItem, type Note, type ReadResult, type Source, type SourceFile } from '../types.ts';
import { head, rootName, xmlChildren, type XmlElement } from '../xml/index.ts';
import { readMeta, type CvatMeta } from './meta.ts';
import { readShape, SHAPES } from './shapes.ts';
import { frameName } from './frames.ts';

/** Every .xml file whose root is <annotations>. */
export async function cvatFiles(source: Source): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  for (const f of source.files) if (f.path.toLowerCase().endsWith('.xml') && rootName(await head(f, 1024)) === 'annotations') out.push(f);
  return out;
}

export async function* readCvat(source: Source): AsyncGenerator<ReadResult> {
  const found = frameFiles(source);
  for (const file of await cvatFiles(source)) {
    try {
      yield* readFile(file, found);
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      yield { ok: false, error: { file: e.file, line: e.line, field: e.field, message: e.detail } };
    }
  }
}

/** Objects of a video file, gathered until its end. */
interface Video {
  objects: Array<LabeledObject & { order: number }>;
  names: Map<number, string>;
  maxFrame: number;
  notes: Note[];
}

/** Frame images CVAT's video export puts beside the XML (`images/frame_000000.PNG`), by frame number. */
function frameFiles(source: Source): Map<number, string> {
  const out = new Map<number, string>();
  for (const f of source.files) {
    const m = /(?:^|\/)frame_(\d+)\.(?:jpe?g|png|bmp|webp|tiff?)$/i.exec(f.path);
    if (m && !out.has(Number(m[1]))) out.set(Number(m[1]), f.path);
  }
  return out;
}

async function* readFile(file: SourceFile, found: Map<number, string>): AsyncGenerator<ReadResult> {
  let meta: CvatMeta = { labels: new Map() };
  let video: Video | null = null;
  let images = 0;
  let tracks = 0;
  const problem = (line: number, field: string, message: string): ReadResult => ({ ok: false, error: { file: file.path, line, field, message } });
  for await (const ev of xmlChildren(file)) {
    if (ev.kind === 'root') continue;
    const el = ev.element;
    if (el.name === 'meta') {
      meta = readMeta(el);
      if (meta.mode === 'interpolation') video = { objects: [], names: new Map(), maxFrame: -1, notes: [] };
    } else if (el.name === 'image') {
      const field = `image[${images++}]`;
      if (video) yield* videoImage(file.path, el, field, meta, video);
      else yield* image(file.path, el, field, meta);
    } else if (el.name === 'track') {
      const field = `track[${tracks++}]`;
      if (!video && images > 0) { yield problem(el.line, field, 'a <track> in a dump of images (CVAT for images splits tracks into shapes)'); continue; }
      video ??= { objects: [], names: new Map(), maxFrame: -1, notes: [] };
      yield* track(file.path, el, field, meta, video);
    }
  }
  if (video) yield { ok: true, item: sequence(file.path, meta, video, found) };
}

function labelProblem(file: string, el: XmlElement, field: string, label: string | undefined, meta: CvatMeta): ReadResult | null {
  if (!label) return { ok: false, error: { file, line: el.line, field: `${field}.label`, message: 'is missing' } };
  if (meta.labels.size > 0 && !meta.labels.has(label)) {
    return { ok: false, error: { file, line: el.line, field: `${field}.label`, message: `unknown label ${JSON.stringify(label)}; <meta> has ${[...meta.labels.keys()].map((l) => JSON.stringify(l)).join(', ')}` } };
  }
  return null;
}

/** `box[0]`, `polygon[2]`: a shape's field by its element name and count among its siblings. */
function shapeFields(parent: string): (el: XmlElement) => string {
  const counts = new Map<string, number>();
  return (el) => { const n = counts.get(el.name) ?? 0; counts.set(el.name, n + 1); return `${parent}.${el.name}[${n}]`; };
}

function size(el: XmlElement, file: string, field: string): { width?: number; height?: number } | ReadResult {
  const out: { width?: number; height?: number } = {};
  for (const k of ['width', 'height'] as const) {
    const t = el.attrs[k];
    if (t === undefined) continue;
    const v = Number(t);
    if (!(Number.isFinite(v) && v > 0)) return { ok: false, error: { file, line: el.line, field: `${field}.${k}`, message: `expected a positive number of pixels, got ${JSON.stringify(t)}` } };
    out[k] = v;
  }
  return out;
}

function* image(file: string, el: XmlElement, field: string, meta: CvatMeta): Generator<ReadResult> {
  const name = el.attrs.name;
  if (!name) { yield { ok: false, error: { file, line: el.line, field: `${field}.name`, message: 'is missing' } }; return; }
  const wh = size(el, file, field);
  if ('ok' in wh) { yield wh; return; }
  const item: LabelledItem = { file, line: el.line, kind: 'image', media: name, ...wh, annotations: [], predictions: [], metadata: {}, notes: [] };
  if (el.attrs.subset) item.metadata.subset = el.attrs.subset;
  const objects: LabeledObject[] = [];
  for (const s of shapesIn(file, el, field, meta, item.notes)) {
    if ('problem' in s) { yield s.problem; continue; }
    objects.push({ id: `o${objects.length}`, ...s.object } as LabeledObject);
  }
  item.annotations.push({ objects });
  yield { ok: true, item };
}

/** An <image> of a video dump: its shapes are on frame `id`, with no track. */
function* videoImage(file: string, el: XmlElement, field: string, meta: CvatMeta, video: Video): Generator<ReadResult> {
  const frame = Number(el.attrs.id);
  if (!(Number.isSafeInteger(frame) && frame >= 0)) { yield { ok: false, error: { file, line: el.line, field: `${field}.id`, message: `expected a frame number, got ${JSON.stringify(el.attrs.id)}` } }; return; }
  if (el.attrs.name) video.names.set(frame, el.attrs.name);
  video.maxFrame = Math.max(video.maxFrame, frame);
  for (const s of shapesIn(file, el, field, meta, video.notes)) {
    if ('problem' in s) { yield s.problem; continue; }
    video.objects.push({ id: '', ...s.object, frame, order: Infinity } as LabeledObject & { order: number });
  }
}

/** The shapes of an <image> element: each a problem, or an object's label, geometry parts and attributes; notes go to `notes`. */
function* shapesIn(file: string, el: XmlElement, field: string, meta: CvatMeta, notes: Note[]): Generator<{ problem: ReadResult } | { object: Record<string, unknown> }> {
  const fieldOf = shapeFields(field);
  for (const s of el.children) {
    if (!SHAPES.has(s.name)) continue;
    const f = fieldOf(s);
    const label = s.attrs.label;
    const bad = labelProblem(file, s, f, label, meta);
    if (bad) { yield { problem: bad }; continue; }
    const r = readShape(s, file, f, label!, meta.labels.get(label!));
    if (r.ok === false) { yield { problem: { ok: false, error: r.problem } }; continue; }
    if (r.ok === 'dropped') { notes.push(r.note); continue; }
    if (r.note) notes.push(r.note);
    for (const p of r.parts) yield { object: { label: label!, ...p, attributes: { ...r.attributes } } };
  }
}

function* track(file: string, el: XmlElement, field: string, meta: CvatMeta, video: Video): Generator<ReadResult> {
  const id = Number(el.attrs.id);
  if (!(Number.isSafeInteger(id) && id >= 0)) { yield { ok: false, error: { file, line: el.line, field: `${field}.id`, message: `expected a whole number, got ${JSON.stringify(el.attrs.id)}` } }; return; }
  const label = el.attrs.label;
  const bad = labelProblem(file, el, field, label, meta);
  if (bad) { yield bad; return; }
  const seen = new Set<number>();
  const noted = new Set<string>();
  const fieldOf = shapeFields(field);
  for (const s of el.children) {
    if (!SHAPES.has(s.name)) continue;
    const f = fieldOf(s);
    const frame = Number(s.attrs.frame);
    if (!(s.attrs.frame !== undefined && Number.isSafeInteger(frame) && frame >= 0)) { yield { ok: false, error: { file, line: s.line, field: `${f}.frame`, message: `expected a frame number, got ${JSON.stringify(s.attrs.frame ?? null)}` } }; continue; }
    if (seen.has(frame)) { yield { ok: false, error: { file, line: s.line, field: `${f}.frame`, message: `track ${id} has two shapes on frame ${frame}` } }; continue; }
    seen.add(frame);
    video.maxFrame = Math.max(video.maxFrame, frame);
    for (const k of ['outside', 'keyframe']) {
      if (s.attrs[k] !== undefined && s.attrs[k] !== '0' && s.attrs[k] !== '1') { yield { ok: false, error: { file, line: s.line, field: `${f}.${k}`, message: `expected 0 or 1, got ${JSON.stringify(s.attrs[k])}` } }; }
    }
    if (s.attrs.outside === '1') continue;
    const r = readShape(s, file, f, label!, meta.labels.get(label!));
    if (r.ok === false) { yield { ok: false, error: r.problem }; continue; }
    const note = r.ok === 'dropped' ? r.note : r.note;
    if (note && !noted.has(note.reason)) { noted.add(note.reason); video.notes.push({ ...note, field, message: `track ${id}: ${note.message}` }); }
    if (r.ok === 'dropped') continue;
    const keyframe = s.attrs.keyframe !== '0';
    r.parts.forEach((p, k) => {
      const trackId = r.parts.length > 1 ? `${id}.${k}` : String(id);
      video.objects.push({ id: '', label: label!, ...p, attributes: { ...r.attributes }, trackId, frame, keyframe, order: id + k / (r.parts.length + 1) } as LabeledObject & { order: number });
    });
  }
}

function sequence(file: string, meta: CvatMeta, video: Video, found: Map<number, string>): LabelledItem {
  const count = Math.max(meta.size ?? 0, video.maxFrame + 1);
  const frames = Array.from({ length: count }, (_, i) => video.names.get(i) ?? found.get(i) ?? frameName(i));
  // By frame, then track id; shapes without a track after the tracks, as the file has them.
  const objects = video.objects
    .map((o, i) => ({ o, i }))
    .sort((a, b) => a.o.frame! - b.o.frame! || a.o.order - b.o.order || a.i - b.i)
    .map(({ o }, n) => { const { order: _order, ...rest } = o; return { ...rest, id: `o${n}` } as LabeledObject; });
  const metadata: Record<string, unknown> = {};
  if (meta.name) metadata.task = meta.name;
  if (meta.source) metadata.source = meta.source;
  return {
    file, line: 1, kind: 'image', media: meta.source ?? null, frames,
    ...(meta.width ? { width: meta.width, height: meta.height } : {}),
    annotations: [{ objects }], predictions: [], metadata, notes: video.notes,
  };
}
