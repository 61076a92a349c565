// One 3D box as a task holds it: a person's box, or a machine proposal still waiting for a decision.
import type { Cuboid3dGeometry, ObjectOrigin } from '@cadre/core';

export interface Cuboid {
  id: string;
  label: string;
  kind: 'cuboid3d';
  geometry: Cuboid3dGeometry;
  attributes: Record<string, unknown>;
  /** Frame, track and keyframe mean something on a sequence only. */
  trackId?: string;
  frame?: number;
  /** false: interpolated between the track's keyframes, recomputed whenever one of them changes. */
  keyframe?: boolean;
  origin?: ObjectOrigin;
  predictionId?: string;
  score?: number;
}

export type NewCuboid = Pick<Cuboid, 'label' | 'geometry' | 'attributes'> & { trackId?: string; frame?: number };

/** A track of a sequence: its class and the frames where it has a box. */
export interface Track { trackId: string; label: string; frames: number[]; keyframes: number[] }

