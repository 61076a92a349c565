// Label Studio JSON tasks, both directions, in Label Studio's own shape so that Label Studio and
// Cadre both import what the other wrote. Read: a `.json` array of tasks (streamed), one task
// object, or `.jsonl` (one task a line). Write: `tasks.json`; `writeTasks(items, ctx, { lines: true })`
// writes `tasks.jsonl` (the CLI's `--format jsonl`).
import type { FormatModule, Source } from '../types.ts';
import { decodeChunks, JsonSplitter, parseJson } from './json-stream.ts';
import { isRecord } from './meta.ts';
import { isTaskFile, readLabelStudio } from './read.ts';
import { writeTasks } from './write.ts';

export { writeTasks, type WriteTasksOptions } from './write.ts';
export { readLabelStudio, taskToItem, authorOf } from './read.ts';
export { fromTopLeftTurn, toTopLeftTurn } from './read-results.ts';
export { META_KEY, metaOf, type Control, type LabelStudioMeta } from './meta.ts';

const HEAD = 256 * 1024;

/** How sure the first task of the first task file is a Label Studio task (an object with `data`). */
async function detect(source: Source): Promise<number> {
  const file = source.files.find((f) => isTaskFile(f.path));
  if (!file) return 0;
  let head = '';
  try {
    for await (const text of decodeChunks(file.chunks(), file.path)) {
      head += text;
      if (head.length >= HEAD) break;
    }
  } catch { return 0; }
  let first: unknown;
  if (/\.(jsonl|ndjson)$/i.test(file.path)) {
    const line = head.split('\n').find((l) => l.trim() !== '');
    if (line === undefined) return 0;
    const parsed = parseJson(line);
    if (!parsed.ok) return 0;
    first = parsed.value;
  } else {
    try {
      const piece = new JsonSplitter(file.path).push(head)[0];
      if (!piece) return /^\s*\[?\s*\{[\s\S]*?"data"\s*:\s*\{/.test(head) ? 0.6 : 0;
      const parsed = parseJson(piece.text);
      if (!parsed.ok) return 0;
      first = parsed.value;
    } catch { return 0; }
  }
  if (!isRecord(first) || !isRecord(first.data)) return 0;
  return Array.isArray(first.annotations) || Array.isArray(first.predictions) || Array.isArray(first.completions) ? 0.95 : 0.85;
}

export const labelstudio: FormatModule = {
  name: 'labelstudio',
  kinds: ['image', 'text', 'pointcloud'],
  detect,
  read: readLabelStudio,
  write: (items, ctx) => writeTasks(items, ctx, { lines: false }),
};
