export type { SceneSpan, TextEngineApi, TextEngineEvents, TextEngineOptions } from './api.ts';
export { TextEngine } from './engine.ts';
export type { KeyInput } from './keyboard.ts';
export type { Placement } from './overlap.ts';
export { CodePointText, countCodePoints } from './offsets.ts';
