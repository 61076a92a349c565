// MOTChallenge ground truth: `gt/gt.txt` lines `frame,id,bb_left,bb_top,bb_width,bb_height,conf,class,visibility`
// (frames 1-based), one sequence item per gt.txt. Classes are named by `labels.txt` (CVAT's MOT
// export, one name a line, class 1 first) beside gt.txt or above it, else by MOT16's class list.
import type { LabeledObject } from '@cadre/core';
import { dirOf, lines, utf8 } from '../source.ts';
import { FormatError, type LabelledItem, type ReadResult, type Source, type SourceFile } from '../types.ts';
import { frameFile, MOT16_CLASSES, readSeqInfo } from './seqinfo.ts';

const COLUMNS = ['frame', 'id', 'bb_left', 'bb_top', 'bb_width', 'bb_height', 'conf', 'class', 'visibility'];

/** Every `gt.txt` (normally `<sequence>/gt/gt.txt`). */
export const gtFiles = (source: Source) => source.files.filter((f) => /(^|\/)gt\.txt$/.test(f.path));

export async function* readMot(source: Source): AsyncGenerator<ReadResult> {
  for (const gt of gtFiles(source)) {
    const gtDir = dirOf(gt.path);
    const seqDir = /(^|\/)gt$/.test(gtDir) ? dirOf(gtDir) : gtDir;
    const near = (name: string) => source.get(gtDir ? `${gtDir}/${name}` : name) ?? source.get(seqDir ? `${seqDir}/${name}` : name);
    const info = await text(near('seqinfo.ini'), readSeqInfo);
    const labels = await text(near('labels.txt'), readLabels);
    try {
      yield* readGt(gt, seqDir, info, labels);
    } catch (e) {
      throw notUtf8(e, gt.path);
    }
  }
}

/** A byte sequence that is not UTF-8 makes the decoder throw a TypeError: it is the file's problem. */
function notUtf8(e: unknown, path: string): unknown {
  return e instanceof TypeError && /decode|encoded|utf-8/i.test(e.message) ? new FormatError(path, 0, '', 'is not UTF-8 text') : e;
}

async function text<T>(file: SourceFile | undefined, read: (file: SourceFile | undefined) => Promise<T>): Promise<T> {
  try {
    return await read(file);
  } catch (e) {
    throw notUtf8(e, file?.path ?? '');
  }
}

async function readLabels(file: SourceFile | undefined): Promise<string[] | null> {
  if (!file) return null;
  return utf8(await file.bytes()).split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}

async function* readGt(gt: SourceFile, seqDir: string, info: Awaited<ReturnType<typeof readSeqInfo>>, labels: string[] | null): AsyncGenerator<ReadResult> {
  const objects: LabeledObject[] = [];
  let maxFrame = -1;
  const problem = (line: number, field: string, message: string): ReadResult => ({ ok: false, error: { file: gt.path, line, field, message } });
  for await (const { line, text } of lines(gt.chunks())) {
    if (text.trim() === '') continue;
    const cells = text.split(',').map((c) => c.trim());
    if (cells.length < 6) { yield problem(line, 'row', `expected at least 6 comma-separated values (frame,id,bb_left,bb_top,bb_width,bb_height), got ${cells.length}`); continue; }
    const v: number[] = [];
    let bad: ReadResult | null = null;
    for (const [i, c] of cells.slice(0, 9).entries()) {
      const n = Number(c);
      if (c === '' || !Number.isFinite(n)) { bad = problem(line, COLUMNS[i]!, `expected a number, got ${JSON.stringify(c)}`); break; }
      v.push(n);
    }
    if (bad) { yield bad; continue; }
    const [frame, id, x, y, w, h, conf = 1, cls, visibility] = v as [number, number, number, number, number, number, number?, number?, number?];
    if (!(Number.isSafeInteger(frame) && frame >= 1)) { yield problem(line, 'frame', `expected a frame number from 1, got ${frame}`); continue; }
    if (!(Number.isSafeInteger(id) && (id >= 0 || id === -1))) { yield problem(line, 'id', `expected a track id (a whole number, or -1 for none), got ${id}`); continue; }
    if (!(w > 0 && h > 0)) { yield problem(line, w > 0 ? 'bb_height' : 'bb_width', `must be positive, got ${w > 0 ? h : w}`); continue; }
    let label = 'object';
    if (cls !== undefined && cls !== -1) {
      const names = labels ?? MOT16_CLASSES;
      const name = Number.isSafeInteger(cls) ? names[cls - 1] : undefined;
      if (!name) { yield problem(line, 'class', `class ${cls} is not in ${labels ? 'labels.txt' : "MOT16's class list"} (1 to ${names.length})`); continue; }
      label = name;
    }
    const attributes: Record<string, unknown> = {};
    if (conf === 0) attributes.ignored = true;
    else if (conf !== 1) attributes.conf = conf;
    if (visibility !== undefined) attributes.visibility = visibility;
    maxFrame = Math.max(maxFrame, frame - 1);
    objects.push({
      id: `o${objects.length}`, label, kind: 'bbox2d', geometry: { x, y, width: w, height: h } as never, attributes,
      ...(id === -1 ? {} : { trackId: String(id) }), frame: frame - 1, keyframe: true,
    } as LabeledObject);
  }
  const count = Math.max(info.seqLength ?? 0, maxFrame + 1);
  const prefix = seqDir ? `${seqDir}/` : '';
  const metadata: Record<string, unknown> = {};
  if (info.name) metadata.name = info.name;
  if (info.frameRate) metadata.frameRate = info.frameRate;
  const item: LabelledItem = {
    file: gt.path, line: 1, kind: 'image', media: `${prefix}${info.imDir}`,
    frames: Array.from({ length: count }, (_, i) => `${prefix}${frameFile(info, i)}`),
    ...(info.width && info.height ? { width: info.width, height: info.height } : {}),
    annotations: [{ objects }], predictions: [], metadata, notes: [],
  };
  yield { ok: true, item };
}
