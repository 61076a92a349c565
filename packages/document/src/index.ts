export { Document } from './document.ts';
export type { Changes } from './document.ts';
export { History } from './history.ts';
export type { HistoryState, Step, Undoable } from './history.ts';
export { handleHistoryKey, historyKey } from './keys.ts';
export type { HistoryKey, HistoryKeyInput } from './keys.ts';
export { Emitter } from './emitter.ts';
export { LAYERS } from './types.ts';
export type { Change, DocumentEvents, Identified, Layer, Patch, Slot, Write } from './types.ts';
