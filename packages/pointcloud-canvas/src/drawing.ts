/**
 * The four views and when they draw. The perspective and top views show the overview scene (the
 * whole sweep and every box); side and front show the detail scene (the slab of points around the
 * selected box, and the boxes) and follow that box. Nothing is drawn while nothing changes; a change
 * marks the views it touches, and they draw once at the next animation frame.
 */
import * as THREE from 'three';
import type { Cuboid3dGeometry } from '@cadre/core';
import type { ViewName } from './api.ts';
import type { OrthoView } from './edit.ts';
import { boxFrame, slabDepth } from './frames.ts';
import { View } from './view.ts';

export const VIEWS: readonly ViewName[] = ['perspective', 'top', 'side', 'front'];
const DETAIL = ['side', 'front'] as const;

export class Drawing {
  readonly overview = new THREE.Scene();
  readonly detail = new THREE.Scene();
  readonly views: Record<ViewName, View>;
  /** The orthographic view a box is being dragged in: it holds still until the drag ends. */
  frozen: OrthoView | null = null;
  /** Called after a view drew (the engine moves its notes then). */
  onRendered: ((view: ViewName) => void) | null = null;
  private frame = 0;
  private readonly observer: ResizeObserver | null = null;

  /** `onResize`: a container changed size (the engine re-sizes and refits through `resize`). */
  constructor(containers: Record<ViewName, HTMLElement>, onResize: () => void) {
    this.views = Object.fromEntries(VIEWS.map((n) => [n, new View(n, containers[n])])) as Record<ViewName, View>;
    for (const n of DETAIL) this.views[n].empty = true;
    if (typeof ResizeObserver !== 'undefined') {
      this.observer = new ResizeObserver(onResize);
      for (const n of VIEWS) this.observer.observe(containers[n]);
    }
  }

  /** Marks views for drawing at the next animation frame (all of them without an argument). */
  invalidate(view?: ViewName): void {
    for (const n of view ? [view] : VIEWS) this.views[n].dirty = true;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      // A hidden view (no size, e.g. a collapsed panel) stays dirty and draws when it is shown again.
      for (const n of VIEWS) {
        if (!this.views[n].dirty || !this.views[n].shown()) continue;
        this.views[n].render(n === 'side' || n === 'front' ? this.detail : this.overview);
        this.onRendered?.(n);
      }
    });
  }

  /** Side and front look at `g` (empty without one); `refit` zooms them to it, else their zoom stays. */
  follow(g: Cuboid3dGeometry | null, refit: boolean): void {
    for (const n of DETAIL) {
      const view = this.views[n];
      view.empty = !g;
      view.dirty = true;
      if (!g || this.frozen === n) continue;
      view.place(refit ? boxFrame(n, g, view.size()) : boxFrame(n, g, view.size(), view.frame.span), slabDepth(n, g));
    }
  }

  /** Sizes every canvas to its container (the host calls `resize` too, e.g. after a layout change). */
  resize(): void {
    for (const n of VIEWS) this.views[n].resize();
    this.invalidate();
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.observer?.disconnect();
    for (const n of VIEWS) this.views[n].dispose();
  }
}
