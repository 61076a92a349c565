import { newId, type ObjectOrigin } from '@cadre/core';
import { Document, type Change as DocChange, type Changes, type DocumentEvents as DocEvents, type Layer, type Patch as DocPatch, type Slot as DocSlot } from '@cadre/document';
import { shapeOf, type ImageObject } from './kinds/index.ts';
import { SpatialIndex } from './spatial-index.ts';

export type { Layer };
export type Slot = DocSlot<ImageObject>;
export type Patch = DocPatch<ImageObject>;
export type Change = DocChange<ImageObject>;
export type DocumentEvents = DocEvents<ImageObject>;
/** What a caller supplies to `add`: id and origin are filled in when missing. */
export type NewObject = Omit<ImageObject, 'id' | 'origin'> & { id?: string; origin?: ObjectOrigin };
export type ObjectChanges = Partial<Pick<ImageObject, 'geometry' | 'label' | 'attributes' | 'trackId'>>;

/**
 * The shared document (`@cadre/document`: layers, selection, change events that History undoes)
 * with what is the image canvas's own: a spatial index per layer kept in step with every write,
 * hidden and locked view state, the active class, provenance on edits, and accepting predictions.
 */
export class AnnotationDocument extends Document<ImageObject> {
  readonly index: Record<Layer, SpatialIndex> = { objects: new SpatialIndex(), predictions: new SpatialIndex() };
  /** View state, not annotation: hiding or locking is neither saved nor undone. */
  readonly hidden = new Set<string>();
  readonly locked = new Set<string>();
  /** Class name new shapes get; the engine keeps it in step with the ontology. */
  activeClass: string | undefined;

  getPrediction(id: string): ImageObject | undefined {
    return this.get(id, 'predictions');
  }
  /** Objects bottom to top. */
  objects(): ImageObject[] {
    return this.all('objects');
  }
  predictions(): ImageObject[] {
    return this.all('predictions');
  }

  override add(input: NewObject, label = 'add'): ImageObject {
    return super.add({ ...input, id: input.id ?? newId(), origin: input.origin ?? 'human' } as ImageObject, label);
  }

  override update(id: string, changes: ObjectChanges | Changes<ImageObject>, label = 'edit', layer: Layer = 'objects'): ImageObject {
    return super.update(id, (current) => {
      const next = typeof changes === 'function' ? changes(current) : ({ ...current, ...changes } as ImageObject);
      return layer === 'objects' ? withProvenance(current, next) : next;
    }, label, layer);
  }

  /** Turns a prediction into an object that remembers which prediction and score it came from. */
  acceptPrediction(id: string): ImageObject {
    return this.accept([id], 'accept prediction')[0]!;
  }
  acceptAllPredictions(): ImageObject[] {
    return this.accept(this.ids('predictions'), 'accept all predictions');
  }
  deletePrediction(ids: string | readonly string[]): void {
    this.remove(ids, 'delete prediction', 'predictions');
  }

  /** Replaces everything on open (not undoable) and shows everything again. */
  override load(content: Partial<Record<Layer, readonly ImageObject[]>>): void {
    this.hidden.clear();
    this.locked.clear();
    // Emptied at once, so load does not pay for removing each old shape from the grid.
    this.index.objects.clear();
    this.index.predictions.clear();
    const objects = content.objects?.map((o) => ({ ...o, origin: o.origin ?? 'human' }) as ImageObject);
    super.load({ predictions: content.predictions ?? [], objects: objects ?? [] });
  }

  protected override written(layer: Layer, id: string, slot: Slot | undefined): void {
    if (slot === undefined) this.index[layer].remove(id);
    else this.index[layer].insert(id, shapeOf(slot.object).bounds(slot.object.geometry));
  }

  private accept(ids: readonly string[], label: string): ImageObject[] {
    const patches: Patch[] = [];
    const accepted: ImageObject[] = [];
    for (const id of ids) {
      const pred = this.mustGet('predictions', id).object;
      const object = { ...pred, id: newId(), origin: 'prediction_accepted', predictionId: pred.id } as ImageObject;
      patches.push(this.patch('predictions', id, undefined), this.patch('objects', object.id, { object, z: this.topZ() }));
      accepted.push(object);
    }
    if (patches.length > 0) this.commit(label, patches);
    return accepted;
  }
}

/** Once a person reshapes, relabels or re-attributes a machine's label it is no longer the machine's answer (core's provenance rule). */
function withProvenance(before: ImageObject, after: ImageObject): ImageObject {
  if (after.origin !== 'prediction_accepted') return after;
  const edited = after.label !== before.label
    || JSON.stringify(after.geometry) !== JSON.stringify(before.geometry)
    || JSON.stringify(after.attributes) !== JSON.stringify(before.attributes);
  return edited ? { ...after, origin: 'prediction_edited' } : after;
}
