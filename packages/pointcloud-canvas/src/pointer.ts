/**
 * Pointer input on the orthographic views. Wheel zooms about the cursor. A click picks a box. On the
 * selected box a drag moves it, resizes it by a face or edge (the opposite face stays put) or, in the
 * top view, turns it by its knob. In the top view a drag on empty ground pans, or draws the
 * rectangle to fit with the cuboid tool (the right or middle button always pans).
 */
import type { Cuboid3dGeometry } from '@cadre/core';
import type { Tool } from './api.ts';
import { toLocal } from './box-math.ts';
import { dragTo, hitHandle, knobLength, VIEW_AXES, type Handle, type OrthoView } from './edit.ts';
import { metresPerPixel, zoomAt, type Vec3 } from './frames.ts';
import type { View } from './view.ts';

export interface PointerHost {
  tool(): Tool;
  selectedBox(): Cuboid3dGeometry | null;
  /** The box under canvas pixel (px, py) of `view`, or null. */
  pick(view: OrthoView, px: number, py: number, p: Vec3): string | null;
  select(id: string | null): void;
  edit(geometry: Cuboid3dGeometry): void;
  /** The rectangle being drawn; `rectangleDone` when let go (`to` null for a click). */
  rectangle(from: Vec3, to: Vec3): void;
  rectangleDone(from: Vec3, to: Vec3 | null): void;
  /** The view was panned or zoomed. */
  moved(view: View): void;
  /** A box drag with `handle` started (`view`) or ended (null): the dragged view must not follow the box meanwhile. */
  dragging(view: OrthoView | null, handle?: Handle): void;
}

/** How close to a face or the knob counts as on it, CSS pixels. */
const GRAB = 6;
/** Further than this between down and up is a drag, not a click, CSS pixels. */
const CLICK = 4;

/** Box-local (h, w) of a lidar point, on the two box axes `view` shows. */
function local(g: Cuboid3dGeometry, view: OrthoView, p: Vec3): [number, number] {
  const l = toLocal(g, p[0], p[1], p[2]);
  const [h, w] = VIEW_AXES[view];
  return [l[h], l[w]];
}

type Drag =
  | { kind: 'pan' | 'click'; start: Vec3; at: [number, number] }
  | { kind: 'rect'; start: Vec3; at: [number, number] }
  | { kind: 'edit'; start: Vec3; at: [number, number]; box: Cuboid3dGeometry; handle: Handle };

export function attachPointer(view: View, host: PointerHost): () => void {
  const canvas = view.renderer.domElement;
  const name = view.name as OrthoView;
  let drag: Drag | null = null;
  let moved = false;

  const down = (e: PointerEvent) => {
    const p = view.toLidar(e), at = view.pixel(e);
    const g = host.selectedBox();
    canvas.setPointerCapture(e.pointerId);
    moved = false;
    if (e.button === 0 && g) {
      const mpp = metresPerPixel(view.frame, view.size());
      const handle = hitHandle(g, name, ...local(g, name, p), mpp * GRAB, knobLength(mpp));
      if (handle) {
        drag = { kind: 'edit', start: p, at, box: g, handle };
        host.dragging(name, handle);
        return;
      }
    }
    if (e.button === 0 && name === 'top' && host.tool() === 'cuboid') drag = { kind: 'rect', start: p, at };
    else drag = { kind: name === 'top' || e.button !== 0 ? 'pan' : 'click', start: p, at };
  };
  const move = (e: PointerEvent) => {
    if (!drag) return;
    const p = view.toLidar(e), at = view.pixel(e);
    moved ||= Math.hypot(at[0] - drag.at[0], at[1] - drag.at[1]) > CLICK;
    // A box follows the pointer from the first pixel; panning and rectangles wait for a real drag.
    if (drag.kind === 'edit') host.edit(dragTo(drag.box, name, drag.handle, ...local(drag.box, name, drag.start), ...local(drag.box, name, p)));
    else if (!moved) return;
    else if (drag.kind === 'pan') {
      const f = view.frame;
      view.place({ ...f, centre: [f.centre[0] - p[0] + drag.start[0], f.centre[1] - p[1] + drag.start[1], f.centre[2] - p[2] + drag.start[2]] }, view.depth);
      host.moved(view);
    } else if (drag.kind === 'rect') host.rectangle(drag.start, p);
  };
  const up = (e: PointerEvent) => {
    if (!drag) return;
    const d = drag;
    drag = null;
    if (d.kind === 'edit') host.dragging(null);
    if (d.kind === 'rect') host.rectangleDone(d.start, moved ? view.toLidar(e) : null);
    if (!moved && d.kind !== 'edit') host.select(host.pick(name, ...view.pixel(e), view.toLidar(e)));
  };
  const wheel = (e: WheelEvent) => {
    e.preventDefault();
    view.place(zoomAt(view.frame, view.size(), ...view.pixel(e), Math.exp(e.deltaY * 0.001)), view.depth);
    host.moved(view);
  };
  const menu = (e: Event) => e.preventDefault();
  const listeners = [['pointerdown', down], ['pointermove', move], ['pointerup', up], ['pointercancel', up], ['contextmenu', menu]] as const;
  for (const [type, fn] of listeners) canvas.addEventListener(type, fn as EventListener);
  canvas.addEventListener('wheel', wheel, { passive: false });
  return () => {
    for (const [type, fn] of listeners) canvas.removeEventListener(type, fn as EventListener);
    canvas.removeEventListener('wheel', wheel);
  };
}

/** Clicks (not drags, e.g. an orbit) with the main button on a view's canvas. */
export function attachClick(view: View, onClick: (e: PointerEvent) => void): () => void {
  const canvas = view.renderer.domElement;
  let at: [number, number] = [0, 0];
  const down = (e: PointerEvent) => { at = [e.clientX, e.clientY]; };
  const up = (e: PointerEvent) => {
    if (e.button === 0 && Math.hypot(e.clientX - at[0], e.clientY - at[1]) <= CLICK) onClick(e);
  };
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointerup', up);
  return () => { canvas.removeEventListener('pointerdown', down); canvas.removeEventListener('pointerup', up); };
}
