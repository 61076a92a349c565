export type { ColorMode, EngineEvents, EngineOptions, ObjectNote, PointCloudEngineApi, SceneCuboid, Tool, TopRect, ViewName } from './api.ts';
export { NOTE_COLORS, noteAnchor, orthoNotePixel } from './notes.ts';
export { PointCloudEngine } from './engine.ts';
export { dragTo, hitHandle, nudge, shift } from './edit.ts';
export { boxFrame, lidarToScreen, screenToLidar, topFrame } from './frames.ts';
export type { OrthoFrame } from './frames.ts';
export type { Handle, OrthoView } from './edit.ts';
export { corners as cuboidCorners, rounded } from './box-math.ts';
