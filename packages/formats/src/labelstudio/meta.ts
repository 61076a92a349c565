// What an item keeps of its Label Studio task under `metadata.labelstudio`, so that an export
// writes the same data key, the same control names (`from_name` / `to_name`) and the same
// per-region control types (rating, textarea, ...) that the project's labelling config expects.

/** One control of the labelling config as the results show it. */
export interface Control {
  from_name: string;
  to_name: string;
  /** The result type (`rectanglelabels`, `choices`, `textarea`, ...). */
  type: string;
  /** The labels seen under this control (for region controls), so a class goes back to its control. */
  labels?: string[];
}

export interface LabelStudioMeta {
  /** The task's id in Label Studio, when it had one. */
  taskId?: number | string;
  /** The `data` key that held the media or text (`image`, `text`, `pcd`, or the project's own). */
  dataKey: string;
  controls: Control[];
}

export const META_KEY = 'labelstudio';

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The Label Studio part of an item's metadata, when it is well formed. */
export function metaOf(metadata: Record<string, unknown>): LabelStudioMeta | undefined {
  const m = metadata[META_KEY];
  if (!isRecord(m) || typeof m.dataKey !== 'string' || !Array.isArray(m.controls)) return undefined;
  const controls = m.controls.filter((c): c is Control => isRecord(c) && typeof c.from_name === 'string' && typeof c.to_name === 'string' && typeof c.type === 'string');
  const out: LabelStudioMeta = { dataKey: m.dataKey, controls };
  if (typeof m.taskId === 'number' || typeof m.taskId === 'string') out.taskId = m.taskId;
  return out;
}

/** Collects the controls the results of one task name. */
export class Controls {
  private readonly byName = new Map<string, Control>();

  see(from: unknown, to: unknown, type: string, label?: string): void {
    if (typeof from !== 'string' || from === '' || typeof to !== 'string') return;
    let c = this.byName.get(from);
    if (!c) { c = { from_name: from, to_name: to, type }; this.byName.set(from, c); }
    if (label !== undefined) {
      c.labels ??= [];
      if (!c.labels.includes(label) && c.labels.length < 1000) c.labels.push(label);
    }
  }

  list(): Control[] { return [...this.byName.values()]; }
}
