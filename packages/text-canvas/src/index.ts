export type { ObjectNote, SceneSpan, TextEngineApi, TextEngineEvents, TextEngineOptions } from './api.ts';
export { notedTones, notePosition } from './notes.ts';
export { TextEngine } from './engine.ts';
export type { KeyInput } from './keyboard.ts';
export type { Placement } from '@cadre/core';
export { CodePointText, countCodePoints } from './offsets.ts';
export { TextLabels } from './text-labels.ts';
export type { TextDraft, TextLabel } from './text-labels.ts';
export type { Range } from './snap.ts';
