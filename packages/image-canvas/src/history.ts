import type { AnnotationDocument, Change, Layer, Patch, Slot } from './document.ts';

/** One undo step: a named command and the slot changes it made, in order. */
export interface Step {
  label: string;
  patches: Patch[];
}

/**
 * Undo and redo as recorded commands. Every document change becomes a step, unless a group is
 * open: then all changes until `end()` form one step, so a whole drag undoes at once. Within a
 * group, repeated changes to one slot merge into one patch (first `before`, last `after`).
 */
export class History {
  private readonly done: Step[] = [];
  private readonly undone: Step[] = [];
  private group: { label: string; patches: Map<string, Patch> } | undefined;
  private applying = false;

  constructor(private readonly doc: AnnotationDocument, readonly limit = 500) {
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

  /** Runs `fn` as one step. */
  transact<T>(label: string, fn: () => T): T {
    const outer = this.group !== undefined;
    this.begin(label);
    try {
      return fn();
    } finally {
      if (!outer) this.end();
    }
  }

  undo(): boolean {
    this.end();
    const step = this.done.pop();
    if (step === undefined) return false;
    this.replay(`undo ${step.label}`, [...step.patches].reverse().map((p) => ({ layer: p.layer, id: p.id, slot: p.before })));
    this.undone.push(step);
    return true;
  }

  redo(): boolean {
    this.end();
    const step = this.undone.pop();
    if (step === undefined) return false;
    this.replay(`redo ${step.label}`, step.patches.map((p) => ({ layer: p.layer, id: p.id, slot: p.after })));
    this.done.push(step);
    return true;
  }

  clear(): void {
    this.done.length = 0;
    this.undone.length = 0;
    this.group = undefined;
  }

  private replay(label: string, patches: { layer: Layer; id: string; slot: Slot | undefined }[]): void {
    this.applying = true;
    try {
      this.doc.apply(label, patches);
    } finally {
      this.applying = false;
    }
  }

  private record(change: Change): void {
    if (this.applying || change.patches.length === 0) return;
    if (this.group === undefined) {
      this.push({ label: change.label, patches: change.patches });
      return;
    }
    for (const p of change.patches) {
      const key = `${p.layer}:${p.id}`;
      const earlier = this.group.patches.get(key);
      this.group.patches.set(key, earlier === undefined ? p : { ...earlier, after: p.after });
    }
  }

  private push(step: Step): void {
    this.done.push(step);
    if (this.done.length > this.limit) this.done.shift();
    // A new change forks history: what was undone can no longer be redone.
    this.undone.length = 0;
  }
}

function sameSlot(a: Slot | undefined, b: Slot | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.z === b.z && JSON.stringify(a.object) === JSON.stringify(b.object));
}
