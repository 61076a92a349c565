import { Emitter } from './emitter.ts';
import { LAYERS, type Change, type DocumentEvents, type Identified, type Layer, type Patch, type Slot, type Write } from './types.ts';

/** What `update` takes: fields to overwrite, or a function from the current object to the next. */
export type Changes<T> = Partial<Omit<T, 'id'>> | ((current: T) => T);

/**
 * The objects an annotation engine edits, with no framework and no rendering: one map per layer,
 * a selection, and a `change` event per command carrying each slot's before and after, which is
 * all a History needs to undo it. Engines extend it for what is theirs (an image canvas keeps a
 * spatial index in step by overriding `written`).
 */
export class Document<T extends Identified> {
  readonly events = new Emitter<DocumentEvents<T>>();
  private readonly layers: Record<Layer, Map<string, Slot<T>>> = { objects: new Map(), predictions: new Map() };
  private readonly chosen = new Set<string>();
  private nextZ = 0;

  get(id: string, layer: Layer = 'objects'): T | undefined {
    return this.layers[layer].get(id)?.object;
  }
  has(id: string, layer: Layer = 'objects'): boolean {
    return this.layers[layer].has(id);
  }
  slot(layer: Layer, id: string): Slot<T> | undefined {
    return this.layers[layer].get(id);
  }
  layerOf(id: string): Layer | undefined {
    return this.layers.objects.has(id) ? 'objects' : this.layers.predictions.has(id) ? 'predictions' : undefined;
  }
  /** A layer's objects in z order (oldest first). */
  all(layer: Layer = 'objects'): T[] {
    return [...this.layers[layer].values()].sort((a, b) => a.z - b.z).map((s) => s.object);
  }
  ids(layer: Layer = 'objects'): string[] {
    return [...this.layers[layer].keys()];
  }
  size(layer: Layer = 'objects'): number {
    return this.layers[layer].size;
  }

  /** Adds on top of everything else in its layer, as one command. */
  add(object: T, label = 'add', layer: Layer = 'objects'): T {
    if (this.layers[layer].has(object.id)) throw new Error(`${layer} already hold ${object.id}`);
    this.commit(label, [this.patch(layer, object.id, { object, z: this.nextZ++ })]);
    return object;
  }

  /** Replaces one object (keeping its place), as one command. */
  update(id: string, changes: Changes<T>, label = 'edit', layer: Layer = 'objects'): T {
    const slot = this.mustGet(layer, id);
    const object = typeof changes === 'function' ? changes(slot.object) : ({ ...slot.object, ...changes } as T);
    if (object.id !== id) throw new Error(`an update cannot change the id ${id} to ${object.id}`);
    this.commit(label, [this.patch(layer, id, { object, z: slot.z })]);
    return object;
  }

  /** Removes those of `ids` that exist, as one command (none when none exist). */
  remove(ids: string | readonly string[], label = 'delete', layer: Layer = 'objects'): void {
    const list = typeof ids === 'string' ? [ids] : ids;
    const patches = list.filter((id) => this.layers[layer].has(id)).map((id) => this.patch(layer, id, undefined));
    if (patches.length > 0) this.commit(label, patches);
  }

  /** Writes slots as given, in order, as one command: several edits at once, and history's undo and redo. */
  apply(label: string, writes: readonly Write<T>[]): void {
    this.commit(label, writes.map(({ layer, id, slot }) => this.patch(layer, id, slot)));
  }

  /** A z above every object's, for a slot written with `apply`. */
  topZ(): number {
    return this.nextZ++;
  }

  /**
   * Replaces everything when an item opens: not a command, so nothing to undo, and a History
   * listening to this document forgets its steps. Clears the selection.
   */
  load(content: Partial<Record<Layer, readonly T[]>>): void {
    for (const layer of LAYERS) for (const id of [...this.layers[layer].keys()]) this.write(layer, id, undefined);
    this.nextZ = 0;
    // Predictions first, so objects draw above them.
    for (const layer of ['predictions', 'objects'] as const) {
      for (const object of content[layer] ?? []) this.write(layer, object.id, { object, z: this.nextZ++ });
    }
    this.chosen.clear();
    this.events.emit('change', { label: 'load', patches: [], loaded: true });
    this.events.emit('selection', this.chosen);
  }

  get selection(): ReadonlySet<string> {
    return this.chosen;
  }
  /** The selected objects (of either layer), in selection order. */
  selected(): T[] {
    return [...this.chosen].flatMap((id) => {
      const layer = this.layerOf(id);
      return layer === undefined ? [] : [this.layers[layer].get(id)!.object];
    });
  }
  /** Selects the ids that exist; unknown ids are ignored. Selection is not undone. */
  select(ids: Iterable<string>): void {
    this.chosen.clear();
    for (const id of ids) if (this.layerOf(id) !== undefined) this.chosen.add(id);
    this.events.emit('selection', this.chosen);
  }
  toggleSelected(id: string): void {
    if (!this.chosen.delete(id) && this.layerOf(id) !== undefined) this.chosen.add(id);
    this.events.emit('selection', this.chosen);
  }

  /** Called after every slot write (commands, undo, redo, load); engines keep their indexes here. */
  protected written(_layer: Layer, _id: string, _slot: Slot<T> | undefined): void {}

  /** Writes one slot and returns the patch that records it, for a command built of several. */
  protected patch(layer: Layer, id: string, after: Slot<T> | undefined): Patch<T> {
    const before = this.layers[layer].get(id);
    this.write(layer, id, after);
    return { layer, id, before, after };
  }

  /** Announces a command; removed objects leave the selection. */
  protected commit(label: string, patches: Patch<T>[]): void {
    let dropped = false;
    for (const p of patches) if (p.after === undefined && this.layerOf(p.id) === undefined) dropped = this.chosen.delete(p.id) || dropped;
    const change: Change<T> = { label, patches };
    this.events.emit('change', change);
    if (dropped) this.events.emit('selection', this.chosen);
  }

  protected mustGet(layer: Layer, id: string): Slot<T> {
    const slot = this.layers[layer].get(id);
    if (slot === undefined) throw new Error(`no ${layer === 'objects' ? 'object' : 'prediction'} with id ${id}`);
    return slot;
  }

  private write(layer: Layer, id: string, slot: Slot<T> | undefined): void {
    if (slot === undefined) this.layers[layer].delete(id);
    else {
      this.layers[layer].set(id, slot);
      this.nextZ = Math.max(this.nextZ, slot.z + 1);
    }
    this.written(layer, id, slot);
  }
}
