// Where a note on a box shows in the top view: beside the box's centre, on the frame shown.
import type { RefObject } from 'react';
import type { PointCloudEngine } from '@cadre/pointcloud-canvas';
import type { NoteAnchor } from '../workflow/notes-overlay.tsx';
import type { CuboidSet } from './cuboids.ts';

export function besideBox(engine: PointCloudEngine, set: CuboidSet, frame: number, top: RefObject<HTMLDivElement | null>): NoteAnchor {
  return (id) => {
    const o = set.get(id);
    const view = top.current;
    if (!o || !view || (set.sequence && (o.frame ?? 0) !== frame)) return null;
    const at = engine.topToClient(o.geometry.x, o.geometry.y, o.geometry.z);
    const r = view.getBoundingClientRect();
    const x = at.x - r.left, y = at.y - r.top;
    if (!(x >= 0 && y >= 0 && x <= r.width && y <= r.height)) return null;
    return { x: x + 12, y: y - 8 };
  };
}
