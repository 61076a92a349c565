export type { ObjectNote, SceneSpan, TextEngineApi, TextEngineEvents, TextEngineOptions } from './api.ts';
export { notedTones, notePosition } from './notes.ts';
export { TextEngine } from './engine.ts';
export type { KeyInput } from './keyboard.ts';
export type { Placement } from '@cadre/core';
export { CodePointText, countCodePoints } from './offsets.ts';
