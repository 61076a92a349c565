// A label file's items as import rows: media found and placed, objects fitted to the ontology,
// geometry checked against the image, and everything changed or left out noted on its row.
import { geometryKinds, type LabeledObject } from '@cadre/core';
import type { FormatModule, LabelledItem, LabelSet, Note, ReadContext, Source } from '@cadre/formats';
import type { ImportedLabels, RowResult, TaskRow } from '../import/index.ts';
import { clampIntoImage, emptyTally } from '../predictions/clamp.ts';
import { findUnstorable } from '../storable.ts';
import type { MediaResolver } from './media.ts';
import type { OntologyMapper } from './ontology-map.ts';

export async function* labelledRows(format: FormatModule, source: Source, media: MediaResolver, mapper: OntologyMapper): AsyncGenerator<RowResult> {
  const ctx: ReadContext = { imageSize: (m) => media.size(m), kindOf: (label) => mapper.kindOf(label) };
  for await (const r of format.read(source, ctx)) {
    if (!r.ok) { yield { ok: false, error: r.error, ...(r.leftOut ? { leftOut: r.leftOut } : {}) }; continue; }
    yield await toRow(r.item, media, mapper);
  }
}

async function toRow(it: LabelledItem, media: MediaResolver, mapper: OntologyMapper): Promise<RowResult> {
  const at = { file: it.file, line: it.line };
  // A NUL or half a surrogate pair cannot be stored: refused naming its field, before any class is added for it.
  const unstorable = findUnstorable({ media: it.media, frames: it.frames, text: it.text, metadata: it.metadata, annotations: it.annotations, predictions: it.predictions }, '');
  if (unstorable) return { ok: false, error: { ...at, field: unstorable.path || 'row', message: unstorable.problem } };
  const notes: Note[] = [...it.notes];
  const missing = (ref: string, field: string) => notes.push({ ...at, field, kind: 'dropped', reason: 'image not found (item kept without it)', message: `image ${JSON.stringify(ref)} is not in the import, beside the file or under the media folders: the item is kept with its labels, but shows no image until the file is there` });
  let data: Record<string, unknown>;
  let size = it.width && it.height ? { width: it.width, height: it.height } : undefined;
  if (it.kind === 'text') {
    data = { ...it.metadata, text: it.text ?? '' };
  } else if (it.frames) {
    const frames: string[] = [];
    for (let i = 0; i < it.frames.length; i++) {
      const placed = await media.place(it.frames[i]!);
      if (!placed.found) missing(it.frames[i]!, `frames[${i}]`);
      frames.push(placed.asset);
    }
    data = { ...it.metadata, frames, kind: it.kind };
  } else {
    const ref = it.media ?? '';
    const placed = await media.place(ref);
    if (!placed.found) missing(ref, 'media');
    if (!size && it.kind === 'image') size = (await media.size(ref)) ?? undefined;
    data = { ...it.metadata, [it.kind === 'image' ? 'image' : 'pointcloud']: placed.asset };
  }
  const fitted = (sets: LabelSet[], field: string): ImportedLabels[] | { error: { field: string; message: string } } => {
    const out: ImportedLabels[] = [];
    for (let s = 0; s < sets.length; s++) {
      const set = sets[s]!;
      const mapped = mapper.map(set.objects, at, `${field}[${s}].objects`);
      notes.push(...mapped.notes);
      const checked = checkGeometry(mapped.objects, size, it.frames?.length, `${field}[${s}].objects`, notes, at);
      if ('error' in checked) return checked;
      out.push({
        payload: { schemaVersion: 1, objects: checked.objects },
        ...(set.author ? { author: set.author } : {}), ...(set.createdAt ? { createdAt: set.createdAt } : {}),
        ...(set.score !== undefined ? { score: set.score } : {}), ...(set.modelVersion ? { modelVersion: set.modelVersion } : {}),
      });
    }
    return out;
  };
  const labels = fitted(it.annotations, 'annotations');
  if ('error' in labels) return { ok: false, error: { ...at, ...labels.error } };
  const machine = fitted(it.predictions, 'predictions');
  if ('error' in machine) return { ok: false, error: { ...at, ...machine.error } };
  const row: TaskRow = {
    line: it.line, data, predictions: [], priority: 0, labels, machine,
    ...(it.media !== null && it.kind !== 'text' ? { mediaRef: it.media } : {}),
    ...(size ? { size } : {}), ...(notes.length > 0 ? { notes } : {}),
  };
  return { ok: true, row };
}

/** A box moved into its image by at most this much is not reported as changed. */
const UNNOTED_CLAMP_PX = 0.01;

/**
 * Each object's geometry against its kind and the image: a box a hair past an edge (rounding of
 * converted labels, at most 0.5 px) is moved in and noted; anything else wrong fails the row.
 */
function checkGeometry(objects: LabeledObject[], size: { width: number; height: number } | undefined, frameCount: number | undefined, field: string, notes: Note[], at: { file: string; line: number }):
  { objects: LabeledObject[] } | { error: { field: string; message: string } } {
  const ctx = { ...(size ? { imageWidth: size.width, imageHeight: size.height } : {}), ...(frameCount ? { frameCount } : {}) };
  const out: LabeledObject[] = [];
  for (let i = 0; i < objects.length; i++) {
    let o = objects[i]!;
    if (o.kind === 'bbox2d' && size && !o.geometry.rotation) {
      const tally = emptyTally();
      const g = clampIntoImage(o.geometry, size, tally);
      if (tally.boxes > 0) {
        o = { ...o, geometry: { ...o.geometry, ...g } } as LabeledObject;
        // Under a hundredth of a pixel is the file's own rounding (Label Studio's percentages, YOLO's six
        // decimals), not a change anyone meant: moved in without a word, so a strict import of Cadre's own
        // export goes through.
        if (tally.maxPx > UNNOTED_CLAMP_PX) notes.push({ ...at, field: `${field}[${i}]`, kind: 'mapped', reason: 'box clamped into the image', message: `box moved into the image by ${Number(tally.maxPx.toPrecision(2))} px (rounding)` });
      }
    }
    const issues = geometryKinds[o.kind].validate(o.geometry, ctx, `${field}[${i}].geometry`);
    if (issues.length > 0) return { error: { field: issues[0]!.path, message: `${o.kind} ${JSON.stringify(o.label)}: ${issues[0]!.message}` } };
    out.push(o);
  }
  return { objects: out };
}
