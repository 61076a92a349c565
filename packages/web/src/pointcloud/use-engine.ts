// Creates the 3D engine over the four view containers once they are in the page, and destroys it
// when the page goes. The keyboard goes to the stage, so typing in a panel never nudges a box.
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { EngineOptions, PointCloudEngineApi, ViewName } from '../../../pointcloud-canvas/src/api.ts'; // TEMPORARY

export type ViewRefs = Record<ViewName, RefObject<HTMLDivElement | null>>;

export function useViewRefs(): ViewRefs {
  return { perspective: useRef(null), top: useRef(null), side: useRef(null), front: useRef(null) };
}

type EngineClass = new (options: EngineOptions) => PointCloudEngineApi;

export function useEngine(views: ViewRefs, stage: RefObject<HTMLDivElement | null>, onError: (m: string) => void): PointCloudEngineApi | null {
  const [engine, setEngine] = useState<PointCloudEngineApi | null>(null);
  useEffect(() => {
    const [perspective, top, side, front] = [views.perspective.current, views.top.current, views.side.current, views.front.current];
    const box = stage.current;
    if (!perspective || !top || !side || !front || !box) return;
    let created: PointCloudEngineApi | null = null;
    let observer: ResizeObserver | null = null;
    let gone = false;
    // TEMPORARY: looked up at run time until @cadre/pointcloud-canvas exports the class.
    void import('@cadre/pointcloud-canvas').then((m) => {
      const Engine = (m as Record<string, unknown>).PointCloudEngine as EngineClass | undefined;
      if (!Engine) return onError('the 3D engine (@cadre/pointcloud-canvas) is not built yet');
      if (gone) return;
      created = new Engine({ views: { perspective, top, side, front }, keyTarget: box });
      observer = new ResizeObserver(() => created?.resize());
      observer.observe(box);
      setEngine(created);
    });
    return () => { gone = true; observer?.disconnect(); created?.destroy(); setEngine(null); };
    // The refs are stable: the engine is made once per mounted page.
  }, []);
  return engine;
}
