import type { History } from '@cadre/document';
import type { AnnotationDocument } from '../document.ts';
import type { ImageGeometry, ImageKind, ImageObject } from '../kinds/index.ts';
import type { Viewport } from '../viewport.ts';

/** A pointer event in canvas pixels; a DOM PointerEvent has all of these fields. */
export interface PointerInput {
  x: number;
  y: number;
  /** 0 primary, 1 middle, 2 secondary, as in the DOM. */
  button: number;
  shiftKey: boolean;
  ctrlKey: boolean;
  /** Click count (2 on the second press of a double-click), as in the DOM's `detail`. */
  detail?: number;
}

export interface KeyInput {
  /** The DOM's `KeyboardEvent.key`: 'a', 'A', 'Enter', 'Escape', 'Backspace', 'Delete', '1' ... */
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  /** Cmd on macOS; treated like Ctrl. */
  metaKey?: boolean;
}

export type ToolName = 'select' | 'rectangle' | 'polygon' | 'polyline' | 'point';

/** What the engine lends a tool. */
export interface ToolContext {
  readonly doc: AnnotationDocument;
  readonly history: History<ImageObject>;
  readonly viewport: Viewport;
  readonly imageWidth: number;
  readonly imageHeight: number;
  /** Picking distance in image pixels at the current zoom. */
  tolerance(): number;
  /** The pointer in image pixels, clamped to the image so new shapes stay valid. */
  imagePoint(e: { x: number; y: number }): [number, number];
  /** Adds a shape of the active class (or the first class of that kind); undefined when the ontology has none. */
  create(kind: ImageKind, geometry: ImageGeometry): ImageObject | undefined;
}

/** The shape being drawn, for the renderer; points in image pixels. */
export interface Preview {
  kind: ImageKind;
  points: readonly (readonly [number, number])[];
  closed: boolean;
}

export interface Tool {
  readonly name: ToolName;
  pointerDown(e: PointerInput): void;
  pointerMove(e: PointerInput): void;
  pointerUp(e: PointerInput): void;
  /** Returns true when the tool used the key, so it does not also fire a shortcut. */
  key(e: KeyInput): boolean;
  /** Drops any half-drawn shape or drag; called when switching tools. */
  cancel(): void;
  preview(): Preview | undefined;
}

/** Movement below this many canvas pixels is a click, not a drag: hands tremble. */
export const CLICK_SLOP = 3;
