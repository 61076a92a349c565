// What every format's tests share: read a source whole, turn what was read into what an export
// writes, write it back into a source, and compare objects within a tolerance.
import { collect, memorySource } from '../source.ts';
import type { ExportItem, FormatModule, LabelledItem, Note, ReadContext, RowProblem, Source, WriteContext } from '../types.ts';
import type { LabeledObject, Ontology } from '@cadre/core';

export { memorySource } from '../source.ts';

export interface ReadAll { items: LabelledItem[]; errors: RowProblem[] }

export async function readAll(format: FormatModule, source: Source, ctx: ReadContext = noSizes): Promise<ReadAll> {
  const items: LabelledItem[] = [];
  const errors: RowProblem[] = [];
  for await (const r of format.read(source, ctx)) {
    if (r.ok) items.push(r.item);
    else errors.push(r.error);
  }
  return { items, errors };
}

export const noSizes: ReadContext = { imageSize: async () => null };

/** A context that knows each image's size by its name (the last path part). */
export function sizesByName(sizes: Record<string, { width: number; height: number }>): ReadContext {
  return { imageSize: async (media) => sizes[media] ?? sizes[media.slice(media.lastIndexOf('/') + 1)] ?? null };
}

/** What an export of the items read would hand the writer: each item's first annotation set. */
export function asExportItems(items: LabelledItem[]): ExportItem[] {
  return items.map((it, i) => ({
    id: `item-${i}`, kind: it.kind, media: it.media, metadata: it.metadata,
    objects: it.annotations[0]?.objects ?? [],
    ...(it.frames ? { frames: it.frames } : {}), ...(it.text !== undefined ? { text: it.text } : {}),
    ...(it.width !== undefined ? { width: it.width, height: it.height } : {}),
    ...(it.annotations[0]?.author ? { author: it.annotations[0].author } : {}),
  }));
}

/** An ontology with a class for every label and kind the items use (attributes left open). */
export function ontologyOf(items: Array<{ objects: LabeledObject[] }>): Ontology {
  const seen = new Map<string, LabeledObject['kind']>();
  for (const it of items) for (const o of it.objects) if (!seen.has(o.label)) seen.set(o.label, o.kind);
  return { classes: [...seen].map(([name, kind]) => ({ name, kind, attributes: [] })) };
}

export interface Written { files: Record<string, string>; notes: Array<Omit<Note, 'file' | 'line'> & { itemId: string }> }

/** Runs a writer and keeps its files as text. */
export async function writeAll(format: FormatModule, items: ExportItem[], ontology: Ontology = ontologyOf(items)): Promise<Written> {
  const notes: Written['notes'] = [];
  const ctx: WriteContext = { ontology, projectName: 'test', note: (n) => notes.push(n) };
  const files: Record<string, string> = {};
  for await (const f of format.write(async function* () { yield* items; }, ctx)) files[f.path] = await collect(f.content);
  return { files, notes };
}

/** Writes the items and reads the result back. */
export async function roundTrip(format: FormatModule, items: ExportItem[], ctx: ReadContext = noSizes, ontology?: Ontology): Promise<ReadAll & Written> {
  const written = await writeAll(format, items, ontology);
  const back = await readAll(format, memorySource('export', written.files), ctx);
  return { ...back, ...written };
}

/**
 * Asserts two object lists hold the same objects in the same order: labels, kinds, attributes and
 * track ids equal, numbers within `tolerance` (ids are not compared: formats renumber them).
 */
export function assertSameObjects(actual: LabeledObject[], expected: LabeledObject[], tolerance = 1e-6, where = ''): void {
  if (actual.length !== expected.length) throw new Error(`${where}: ${actual.length} objects, expected ${expected.length}`);
  expected.forEach((e, i) => {
    const a = actual[i]!;
    const at = `${where}objects[${i}]`;
    for (const key of ['label', 'kind', 'trackId', 'frame', 'keyframe'] as const) {
      if (a[key] !== e[key]) throw new Error(`${at}.${key}: ${JSON.stringify(a[key])}, expected ${JSON.stringify(e[key])}`);
    }
    if (JSON.stringify(sorted(a.attributes)) !== JSON.stringify(sorted(e.attributes))) {
      throw new Error(`${at}.attributes: ${JSON.stringify(a.attributes)}, expected ${JSON.stringify(e.attributes)}`);
    }
    near(a.geometry, e.geometry, tolerance, `${at}.geometry`);
  });
}

const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o ?? {}).sort(([x], [y]) => (x < y ? -1 : 1)));

function near(a: unknown, e: unknown, tol: number, path: string): void {
  if (typeof e === 'number') {
    if (typeof a !== 'number' || !(Math.abs(a - e) <= tol)) throw new Error(`${path}: ${String(a)}, expected ${e} (±${tol})`);
    return;
  }
  if (Array.isArray(e)) {
    if (!Array.isArray(a) || a.length !== e.length) throw new Error(`${path}: ${JSON.stringify(a)}, expected ${JSON.stringify(e)}`);
    e.forEach((v, i) => near(a[i], v, tol, `${path}[${i}]`));
    return;
  }
  if (e && typeof e === 'object') {
    if (!a || typeof a !== 'object') throw new Error(`${path}: ${JSON.stringify(a)}, expected an object`);
    const keys = new Set([...Object.keys(e), ...Object.keys(a)]);
    for (const k of keys) {
      const ev = (e as Record<string, unknown>)[k];
      const av = (a as Record<string, unknown>)[k];
      // An absent rotation and a rotation of 0 are the same box.
      if (k === 'rotation' && (ev ?? 0) === 0 && (av ?? 0) === 0) continue;
      near(av, ev, tol, `${path}.${k}`);
    }
    return;
  }
  if (a !== e) throw new Error(`${path}: ${JSON.stringify(a)}, expected ${JSON.stringify(e)}`);
}
