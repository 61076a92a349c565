import type { Bounds2d } from '@cadre/core';
import { hitTest } from '../hit-test.ts';
import { shapeOf, type ImageObject } from '../kinds/index.ts';
import { CLICK_SLOP, type KeyInput, type PointerInput, type Preview, type Tool, type ToolContext } from './types.ts';

type Drag =
  | { type: 'move'; start: ImageObject[]; bounds: Bounds2d }
  | { type: 'handle'; start: ImageObject; handle: number };

/** Picks the topmost shape, moves the selection by dragging, and resizes or reshapes through handles. */
export class SelectTool implements Tool {
  readonly name = 'select';
  private drag: Drag | undefined;
  private downCanvas = { x: 0, y: 0 };
  private downImage: [number, number] = [0, 0];
  private moving = false;

  constructor(private readonly ctx: ToolContext) {}

  pointerDown(e: PointerInput): void {
    if (e.button !== 0) return;
    const { doc } = this.ctx;
    const { x, y } = this.ctx.viewport.toImage(e);
    this.downCanvas = { x: e.x, y: e.y };
    this.downImage = [x, y];
    this.moving = false;
    const handle = this.handleAt(x, y);
    if (handle !== undefined) {
      this.start({ type: 'handle', start: handle.object, handle: handle.index });
      return;
    }
    const hit = hitTest(doc, x, y, this.ctx.tolerance());
    if (hit === undefined) {
      if (!e.shiftKey) doc.select([]);
      return;
    }
    if (e.shiftKey) doc.toggleSelected(hit.id);
    else if (!doc.selection.has(hit.id)) doc.select([hit.id]);
    if (!doc.selection.has(hit.id)) return;
    // Predictions are accepted or deleted, never dragged; locked objects stay put.
    const movable = [...doc.selection].flatMap((id) => {
      const o = doc.get(id);
      return o !== undefined && !doc.locked.has(id) ? [o] : [];
    });
    if (movable.length > 0) this.start({ type: 'move', start: movable, bounds: unionBounds(movable) });
  }

  pointerMove(e: PointerInput): void {
    const drag = this.drag;
    if (drag === undefined) return;
    if (!this.moving && Math.hypot(e.x - this.downCanvas.x, e.y - this.downCanvas.y) <= CLICK_SLOP) return;
    this.moving = true;
    const { doc, viewport } = this.ctx;
    if (drag.type === 'handle') {
      const [x, y] = this.ctx.imagePoint(e);
      const o = drag.start;
      doc.update(o.id, { geometry: shapeOf(o).dragHandle(o.geometry, drag.handle, x, y) }, 'reshape');
      return;
    }
    // Always from the start geometry, so rounding does not accumulate over a long drag.
    // Clamped so the selection stays on the image, where the payload validator wants it.
    const { bounds: b } = drag;
    const dx = clamp(viewport.imageX(e.x) - this.downImage[0], -b.minX, this.ctx.imageWidth - b.maxX);
    const dy = clamp(viewport.imageY(e.y) - this.downImage[1], -b.minY, this.ctx.imageHeight - b.maxY);
    for (const o of drag.start) doc.update(o.id, { geometry: shapeOf(o).move(o.geometry, dx, dy) }, 'move');
  }

  pointerUp(_e: PointerInput): void {
    if (this.drag === undefined) return;
    this.drag = undefined;
    this.ctx.history.end();
  }

  key(e: KeyInput): boolean {
    if (e.key !== 'Escape' || this.drag === undefined) return false;
    this.cancel();
    return true;
  }

  /** Abandons a drag and puts the shapes back where they were. */
  cancel(): void {
    const drag = this.drag;
    this.drag = undefined;
    if (drag === undefined) return;
    const { doc } = this.ctx;
    const starts = drag.type === 'move' ? drag.start : [drag.start];
    // Writing the original slots back inside the open group cancels out, leaving no undo step.
    doc.apply('cancel drag', starts.flatMap((object) => {
      const slot = doc.slot('objects', object.id);
      return slot === undefined ? [] : [{ layer: 'objects' as const, id: object.id, slot: { object, z: slot.z } }];
    }));
    this.ctx.history.end();
  }

  preview(): Preview | undefined {
    return undefined;
  }

  private start(drag: Drag): void {
    this.drag = drag;
    // One drag, however many pointer moves, is one undo step.
    this.ctx.history.begin(drag.type === 'move' ? 'move' : 'reshape');
  }

  /** A handle of the one selected object under the pointer; handles only show on a single selection. */
  private handleAt(x: number, y: number): { object: ImageObject; index: number } | undefined {
    const { doc } = this.ctx;
    if (doc.selection.size !== 1) return undefined;
    const [id] = doc.selection;
    const object = id === undefined ? undefined : doc.get(id);
    if (object === undefined || doc.locked.has(object.id) || doc.hidden.has(object.id)) return undefined;
    const hit = shapeOf(object).hitTest(object.geometry, x, y, this.ctx.tolerance());
    return hit?.part === 'handle' ? { object, index: hit.index } : undefined;
  }
}

function unionBounds(objects: readonly ImageObject[]): Bounds2d {
  const u = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const o of objects) {
    const b = shapeOf(o).bounds(o.geometry);
    u.minX = Math.min(u.minX, b.minX);
    u.minY = Math.min(u.minY, b.minY);
    u.maxX = Math.max(u.maxX, b.maxX);
    u.maxY = Math.max(u.maxY, b.maxY);
  }
  return u;
}

// A shape bigger than the image has no valid range (lo > hi); it then pins to hi rather than jumping about.
function clamp(v: number, lo: number, hi: number): number {
  return Math.max(Math.min(v, hi), Math.min(lo, hi));
}
