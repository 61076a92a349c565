import type { Bounds2d } from '@cadre/core';
import type { AnnotationDocument, Layer } from './document.ts';
import { shapeKinds, shapeOf, type ImageObject, type PathSink } from './kinds/index.ts';
import { NOTE_COLORS, type ObjectNote } from './notes.ts';
import { FALLBACK_STYLES, type LabelStyles, type ShapeStyle } from './style.ts';
import type { Preview } from './tools/types.ts';
import type { ViewTransform, Viewport } from './viewport.ts';

/**
 * The part of CanvasRenderingContext2D the engine draws with. A real context satisfies it; tests
 * pass a recorder. Style fields admit `object` because a real context also holds gradients there.
 */
export interface Context2D extends PathSink {
  save(): void;
  restore(): void;
  beginPath(): void;
  stroke(): void;
  fill(): void;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  setLineDash(segments: number[]): void;
  strokeStyle: string | object;
  fillStyle: string | object;
  lineWidth: number;
  font: string;
}

export interface RenderStats {
  objects: number;
  predictions: number;
}

const HANDLE_SIZE = 6;

/** Draws one shape on its own; the batched renderer below is what the engine uses per frame. */
export function drawShape(ctx: Context2D, obj: ImageObject, style: ShapeStyle, viewport: ViewTransform): void {
  applyStyle(ctx, style);
  ctx.beginPath();
  shapeOf(obj).trace(ctx, obj.geometry, viewport);
  if (style.fill !== undefined) ctx.fill();
  ctx.stroke();
}

/**
 * Draws what the viewport shows: culled through the spatial index, grouped by class so each group
 * is one path with one style change, and with buffers kept between frames so that a frame of
 * 10,000 boxes allocates nothing per box.
 */
export class Renderer {
  private readonly ids: string[] = [];
  private readonly buckets = new Map<string, ImageObject[]>();
  private readonly rect: Bounds2d = { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  // Predictions never change in place, so a label computed once per prediction object stays right.
  private readonly scoreLabels = new WeakMap<ImageObject, { text: string; x: number; y: number }>();

  constructor(private readonly styles: ReadonlyMap<string, LabelStyles>) {}

  render(ctx: Context2D, doc: AnnotationDocument, viewport: Viewport, preview: Preview | undefined, activeClass: string | undefined): RenderStats {
    ctx.clearRect(0, 0, viewport.canvasWidth, viewport.canvasHeight);
    viewport.visibleRect(this.rect);
    // Predictions first, so human work is drawn over them.
    const predictions = this.drawLayer(ctx, doc, viewport, 'predictions');
    const objects = this.drawLayer(ctx, doc, viewport, 'objects');
    this.drawSelection(ctx, doc, viewport);
    if (preview !== undefined) this.drawPreview(ctx, preview, viewport, activeClass);
    ctx.setLineDash([]);
    return { objects, predictions };
  }

  private drawLayer(ctx: Context2D, doc: AnnotationDocument, v: Viewport, layer: Layer): number {
    const ids = this.ids;
    ids.length = 0;
    doc.index[layer].query(this.rect, ids);
    for (const bucket of this.buckets.values()) bucket.length = 0;
    let drawn = 0;
    for (const id of ids) {
      if (doc.hidden.has(id) || doc.selection.has(id)) continue;
      const obj = doc.slot(layer, id)?.object;
      if (obj === undefined) continue;
      let bucket = this.buckets.get(obj.label);
      if (bucket === undefined) this.buckets.set(obj.label, (bucket = []));
      bucket.push(obj);
      drawn++;
    }
    // A crowded view (thousands of shapes on screen) is drawn as hairline outlines without fills:
    // software rasterisers spend most of a frame on wide strokes and translucent fills, and at that
    // density fills only hide the image anyway.
    const crowded = drawn > CROWDED;
    for (const [label, bucket] of this.buckets) {
      if (bucket.length === 0) continue;
      const styles = this.styles.get(label) ?? FALLBACK_STYLES;
      const style = layer === 'predictions' ? styles.prediction : styles.object;
      applyStyle(ctx, style, crowded);
      ctx.beginPath();
      for (const obj of bucket) shapeKinds[obj.kind].trace(ctx, obj.geometry as never, v);
      if (style.fill !== undefined && !crowded) ctx.fill();
      ctx.stroke();
      if (layer === 'predictions') this.drawScores(ctx, bucket, style, v);
    }
    return drawn;
  }

  private drawScores(ctx: Context2D, bucket: readonly ImageObject[], style: ShapeStyle, v: Viewport): void {
    ctx.fillStyle = style.stroke;
    ctx.font = '11px sans-serif';
    for (const p of bucket) {
      if (p.score === undefined) continue;
      let label = this.scoreLabels.get(p);
      if (label === undefined) {
        // The first handle is the top-left corner of a box and the first vertex of anything else.
        const [x, y] = shapeOf(p).handles(p.geometry)[0] ?? [0, 0];
        this.scoreLabels.set(p, (label = { text: p.score.toFixed(2), x, y }));
      }
      ctx.fillText(label.text, label.x * v.scale + v.offsetX, label.y * v.scale + v.offsetY - 3);
    }
  }

  private drawSelection(ctx: Context2D, doc: AnnotationDocument, v: Viewport): void {
    for (const id of doc.selection) {
      const layer = doc.layerOf(id);
      const obj = layer === undefined ? undefined : doc.slot(layer, id)?.object;
      if (obj === undefined || doc.hidden.has(id)) continue;
      const styles = this.styles.get(obj.label) ?? FALLBACK_STYLES;
      drawShape(ctx, obj, layer === 'predictions' ? { ...styles.selected, dash: styles.prediction.dash } : styles.selected, v);
      if (layer === 'predictions' || doc.selection.size > 1) continue;
      ctx.fillStyle = '#ffffff';
      ctx.beginPath();
      for (const [x, y] of shapeOf(obj).handles(obj.geometry)) {
        ctx.rect(x * v.scale + v.offsetX - HANDLE_SIZE / 2, y * v.scale + v.offsetY - HANDLE_SIZE / 2, HANDLE_SIZE, HANDLE_SIZE);
      }
      ctx.fill();
      ctx.stroke();
    }
  }

  private drawPreview(ctx: Context2D, preview: Preview, v: Viewport, activeClass: string | undefined): void {
    const style = (activeClass === undefined ? undefined : this.styles.get(activeClass)) ?? FALLBACK_STYLES;
    applyStyle(ctx, { ...style.object, fill: undefined });
    ctx.beginPath();
    preview.points.forEach(([x, y], i) => {
      if (i === 0) ctx.moveTo(x * v.scale + v.offsetX, y * v.scale + v.offsetY);
      else ctx.lineTo(x * v.scale + v.offsetX, y * v.scale + v.offsetY);
    });
    if (preview.closed) ctx.closePath();
    ctx.stroke();
  }
}

/** A thick outline in the note's colour round every object that has a note. */
export function drawNoteOutlines(ctx: Context2D, doc: AnnotationDocument, v: ViewTransform, notes: readonly ObjectNote[]): void {
  if (notes.length === 0) return;
  const drawn = new Set<string>();
  for (const n of notes) {
    if (n.objectId === null || drawn.has(n.objectId) || doc.hidden.has(n.objectId)) continue;
    const layer = doc.layerOf(n.objectId);
    const obj = layer === undefined ? undefined : doc.slot(layer, n.objectId)?.object;
    if (obj === undefined) continue;
    // A rejection outranks a check on the same object.
    const tone = notes.some((m) => m.objectId === n.objectId && m.tone === 'reject') ? 'reject' : n.tone;
    drawn.add(n.objectId);
    drawShape(ctx, obj, { stroke: NOTE_COLORS[tone], fill: undefined, lineWidth: 3, dash: [] }, v);
  }
  ctx.setLineDash([]);
}

/** Above this many shapes on screen, outlines are hairlines and fills are left out. */
export const CROWDED = 1500;

function applyStyle(ctx: Context2D, style: ShapeStyle, crowded = false): void {
  ctx.strokeStyle = style.stroke;
  if (style.fill !== undefined) ctx.fillStyle = style.fill;
  ctx.lineWidth = crowded ? 1 : style.lineWidth;
  ctx.setLineDash(style.dash);
}
