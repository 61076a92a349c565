/** Human work and machine proposals live apart: predictions are never saved until accepted. */
export type Layer = 'objects' | 'predictions';
export const LAYERS: readonly Layer[] = ['objects', 'predictions'];

/** Anything a document can hold: plain data with a string id. */
export interface Identified {
  readonly id: string;
}

/** `z` orders objects (drawing, lists); it survives undo so a restored object returns to its place. */
export interface Slot<T> {
  object: T;
  z: number;
}

/** One slot before and after a change; undo writes `before` back, redo writes `after`. */
export interface Patch<T> {
  layer: Layer;
  id: string;
  before: Slot<T> | undefined;
  after: Slot<T> | undefined;
}

/** A slot to write as given (`undefined` removes it); what `Document.apply` takes. */
export interface Write<T> {
  layer: Layer;
  id: string;
  slot: Slot<T> | undefined;
}

/**
 * What one command did. `loaded` marks a `load` (everything replaced on open): not undoable, and
 * a History that sees it forgets its steps.
 */
export interface Change<T> {
  label: string;
  patches: Patch<T>[];
  loaded?: true;
}

export interface DocumentEvents<T> {
  change: Change<T>;
  selection: ReadonlySet<string>;
}
