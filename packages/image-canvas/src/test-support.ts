// Shared by the tests: an ontology with one class per 2D kind, pointer helpers and a recording context.
import { parseOntology, type Ontology } from '@cadre/core';
import { ImageEngine } from './engine.ts';
import type { Context2D } from './render.ts';
import type { PointerInput } from './tools/types.ts';

export function testOntology(): Ontology {
  const parsed = parseOntology({
    classes: [
      { name: 'car', kind: 'bbox2d', color: '#ff0000', attributes: [{ name: 'occluded', type: 'boolean', default: false }] },
      { name: 'road', kind: 'polygon', hotkey: '2' },
      { name: 'lane', kind: 'polyline' },
      { name: 'head', kind: 'point2d', hotkey: 'k' },
      { name: 'review note', kind: 'text_class' },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

/** An engine over a 1000 × 800 image in an 800 × 600 canvas, zoomed 2× and panned, so canvas ≠ image px. */
export function zoomedEngine(): ImageEngine {
  const engine = new ImageEngine({ ontology: testOntology(), imageWidth: 1000, imageHeight: 800, canvasWidth: 800, canvasHeight: 600 });
  engine.viewport.scale = 2;
  engine.viewport.offsetX = -100;
  engine.viewport.offsetY = -40;
  return engine;
}

/** The canvas point over an image point of `engine`'s viewport. */
export function at(engine: ImageEngine, x: number, y: number, extra: Partial<PointerInput> = {}): PointerInput {
  const c = engine.viewport.toCanvas({ x, y });
  return { x: c.x, y: c.y, button: 0, shiftKey: false, ctrlKey: false, ...extra };
}

export function click(engine: ImageEngine, x: number, y: number, extra: Partial<PointerInput> = {}): void {
  engine.pointerDown(at(engine, x, y, extra));
  engine.pointerUp(at(engine, x, y, extra));
}

/** Press at `from`, move in steps, release at `to`, all in image px. */
export function drag(engine: ImageEngine, from: [number, number], to: [number, number], steps = 5): void {
  engine.pointerDown(at(engine, from[0], from[1]));
  for (let i = 1; i <= steps; i++) {
    engine.pointerMove(at(engine, from[0] + ((to[0] - from[0]) * i) / steps, from[1] + ((to[1] - from[1]) * i) / steps));
  }
  engine.pointerUp(at(engine, to[0], to[1]));
}

export type Call = { op: string; args: unknown[]; style: { stroke: unknown; dash: number[] } };

/** A Context2D that records the calls made on it, with the stroke style and dash current at each. */
export class RecordingContext implements Context2D {
  readonly calls: Call[] = [];
  strokeStyle: string | object = '#000000';
  fillStyle: string | object = '#000000';
  lineWidth = 1;
  font = '10px sans-serif';
  private dash: number[] = [];

  private record(op: string, args: unknown[]): void {
    this.calls.push({ op, args, style: { stroke: this.strokeStyle, dash: this.dash } });
  }
  save(): void { this.record('save', []); }
  restore(): void { this.record('restore', []); }
  beginPath(): void { this.record('beginPath', []); }
  stroke(): void { this.record('stroke', []); }
  fill(): void { this.record('fill', []); }
  closePath(): void { this.record('closePath', []); }
  moveTo(x: number, y: number): void { this.record('moveTo', [x, y]); }
  lineTo(x: number, y: number): void { this.record('lineTo', [x, y]); }
  rect(x: number, y: number, w: number, h: number): void { this.record('rect', [x, y, w, h]); }
  arc(x: number, y: number, r: number, a0: number, a1: number): void { this.record('arc', [x, y, r, a0, a1]); }
  clearRect(x: number, y: number, w: number, h: number): void { this.record('clearRect', [x, y, w, h]); }
  fillText(text: string, x: number, y: number): void { this.record('fillText', [text, x, y]); }
  setLineDash(segments: number[]): void {
    this.dash = [...segments];
    this.record('setLineDash', [this.dash]);
  }
  count(op: string): number {
    return this.calls.filter((c) => c.op === op).length;
  }
}
