import type { Emitter } from './emitter.ts';
import type { Change, DocumentEvents, Patch, Slot, Write } from './types.ts';

/** One undo step: a named command and the slot changes it made, in order. */
export interface Step<T> {
  label: string;
  patches: Patch<T>[];
}

/** What a History needs of a document: its change events, and a way to write slots back. */
export interface Undoable<T> {
  readonly events: Emitter<DocumentEvents<T>>;
  apply(label: string, writes: readonly Write<T>[]): void;
}

/** What undo and redo buttons show. */
export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * Undo and redo as recorded commands. Every document change becomes a step, unless a group is
 * open: then all changes until `end()` form one step, so a whole drag undoes at once. Within a
 * group, repeated changes to one slot merge into one patch (first `before`, last `after`).
 * A new change after an undo forks history: what was undone can no longer be redone.
 */
export class History<T> {
  private readonly done: Step<T>[] = [];
  private readonly undone: Step<T>[] = [];
  private group: { label: string; patches: Map<string, Patch<T>> } | undefined;
  private applying = false;
  private readonly listeners = new Set<(state: HistoryState) => void>();

  constructor(private readonly doc: Undoable<T>, readonly limit = 500) {
    doc.events.on('change', (c) => this.record(c));
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }
  get canRedo(): boolean {
    return this.undone.length > 0;
  }
  /** Label of the step `undo` would revert, for a tooltip such as "Undo move". */
  get nextUndo(): string | undefined {
    return this.done.at(-1)?.label;
  }
  get nextRedo(): string | undefined {
    return this.undone.at(-1)?.label;
  }

  /** Calls `fn` after every step recorded, undone, redone or forgotten (to refresh buttons); returns the unsubscribe function. */
  onChange(fn: (state: HistoryState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Opens a group; changes until `end()` become one step. A second `begin` inside a group is ignored. */
  begin(label: string): void {
    if (this.group === undefined) this.group = { label, patches: new Map() };
  }

  end(): void {
    const g = this.group;
    this.group = undefined;
    if (g === undefined) return;
    const patches = [...g.patches.values()].filter((p) => !sameSlot(p.before, p.after));
    if (patches.length > 0) this.push({ label: g.label, patches });
  }

  /** Runs `fn` as one step (inside an open group, as part of that group's step). */
  transact<R>(label: string, fn: () => R): R {
    const outer = this.group !== undefined;
    this.begin(label);
    try {
      return fn();
    } finally {
      if (!outer) this.end();
    }
  }

  /** Reverts the last step as one change event; false when there is none. Closes an open group first. */
  undo(): boolean {
    this.end();
    const step = this.done.pop();
    if (step === undefined) return false;
    this.replay(`undo ${step.label}`, [...step.patches].reverse().map((p) => ({ layer: p.layer, id: p.id, slot: p.before })));
    this.undone.push(step);
    this.announce();
    return true;
  }

  redo(): boolean {
    this.end();
    const step = this.undone.pop();
    if (step === undefined) return false;
    this.replay(`redo ${step.label}`, step.patches.map((p) => ({ layer: p.layer, id: p.id, slot: p.after })));
    this.done.push(step);
    this.announce();
    return true;
  }

  clear(): void {
    const had = this.canUndo || this.canRedo;
    this.done.length = 0;
    this.undone.length = 0;
    this.group = undefined;
    if (had) this.announce();
  }

  private replay(label: string, writes: Write<T>[]): void {
    this.applying = true;
    try {
      this.doc.apply(label, writes);
    } finally {
      this.applying = false;
    }
  }

  private record(change: Change<T>): void {
    if (change.loaded) return this.clear();
    if (this.applying || change.patches.length === 0) return;
    if (this.group === undefined) return this.push({ label: change.label, patches: change.patches });
    for (const p of change.patches) {
      const key = `${p.layer}:${p.id}`;
      const earlier = this.group.patches.get(key);
      this.group.patches.set(key, earlier === undefined ? p : { ...earlier, after: p.after });
    }
  }

  private push(step: Step<T>): void {
    this.done.push(step);
    if (this.done.length > this.limit) this.done.shift();
    this.undone.length = 0;
    this.announce();
  }

  private announce(): void {
    const state = { canUndo: this.canUndo, canRedo: this.canRedo };
    for (const fn of this.listeners) fn(state);
  }
}

function sameSlot<T>(a: Slot<T> | undefined, b: Slot<T> | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.z === b.z && JSON.stringify(a.object) === JSON.stringify(b.object));
}
