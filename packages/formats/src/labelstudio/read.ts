// Label Studio tasks → LabelledItems: a `.json` array of tasks (streamed, one task at a time), a
// single task object, or `.jsonl` (one task a line). Each task's media stays as Label Studio names
// it (`/data/upload/1/abc.jpg`, `s3://…`); the other data fields become metadata; every annotation
// that was not cancelled becomes a LabelSet, every prediction a LabelSet with its score and model.
import { FormatError, type LabelSet, type LabelledItem, type Note, type ReadContext, type ReadResult, type RowProblem, type Source, type SourceFile } from '../types.ts';
import { decodeChunks, JsonSplitter, parseJson } from './json-stream.ts';
import { Controls, META_KEY, finite, isRecord, type LabelStudioMeta } from './meta.ts';
import { OffsetMap } from '@cadre/core';
import { describe, resultsToObjects } from './read-results.ts';

type Raw = Record<string, unknown>;

const IMAGE_URL = /(^data:image\/)|\.(jpe?g|jfif|png|bmp|gif|webp|tiff?|avif|heic)([?#].*)?$/i;
const CLOUD_URL = /\.(pcd|ply|las|laz|bin)([?#].*)?$/i;
const CLOUD_KEYS = ['pcd', 'pointcloud', 'point_cloud', 'lidar'];
const IMAGE_RESULTS = new Set(['rectanglelabels', 'rectangle', 'polygonlabels', 'polygon', 'keypointlabels', 'keypoint', 'vectorlabels', 'vector']);

export const isTaskFile = (path: string) => /\.(json|jsonl|ndjson)$/i.test(path);
const isLines = (path: string) => /\.(jsonl|ndjson)$/i.test(path);

export async function* readLabelStudio(source: Source, ctx: ReadContext): AsyncGenerator<ReadResult> {
  const files = source.files.filter((f) => isTaskFile(f.path));
  if (files.length === 0) throw new FormatError(source.name, 0, '', 'no Label Studio task file (.json: an array of tasks, or .jsonl: one task a line)');
  for (const file of files) yield* isLines(file.path) ? readLines(file, ctx) : readArray(file, ctx);
}

/**
 * One task a line; a line that is not JSON is a problem of that line, and reading goes on. Lines are
 * cut here, chunk by chunk, and each task read in place (no generator per line or per task: at
 * hundreds of thousands of tasks their promises were a good share of the import's time).
 */
async function* readLines(file: SourceFile, ctx: ReadContext): AsyncGenerator<ReadResult> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  let n = 0;
  let first = true;
  try {
    for await (const chunk of file.chunks()) {
      let text = rest + decoder.decode(chunk, { stream: true });
      if (first) { text = text.replace(/^\uFEFF/, ''); first = false; }
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        const line = text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
        start = nl + 1;
        n++;
        if (line.trim() === '') continue;
        const problems: RowProblem[] = [];
        const item = await lineTask(line, file.path, n, ctx, problems);
        for (const p of problems) yield { ok: false, error: p };
        if (item) yield { ok: true, item };
      }
      rest = text.slice(start);
    }
    rest += decoder.decode();
    if (rest.endsWith('\r')) rest = rest.slice(0, -1);
    if (rest !== '' && rest.trim() !== '') {
      const problems: RowProblem[] = [];
      const item = await lineTask(rest, file.path, n + 1, ctx, problems);
      for (const p of problems) yield { ok: false, error: p };
      if (item) yield { ok: true, item };
    }
  } catch (e) {
    if (e instanceof TypeError && /decode|encoded/i.test(e.message)) throw new FormatError(file.path, 0, '', 'the file is not UTF-8 text');
    throw e;
  }
}

/** One line's task; a line that is not JSON is its one problem. */
function lineTask(text: string, file: string, line: number, ctx: ReadContext, problems: RowProblem[]): Promise<LabelledItem | null> | null {
  const parsed = parseJson(text);
  if (!parsed.ok) { problems.push({ file, line, field: 'row', message: parsed.message }); return null; }
  return taskToItem(parsed.value, file, line, '', ctx, problems);
}

/** A JSON array of tasks, cut into tasks as it streams; or one task object. */
async function* readArray(file: SourceFile, ctx: ReadContext): AsyncGenerator<ReadResult> {
  const splitter = new JsonSplitter(file.path);
  for await (const text of decodeChunks(file.chunks(), file.path)) {
    for (const piece of splitter.push(text)) {
      const at = splitter.isArray ? `[${piece.index}].` : '';
      const parsed = parseJson(piece.text);
      if (!parsed.ok) { yield fail(file.path, piece.line, at === '' ? 'row' : `[${piece.index}]`, parsed.message); continue; }
      yield* task(parsed.value, file.path, piece.line, at, ctx);
    }
  }
  splitter.end();
}

function fail(file: string, line: number, field: string, message: string): ReadResult {
  return { ok: false, error: { file, line, field, message } };
}

/** One task: its problems first, then the item (unless the task has no usable data). */
async function* task(t: unknown, file: string, line: number, at: string, ctx: ReadContext): AsyncGenerator<ReadResult> {
  const problems: RowProblem[] = [];
  const item = await taskToItem(t, file, line, at, ctx, problems);
  for (const p of problems) yield { ok: false, error: p };
  if (item) yield { ok: true, item };
}

export async function taskToItem(t: unknown, file: string, line: number, at: string, ctx: ReadContext, problems: RowProblem[]): Promise<LabelledItem | null> {
  if (!isRecord(t)) { taskProblem(problems, file, line, at, at === '' ? 'row' : at.slice(0, -1), `expected a Label Studio task (an object with data), got ${describe(t)}`); return null; }
  if (!isRecord(t.data)) { taskProblem(problems, file, line, at, 'data', t.data === undefined ? 'is missing: a Label Studio task keeps its media or text in data' : `expected an object, got ${describe(t.data)}`); return null; }
  const data = t.data;
  const annotations = t.annotations ?? t.completions;
  const annotationsKey = t.annotations === undefined && t.completions !== undefined ? 'completions' : 'annotations';
  const lists: Array<{ key: string; list: unknown }> = [{ key: annotationsKey, list: annotations }, { key: 'predictions', list: t.predictions }];
  for (const { key, list } of lists) if (list !== undefined && list !== null && !Array.isArray(list)) { taskProblem(problems, file, line, at, key, `expected an array, got ${describe(list)}`); return null; }
  const allResults = [...asList(annotations), ...asList(t.predictions)].flatMap((a) => (isRecord(a) && Array.isArray(a.result) ? a.result : []));

  const media = pickMedia(data, allResults);
  if (!media) { taskProblem(problems, file, line, at, 'data', `has no image, text or point cloud (keys: ${Object.keys(data).join(', ') || 'none'})`); return null; }
  const notes: Note[] = [];
  const item: LabelledItem = {
    file, line, kind: media.kind, media: media.kind === 'text' ? null : media.value,
    annotations: [], predictions: [], metadata: {}, notes,
  };
  if (media.kind === 'text') item.text = media.value;
  for (const [k, v] of Object.entries(data)) if (k !== media.key) item.metadata[k] = v;

  if (media.kind === 'image') {
    const sized = allResults.find((r) => isRecord(r) && finite(r.original_width) && finite(r.original_height) && r.original_width > 0 && r.original_height > 0) as Raw | undefined;
    if (sized) { item.width = sized.original_width as number; item.height = sized.original_height as number; }
    else if (allResults.some((r) => isRecord(r) && typeof r.type === 'string' && IMAGE_RESULTS.has(r.type))) {
      const size = await ctx.imageSize(media.value);
      if (size) { item.width = size.width; item.height = size.height; }
    }
  }
  const controls = new Controls();
  const text = media.kind === 'text' ? new OffsetMap(media.value) : null;
  const size = item.width !== undefined && item.height !== undefined ? { width: item.width, height: item.height } : null;
  const base = { file, line, kind: media.kind, size, text, controls, problems, notes };

  asList(annotations).forEach((a: unknown, k) => {
    const where = `${at}${annotationsKey}[${k}]`;
    if (!isRecord(a)) { problems.push({ file, line, field: where, message: `expected an annotation object, got ${describe(a)}` }); return; }
    if (a.was_cancelled === true) {
      notes.push({ file, line, field: where, kind: 'dropped', reason: 'cancelled annotation', message: 'the annotation was cancelled (skipped) in Label Studio' });
      return;
    }
    const set: LabelSet = { objects: resultsToObjects(a.result, { ...base, at: where, prediction: false }) };
    const author = authorOf(a.completed_by);
    if (author !== undefined) set.author = author;
    if (typeof a.created_at === 'string' && a.created_at !== '') set.createdAt = a.created_at;
    item.annotations.push(set);
  });
  asList(t.predictions).forEach((p: unknown, k) => {
    const where = `${at}predictions[${k}]`;
    if (!isRecord(p)) { problems.push({ file, line, field: where, message: `expected a prediction object, got ${describe(p)}` }); return; }
    const set: LabelSet = { objects: resultsToObjects(p.result, { ...base, at: where, prediction: true }) };
    if (finite(p.score)) {
      if (p.score >= 0 && p.score <= 1) set.score = p.score;
      else notes.push({ file, line, field: `${where}.score`, kind: 'dropped', reason: 'prediction score outside 0..1', message: `score ${p.score} is not in 0..1` });
    }
    if (typeof p.model_version === 'string' && p.model_version !== '') set.modelVersion = p.model_version;
    else if (typeof p.model_version === 'number') set.modelVersion = String(p.model_version);
    if (typeof p.created_at === 'string' && p.created_at !== '') set.createdAt = p.created_at;
    item.predictions.push(set);
  });

  const meta: LabelStudioMeta = { dataKey: media.key, controls: controls.list() };
  if (typeof t.id === 'number' || (typeof t.id === 'string' && t.id !== '')) meta.taskId = t.id;
  item.metadata[META_KEY] = meta;
  return item;
}

const asList = (list: unknown): unknown[] => (Array.isArray(list) ? list : []);

function taskProblem(problems: RowProblem[], file: string, line: number, at: string, field: string, message: string): void {
  problems.push({ file, line, field: `${at}${field}`, message });
}

/** Who made an annotation: Label Studio writes a user id, an e-mail, or a user object. */
export function authorOf(by: unknown): string | undefined {
  if (typeof by === 'string' && by !== '') return by;
  if (typeof by === 'number' && Number.isFinite(by)) return String(by);
  if (isRecord(by)) {
    if (typeof by.email === 'string' && by.email !== '') return by.email;
    if (typeof by.id === 'number' || (typeof by.id === 'string' && by.id !== '')) return String(by.id);
  }
  return undefined;
}

/** Which data field is the media: `image`, a cloud key, `text`, then the first value that looks like one. */
function pickMedia(data: Raw, results: unknown[]): { key: string; value: string; kind: LabelledItem['kind'] } | null {
  const str = (k: string) => (typeof data[k] === 'string' && data[k] !== '' ? (data[k] as string) : undefined);
  if (str('image')) return { key: 'image', value: str('image')!, kind: 'image' };
  for (const k of CLOUD_KEYS) if (str(k)) return { key: k, value: str(k)!, kind: 'pointcloud' };
  if (typeof data.text === 'string') return { key: 'text', value: data.text, kind: 'text' };
  const entries = Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  const image = entries.find(([, v]) => IMAGE_URL.test(v));
  if (image) return { key: image[0], value: image[1], kind: 'image' };
  const cloud = entries.find(([, v]) => CLOUD_URL.test(v));
  if (cloud) return { key: cloud[0], value: cloud[1], kind: 'pointcloud' };
  // A text task under the project's own key ($content, $sentence): its results name text offsets or choices.
  const toNames = new Set(results.flatMap((r) => (isRecord(r) && typeof r.to_name === 'string' ? [r.to_name] : [])));
  const named = entries.find(([k]) => toNames.has(k));
  if (named) return { key: named[0], value: named[1], kind: 'text' };
  const textual = entries.find(([, v]) => !/^[a-z][\w+.-]*:\/\/|^\//i.test(v));
  return textual ? { key: textual[0], value: textual[1], kind: 'text' } : null;
}
