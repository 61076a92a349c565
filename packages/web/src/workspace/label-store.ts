// What the 3D and text workspaces' label sets share: the person's objects and the machine's
// proposals still waiting, keyed by id, and a version that React watches for changes.
export abstract class LabelStore<T extends { id: string }> {
  protected readonly objects = new Map<string, T>();
  protected readonly proposals = new Map<string, T>();
  private readonly listeners = new Set<() => void>();
  /** Bumped on every change: React reads it to know when to look again. */
  version = 0;

  constructor(objects: T[] = [], proposals: T[] = []) {
    for (const o of objects) this.objects.set(o.id, o);
    for (const p of proposals) this.proposals.set(p.id, p);
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  protected changed(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  get(id: string): T | undefined { return this.objects.get(id) ?? this.proposals.get(id); }
  isProposal(id: string): boolean { return this.proposals.has(id); }
  all(): T[] { return [...this.objects.values()]; }
  pending(): T[] { return [...this.proposals.values()]; }
}
