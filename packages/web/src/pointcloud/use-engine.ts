// Creates the 3D engine over the four view containers once they are in the page, and destroys it
// when the page goes. Keys reach it from anywhere on the page (after a click in a list too); it
// leaves alone those typed into inputs and selects.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { PointCloudEngine, type ViewName } from '@cadre/pointcloud-canvas';

export type ViewRefs = Record<ViewName, RefObject<HTMLDivElement | null>>;

export function useViewRefs(): ViewRefs {
  return { perspective: useRef(null), top: useRef(null), side: useRef(null), front: useRef(null) };
}

export function useEngine(views: ViewRefs): PointCloudEngine | null {
  const [engine, setEngine] = useState<PointCloudEngine | null>(null);
  useEffect(() => {
    const [perspective, top, side, front] = [views.perspective.current, views.top.current, views.side.current, views.front.current];
    if (!perspective || !top || !side || !front) return;
    const created = new PointCloudEngine({ views: { perspective, top, side, front }, keyTarget: window });
    setEngine(created);
    return () => { created.destroy(); setEngine(null); };
    // The refs are stable: the engine is made once per mounted page.
  }, []);
  return engine;
}
