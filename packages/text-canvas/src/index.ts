export type { SceneSpan, TextEngineApi, TextEngineEvents, TextEngineOptions } from './api.ts';
