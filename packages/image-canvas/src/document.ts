import { newId, type AnnotationPayload, type ObjectOrigin } from '@cadre/core';
import { Emitter } from './emitter.ts';
import { shapeOf, withGeometry, type ImageGeometry, type ImageObject } from './kinds/index.ts';
import { imageObjects, toPayload } from './payload.ts';
import { SpatialIndex } from './spatial-index.ts';

/** Human work and machine pre-labels live apart: predictions are never saved until accepted. */
export type Layer = 'objects' | 'predictions';
/** `z` orders drawing and hit-testing; it survives undo so a restored object returns to its place. */
export interface Slot {
  object: ImageObject;
  z: number;
}
/** One slot before and after a change; undo writes `before` back, redo writes `after`. */
export interface Patch {
  layer: Layer;
  id: string;
  before: Slot | undefined;
  after: Slot | undefined;
}
export interface Change {
  label: string;
  patches: Patch[];
}
export interface DocumentEvents {
  change: Change;
  selection: ReadonlySet<string>;
}
/** What a caller supplies to `add`: id and origin are filled in when missing. */
export type NewObject = Omit<ImageObject, 'id' | 'origin'> & { id?: string; origin?: ObjectOrigin };
export type ObjectChanges = Partial<Pick<ImageObject, 'geometry' | 'label' | 'attributes' | 'trackId'>>;

export class AnnotationDocument {
  readonly events = new Emitter<DocumentEvents>();
  readonly index: Record<Layer, SpatialIndex> = { objects: new SpatialIndex(), predictions: new SpatialIndex() };
  private readonly layers: Record<Layer, Map<string, Slot>> = { objects: new Map(), predictions: new Map() };
  private readonly selected = new Set<string>();
  /** View state, not annotation: hiding or locking is neither saved nor undone. */
  readonly hidden = new Set<string>();
  readonly locked = new Set<string>();
  private nextZ = 0;
  /** Class name new shapes get; the engine keeps it in step with the ontology. */
  activeClass: string | undefined;

  get(id: string): ImageObject | undefined {
    return this.layers.objects.get(id)?.object;
  }
  getPrediction(id: string): ImageObject | undefined {
    return this.layers.predictions.get(id)?.object;
  }
  slot(layer: Layer, id: string): Slot | undefined {
    return this.layers[layer].get(id);
  }
  layerOf(id: string): Layer | undefined {
    return this.layers.objects.has(id) ? 'objects' : this.layers.predictions.has(id) ? 'predictions' : undefined;
  }
  /** Objects bottom to top. */
  objects(): ImageObject[] {
    return sorted(this.layers.objects);
  }
  predictions(): ImageObject[] {
    return sorted(this.layers.predictions);
  }

  add(input: NewObject, label = 'add'): ImageObject {
    const object = { ...input, id: input.id ?? newId(), origin: input.origin ?? 'human' } as ImageObject;
    if (this.layers.objects.has(object.id)) throw new Error(`object ${object.id} already exists`);
    this.commit(label, [this.patch('objects', object.id, { object, z: this.nextZ++ })]);
    return object;
  }

  update(id: string, changes: ObjectChanges, label = 'edit'): ImageObject {
    const slot = this.mustGet('objects', id);
    let object = { ...slot.object, ...changes } as ImageObject;
    if (changes.geometry !== undefined) {
      object = withGeometry(object, changes.geometry as ImageGeometry);
      // Once a person reshapes a machine's label it is no longer the machine's answer.
      const reshaped = JSON.stringify(changes.geometry) !== JSON.stringify(slot.object.geometry);
      if (reshaped && slot.object.origin === 'prediction_accepted') object.origin = 'prediction_edited';
    }
    // A new class or attribute value is an edit as much as a new shape (core's provenance rule).
    const relabelled = (changes.label !== undefined && changes.label !== slot.object.label)
      || (changes.attributes !== undefined && JSON.stringify(changes.attributes) !== JSON.stringify(slot.object.attributes));
    if (relabelled && object.origin === 'prediction_accepted') object.origin = 'prediction_edited';
    this.commit(label, [this.patch('objects', id, { object, z: slot.z })]);
    return object;
  }

  remove(ids: string | readonly string[], label = 'delete'): void {
    const list = typeof ids === 'string' ? [ids] : ids;
    const patches = list.filter((id) => this.layers.objects.has(id)).map((id) => this.patch('objects', id, undefined));
    if (patches.length > 0) this.commit(label, patches);
  }

  /** Turns a prediction into an object that remembers which prediction and score it came from. */
  acceptPrediction(id: string): ImageObject {
    return this.accept([id], 'accept prediction')[0]!;
  }
  acceptAllPredictions(): ImageObject[] {
    return this.accept([...this.layers.predictions.keys()], 'accept all predictions');
  }
  deletePrediction(ids: string | readonly string[]): void {
    const list = (typeof ids === 'string' ? [ids] : ids).filter((id) => this.layers.predictions.has(id));
    if (list.length > 0) this.commit('delete prediction', list.map((id) => this.patch('predictions', id, undefined)));
  }

  toPayload(): AnnotationPayload {
    return toPayload(this);
  }
  /** Replaces everything with a stored payload and the item's predictions; clears nothing in history by itself. */
  load(payload: AnnotationPayload, predictions: readonly ImageObject[] = []): void {
    this.reset(imageObjects(payload.objects), predictions);
  }

  /** Replaces everything; not an undoable change. */
  reset(objects: readonly ImageObject[], predictions: readonly ImageObject[]): void {
    for (const layer of ['objects', 'predictions'] as const) {
      this.layers[layer].clear();
      this.index[layer].clear();
    }
    this.hidden.clear();
    this.locked.clear();
    this.nextZ = 0;
    for (const p of predictions) this.write('predictions', p.id, { object: p, z: this.nextZ++ });
    for (const o of objects) this.write('objects', o.id, { object: { ...o, origin: o.origin ?? 'human' } as ImageObject, z: this.nextZ++ });
    this.select([]);
    this.events.emit('change', { label: 'load', patches: [] });
  }

  /** Writes slots as given; history uses it to undo and redo. */
  apply(label: string, patches: readonly { layer: Layer; id: string; slot: Slot | undefined }[]): void {
    const done = patches.map(({ layer, id, slot }) => this.patch(layer, id, slot));
    this.commit(label, done);
  }

  get selection(): ReadonlySet<string> {
    return this.selected;
  }
  select(ids: Iterable<string>): void {
    this.selected.clear();
    for (const id of ids) if (this.layerOf(id) !== undefined) this.selected.add(id);
    this.events.emit('selection', this.selected);
  }
  toggleSelected(id: string): void {
    if (!this.selected.delete(id) && this.layerOf(id) !== undefined) this.selected.add(id);
    this.events.emit('selection', this.selected);
  }

  private accept(ids: readonly string[], label: string): ImageObject[] {
    const patches: Patch[] = [];
    const accepted: ImageObject[] = [];
    for (const id of ids) {
      const pred = this.mustGet('predictions', id).object;
      const object = { ...pred, id: newId(), origin: 'prediction_accepted', predictionId: pred.id } as ImageObject;
      patches.push(this.patch('predictions', id, undefined), this.patch('objects', object.id, { object, z: this.nextZ++ }));
      accepted.push(object);
    }
    if (patches.length > 0) this.commit(label, patches);
    return accepted;
  }

  private patch(layer: Layer, id: string, after: Slot | undefined): Patch {
    const before = this.layers[layer].get(id);
    this.write(layer, id, after);
    return { layer, id, before, after };
  }

  private write(layer: Layer, id: string, slot: Slot | undefined): void {
    if (slot === undefined) {
      this.layers[layer].delete(id);
      this.index[layer].remove(id);
      return;
    }
    this.layers[layer].set(id, slot);
    this.nextZ = Math.max(this.nextZ, slot.z + 1);
    this.index[layer].insert(id, shapeOf(slot.object).bounds(slot.object.geometry));
  }

  private commit(label: string, patches: Patch[]): void {
    let dropped = false;
    for (const p of patches) if (p.after === undefined) dropped = this.selected.delete(p.id) || dropped;
    this.events.emit('change', { label, patches });
    if (dropped) this.events.emit('selection', this.selected);
  }

  private mustGet(layer: Layer, id: string): Slot {
    const slot = this.layers[layer].get(id);
    if (slot === undefined) throw new Error(`no ${layer === 'objects' ? 'object' : 'prediction'} with id ${id}`);
    return slot;
  }
}

function sorted(map: Map<string, Slot>): ImageObject[] {
  return [...map.values()].sort((a, b) => a.z - b.z).map((s) => s.object);
}
