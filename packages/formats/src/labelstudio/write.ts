// ExportItems → Label Studio tasks: `tasks.json` (a JSON array, written a task at a time) or
// `tasks.jsonl` (one task a line). Each task is what Label Studio imports: `id`, `data` (the media
// or text under the project's data key, and the item's other metadata fields), and, when the item
// was annotated, one annotation with its `result`, `completed_by` and `created_at`.
import type { ExportItem, OutFile, WriteContext } from '../types.ts';
import { META_KEY, metaOf } from './meta.ts';
import { DEFAULT_TO, objectsToResults } from './write-results.ts';

export interface WriteTasksOptions {
  /** true: `tasks.jsonl`, one task a line; false: `tasks.json`, a JSON array. */
  lines: boolean;
}

const DEFAULT_KEY: Record<ExportItem['kind'], string> = { image: 'image', text: 'text', pointcloud: 'pcd' };

/**
 * Writes the items as Label Studio tasks, one file. `{ lines: false }` is the `labelstudio` format
 * (`tasks.json`); `{ lines: true }` is the CLI's `--format jsonl`, Label Studio tasks one a line.
 * Task ids are 1, 2, 3… in export order (Label Studio gives imported tasks its own ids anyway).
 */
export async function* writeTasks(items: () => AsyncIterable<ExportItem>, ctx: WriteContext, options: WriteTasksOptions = { lines: false }): AsyncGenerator<OutFile> {
  yield { path: options.lines ? 'tasks.jsonl' : 'tasks.json', content: taskText(items, ctx, options.lines) };
}

async function* taskText(items: () => AsyncIterable<ExportItem>, ctx: WriteContext, lines: boolean): AsyncGenerator<string> {
  let n = 0;
  if (!lines) yield '[';
  for await (const item of items()) {
    const task = toTask(item, ++n, ctx);
    const json = JSON.stringify(task);
    yield lines ? `${json}\n` : `${n > 1 ? ',' : ''}\n${json}`;
  }
  if (!lines) yield '\n]\n';
}

export function toTask(item: ExportItem, id: number, ctx: WriteContext): Record<string, unknown> {
  const meta = metaOf(item.metadata);
  const key = meta?.dataKey ?? DEFAULT_KEY[item.kind];
  const data: Record<string, unknown> = {};
  if (item.kind === 'text') data[key] = item.text ?? '';
  else {
    if (item.frames) ctx.note({ itemId: item.id, field: 'frames', kind: 'dropped', reason: 'sequence in labelstudio', message: 'a sequence is written as its first frame; Label Studio image tasks hold one image' });
    data[key] = item.media ?? item.frames?.[0] ?? item.id;
  }
  for (const [k, v] of Object.entries(item.metadata)) if (k !== META_KEY && k !== key && v !== undefined) data[k] = v;
  const result = objectsToResults(item, meta, ctx);
  const annotations: Array<Record<string, unknown>> = [];
  if (item.objects.length > 0 || item.author !== undefined || item.createdAt !== undefined) {
    const a: Record<string, unknown> = { result, was_cancelled: false, ground_truth: false };
    if (item.author !== undefined) a.completed_by = /^\d+$/.test(item.author) ? Number(item.author) : { email: item.author };
    if (item.createdAt !== undefined) a.created_at = item.createdAt;
    annotations.push(a);
  }
  return { id, data, annotations, predictions: [] };
}

export { DEFAULT_TO };
