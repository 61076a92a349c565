import type { Ontology } from '../ontology.ts';

/** A packed point cloud: x, y, z at `i * stride`, metres, in the sensor frame (the sensor at the origin). */
export interface PointSet {
  positions: Float32Array;
  stride: number;
  count: number;
}

/** What the checks know about the item; a missing field skips the checks that need it. */
export interface CheckContext {
  ontology: Ontology;
  imageWidth?: number;
  imageHeight?: number;
  /** Points of one frame; frame 0 for a single scan. */
  points?: (frame: number) => PointSet | undefined;
}

export type CheckName =
  | 'required-attributes'
  | 'geometry'
  | 'inside-image'
  | 'min-box-size'
  | 'min-cuboid-points'
  | 'cuboid-faces'
  | 'duplicate';

export interface CheckFailure {
  /** Which check: a CheckName from runChecks; callers may add their own (e.g. data that could not be read). */
  check: CheckName | (string & {});
  /** The object at fault; null for the whole annotation. */
  objectId: string | null;
  message: string;
  measured?: number;
  limit?: number;
  unit?: string;
  severity: 'error' | 'warning';
}
