/**
 * The contract between the 3D engine and its host (the web workspace). The engine is framework-free
 * (three.js underneath); the host owns tasks, saving, the fitter worker and the panels.
 */
import type { Cuboid3dGeometry } from '@cadre/core';
import type { PointCloud } from '@cadre/pointcloud';

export type ViewName = 'perspective' | 'top' | 'side' | 'front';
export type ColorMode = 'height' | 'intensity';
export type Tool = 'select' | 'cuboid';

/** One box as the engine draws it. Predictions are drawn in their own (dashed, paler) style. */
export interface SceneCuboid {
  id: string;
  label: string;
  /** `#rrggbb` */
  color: string;
  geometry: Cuboid3dGeometry;
  trackId?: string;
  prediction?: boolean;
}

/** Four corners of a rectangle dragged in the top view, lidar x/y in metres, in drawing order. */
export type TopRect = [[number, number], [number, number], [number, number], [number, number]];

/** A reviewer's reason or a failed machine check pinned to a box (null: the whole item, the host's banner). */
export interface ObjectNote { objectId: string | null; text: string; tone: 'reject' | 'check' }

export interface EngineEvents {
  /** A rectangle was dragged with the cuboid tool; the host fits a box and calls `upsert`. */
  fitRequest: (rect: TopRect) => void;
  /** The user changed a box (face/edge/rotation drag in an orthographic view, or a keyboard nudge). */
  change: (id: string, geometry: Cuboid3dGeometry) => void;
  select: (id: string | null) => void;
  /**
   * A pointer drag on the selected box began: the `change` events until `dragEnd` are one edit
   * (the host makes them one undo step), named by what the drag does.
   */
  dragStart: (id: string, edit: 'move' | 'resize' | 'rotate') => void;
  dragEnd: (id: string) => void;
  /** Delete/Backspace on the selected box. */
  remove: (id: string) => void;
}

export interface EngineOptions {
  /** One container element per view; the engine creates and sizes its own canvases inside them. */
  views: Record<ViewName, HTMLElement>;
  /** Receives keyboard input (arrows nudge 0.01 m, Shift 0.1 m; Delete removes; Escape deselects). */
  keyTarget?: HTMLElement | Window;
}

export interface PointCloudEngineApi {
  setCloud(cloud: PointCloud): void;
  setColorMode(mode: ColorMode): void;
  /** Replaces every box (a frame switch): must stay fast for 100 boxes. */
  setCuboids(cuboids: SceneCuboid[]): void;
  upsert(cuboid: SceneCuboid): void;
  remove(id: string): void;
  select(id: string | null): void;
  selected(): string | null;
  setTool(tool: Tool): void;
  /** Points of the current cloud inside the box (live count for the panel). */
  pointsInside(geometry: Cuboid3dGeometry): number;
  /** Top view centres on this lidar point; side and front views follow the selected box by themselves. */
  lookAt(x: number, y: number): void;
  /**
   * Outlines each noted box in red (reject) or orange (check) and shows its note at the box's top
   * centre in the perspective and top views, following the cameras. Notes without a box, or for
   * boxes no longer there, are not drawn.
   */
  setNotes(notes: readonly ObjectNote[]): void;
  on<K extends keyof EngineEvents>(event: K, fn: EngineEvents[K]): () => void;
  /** Call after the containers change size. */
  resize(): void;
  destroy(): void;
}
