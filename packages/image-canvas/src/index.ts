export { ImageEngine } from './engine.ts';
export type { EngineEvents, EngineOptions } from './engine.ts';

export { AnnotationDocument } from './document.ts';
export type { Change, DocumentEvents, Layer, NewObject, ObjectChanges, Patch, Slot } from './document.ts';
export { Emitter, History } from '@cadre/document';
export type { Step } from '@cadre/document';
export { hitTest } from './hit-test.ts';
export type { DocumentHit } from './hit-test.ts';
export { copiedObjects, imageObjects, toPayload } from './payload.ts';
export { planCopy, type CopyPlan, type ImageSize } from './copy-previous.ts';

export { Viewport } from './viewport.ts';
export type { CanvasPoint, ImagePoint, ViewTransform } from './viewport.ts';
export { SpatialIndex } from './spatial-index.ts';

export { boxFromCorners, IMAGE_KINDS, isImageKind, shapeKinds, shapeOf, withGeometry } from './kinds/index.ts';
export type { ImageGeometry, ImageKind, ImageObject, PathSink, ShapeHit, ShapeKind } from './kinds/index.ts';

export { createTools, KIND_FOR_TOOL, TOOL_FOR_KIND } from './tools/index.ts';
export type { KeyInput, PointerInput, Preview, Tool, ToolContext, ToolName } from './tools/index.ts';

export { matchShortcut, shortcutList } from './shortcuts.ts';
export type { Action, Shortcut } from './shortcuts.ts';
export { drawNoteOutlines, drawShape, Renderer } from './render.ts';
export type { Context2D, RenderStats } from './render.ts';
export { FALLBACK_STYLES, PREDICTION_DASH, stylesFor } from './style.ts';
export type { LabelStyles, ShapeStyle } from './style.ts';
export { NOTE_COLORS, placeNotes } from './notes.ts';
export type { NotePlacement, ObjectNote } from './notes.ts';
export { NoteLayer } from './note-layer.ts';
