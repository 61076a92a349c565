import { at, checkFinite, checkPositive, checkRecord } from '../check.ts';
import { cuboidCorners2d } from '../geometry/obb.ts';
import type { ValidationIssue } from '../result.ts';
import type { Metres, Radians } from '../units.ts';
import { pointsBounds } from './points.ts';
import type { KindModule } from './types.ts';

/**
 * LiDAR box in the sensor frame: (x, y, z) is the centre (z too, not the bottom face),
 * dx runs along the heading, yaw turns about +z from +x.
 */
export interface Cuboid3dGeometry {
  x: Metres;
  y: Metres;
  z: Metres;
  dx: Metres;
  dy: Metres;
  dz: Metres;
  yaw: Radians;
  /** Tilt about x and y, kept when a source has them (SUSTechPOINTS does); tools edit yaw only. */
  roll?: Radians;
  pitch?: Radians;
}

export const cuboid3d: KindModule<'cuboid3d', Cuboid3dGeometry> = {
  kind: 'cuboid3d',
  validate(g, _ctx = {}, path = 'geometry') {
    const issues: ValidationIssue[] = [];
    if (!checkRecord(g, path, issues)) return issues;
    for (const key of ['x', 'y', 'z', 'yaw'] as const) checkFinite(g[key], at(path, key), issues);
    for (const key of ['dx', 'dy', 'dz'] as const) checkPositive(g[key], at(path, key), issues);
    for (const key of ['roll', 'pitch'] as const) if (g[key] !== undefined) checkFinite(g[key], at(path, key), issues);
    return issues;
  },
  /** Bird's-eye bounds in metres. */
  bounds: (g) => pointsBounds(cuboidCorners2d(g)),
  /** Footprint area in square metres. */
  area: (g) => g.dx * g.dy,
};
