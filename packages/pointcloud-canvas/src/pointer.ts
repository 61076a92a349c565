/**
 * Pointer input on the orthographic views: wheel zooms about the cursor; in the top view a drag on
 * empty ground pans (or, with the cuboid tool, draws the rectangle to fit); on the selected box a
 * drag moves it, resizes it by a face or edge, or turns it by its knob.
 */
import * as THREE from 'three';
import type { Cuboid3dGeometry } from '@cadre/core';
import { toLocal } from './box-math.ts';
import { dragTo, hitHandle, VIEW_AXES, type Handle, type OrthoView } from './edit.ts';
import type { View } from './view.ts';

export interface PointerHost {
  tool(): 'select' | 'cuboid';
  selectedBox(): Cuboid3dGeometry | null;
  /** Top-view click: the box under the point, or null. */
  boxAt(x: number, y: number): string | null;
  select(id: string | null): void;
  edit(geometry: Cuboid3dGeometry): void;
  /** The rectangle being drawn; `rectangleDone` when let go (`to` null for a click). */
  rectangle(from: THREE.Vector3, to: THREE.Vector3): void;
  rectangleDone(from: THREE.Vector3, to: THREE.Vector3 | null): void;
  panned(view: View): void;
}

const PIXELS = 6;

/** Box-local (h, w) of a world point as `view` shows the box. */
function local(g: Cuboid3dGeometry, view: OrthoView, p: THREE.Vector3): [number, number] {
  const l = toLocal(g, p.x, p.y, p.z);
  const [h, w] = VIEW_AXES[view];
  return [l[h], l[w]];
}

export function attachPointer(view: View, host: PointerHost): () => void {
  const canvas = view.renderer.domElement;
  const name = view.name as OrthoView;
  let drag: { kind: 'pan' | 'rect' | 'edit'; start: THREE.Vector3; box?: Cuboid3dGeometry; handle?: Handle; moved: boolean } | null = null;

  const down = (e: PointerEvent) => {
    const p = view.toWorld(e.clientX, e.clientY);
    const g = host.selectedBox();
    const tol = view.metresPerPixel() * PIXELS;
    canvas.setPointerCapture(e.pointerId);
    if (e.button === 0 && g) {
      const [h, w] = local(g, name, p);
      const handle = hitHandle(g, name, h, w, tol);
      if (handle) { drag = { kind: 'edit', start: p, box: g, handle, moved: false }; return; }
    }
    if (name !== 'top') return;
    if (e.button === 0 && host.tool() === 'cuboid') drag = { kind: 'rect', start: p, moved: false };
    else drag = { kind: 'pan', start: p, moved: false };
  };
  const move = (e: PointerEvent) => {
    if (!drag) return;
    const p = view.toWorld(e.clientX, e.clientY);
    drag.moved = true;
    if (drag.kind === 'pan') {
      view.centre.x -= p.x - drag.start.x;
      view.centre.y -= p.y - drag.start.y;
      view.place();
      host.panned(view);
    } else if (drag.kind === 'rect') {
      host.rectangle(drag.start, p);
    } else if (drag.box && drag.handle) {
      const [h0, w0] = local(drag.box, name, drag.start);
      const [h1, w1] = local(drag.box, name, p);
      host.edit(dragTo(drag.box, name, drag.handle, h0, w0, h1, w1));
    }
  };
  const up = (e: PointerEvent) => {
    if (!drag) return;
    const p = view.toWorld(e.clientX, e.clientY);
    if (drag.kind === 'rect') host.rectangleDone(drag.start, drag.moved ? p : null);
    else if (drag.kind === 'pan' && !drag.moved && name === 'top') host.select(host.boxAt(p.x, p.y));
    drag = null;
  };
  const wheel = (e: WheelEvent) => {
    e.preventDefault();
    const before = view.toWorld(e.clientX, e.clientY);
    view.span = Math.min(200, Math.max(1, view.span * Math.exp(e.deltaY * 0.001)));
    view.place();
    if (name === 'top') {
      // Keep the point under the cursor where it was.
      const after = view.toWorld(e.clientX, e.clientY);
      view.centre.x += before.x - after.x;
      view.centre.y += before.y - after.y;
      view.place();
    }
    host.panned(view);
  };
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('wheel', wheel, { passive: false });
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  return () => {
    canvas.removeEventListener('pointerdown', down);
    canvas.removeEventListener('pointermove', move);
    canvas.removeEventListener('pointerup', up);
    canvas.removeEventListener('wheel', wheel);
  };
}
