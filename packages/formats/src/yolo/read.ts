// YOLO datasets: one item an image (with no objects when it has no label file, YOLO's convention);
// a label file with labels but without its image is left out and listed (its labels cannot be placed). Coordinates are fractions of the image, so each label file with
// objects asks `ctx.imageSize(media)`; `media` is the image's path in the source, else the path a
// list file (train.txt) gives it, else the label's path under images/ without an extension.
import type { LabeledObject } from '@cadre/core';
import { utf8 } from '../source.ts';
import type { LabelledItem, Note, ReadContext, ReadResult, Source } from '../types.ts';
import { FormatError } from '../types.ts';
import { yoloLayout, type Entry, type Layout } from './layout.ts';
import { parseLine } from './line.ts';

export async function* readYolo(source: Source, ctx: ReadContext): AsyncGenerator<ReadResult> {
  const layout = await yoloLayout(source);
  if (!layout.entries.some((e) => e.label)) throw new FormatError(source.name, 0, '', 'no YOLO label files (labels/**/*.txt, or .txt files beside the images)');
  for (const entry of layout.entries) yield* readEntry(entry, layout, ctx);
}

async function* readEntry(entry: Entry, layout: Layout, ctx: ReadContext): AsyncGenerator<ReadResult> {
  const file = entry.label?.path ?? entry.image!.path;
  const item: LabelledItem = { file, line: 0, kind: 'image', media: entry.media, annotations: [], predictions: [], metadata: {}, notes: [] };
  let rows: Array<{ line: number; text: string }> = [];
  if (entry.label) {
    let text: string;
    try { text = utf8(await entry.label.bytes()); } catch { yield { ok: false, error: { file, line: 0, field: 'row', message: 'is not UTF-8 text' } }; return; }
    rows = text.split(/\r?\n/).map((t, i) => ({ line: i + 1, text: t })).filter((r) => r.text.trim() !== '');
  }
  const size = await ctx.imageSize(entry.media);
  if (size) { item.width = size.width; item.height = size.height; }
  if (rows.length > 0 && !size) {
    // Its labels cannot be placed (YOLO coordinates are fractions of the image) and an item without
    // its image is of no use: the label file is left out and listed, as real datasets hold such files.
    const message = `its image ${entry.media} is not in the import or the project: its ${rows.length} label${rows.length === 1 ? '' : 's'} cannot be placed (YOLO coordinates are fractions of the image)`;
    yield { ok: false, error: { file, line: 0, field: 'image', message }, leftOut: 'label file without its image' };
    return;
  }
  const objects: LabeledObject[] = [];
  const note = (line: number, field: string, kind: Note['kind'], reason: string, message: string) => item.notes.push({ file, line, field, kind, reason, message });
  for (const row of rows) {
    const r = parseLine(row.text, `yolo-${row.line}`, { names: layout.names, poseNumbers: layout.poseNumbers, size: size!, kindOf: ctx.kindOf });
    if (!r.ok) { yield { ok: false, error: { file, line: row.line, field: r.field, message: r.message } }; continue; }
    objects.push(r.object);
    if (r.unnamed && !item.notes.some((n) => n.reason === 'class without a name')) note(row.line, 'column 1', 'mapped', 'class without a name', `the dataset names no classes (no data.yaml or names file): class ${r.object.label} is labelled by its index`);
    if (r.poseDropped) note(row.line, 'row', 'dropped', 'yolo pose keypoints', 'pose keypoints left out; the box is kept');
  }
  item.annotations.push({ objects });
  yield { ok: true, item };
}
