// The machine checks on a point-cloud task: the boxes of every frame, with the points of each frame
// whose cloud has been parsed (a frame not loaded yet is checked once it is).
import { useMemo } from 'react';
import type { Ontology } from '@cadre/core';
import { runChecks } from '../workflow/checks.ts';
import { clouds, type CloudSource } from './clouds.ts';
import type { CuboidDocument } from '@cadre/pointcloud-canvas';

/** `loaded`: the frame shown last; a change means another cloud may have arrived (and runs them again). */
export function useCloudCheckRun(set: CuboidDocument, frames: CloudSource[], loaded: number, ontology: Ontology, settings: unknown) {
  return useMemo(() => {
    const points = (frame: number) => {
      const src = frames[frame ?? 0];
      const cloud = src && clouds.loaded(src);
      return cloud ? { positions: cloud.positions, stride: 3, count: cloud.count } : undefined;
    };
    return () => runChecks(set.toPayload(), { ontology, points }, settings);
    // `loaded` stands for the clouds kept in `clouds`.
  }, [set, frames, loaded, ontology, settings]);
}
