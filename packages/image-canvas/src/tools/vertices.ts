import type { KeyInput, PointerInput, Preview, Tool, ToolContext, ToolName } from './types.ts';

export interface VertexToolOptions {
  name: ToolName & ('polygon' | 'polyline');
  closed: boolean;
  minPoints: number;
}

/**
 * Click-by-click drawing shared by polygon and polyline: each click adds a vertex, Backspace
 * removes the last, Escape drops the shape, Enter finishes. Subclasses decide what else finishes.
 */
export abstract class VertexTool implements Tool {
  readonly name: VertexToolOptions['name'];
  protected points: [number, number][] = [];
  private cursor: [number, number] | undefined;

  constructor(protected readonly ctx: ToolContext, private readonly options: VertexToolOptions) {
    this.name = options.name;
  }

  /** Whether this press ends the shape instead of adding a vertex. */
  protected abstract finishesOn(e: PointerInput, point: [number, number]): boolean;

  get drawing(): boolean {
    return this.points.length > 0;
  }

  pointerDown(e: PointerInput): void {
    if (e.button !== 0) return;
    const p = this.ctx.imagePoint(e);
    if (this.drawing && this.finishesOn(e, p)) {
      this.finish();
      return;
    }
    this.points.push(p);
    this.cursor = p;
  }

  pointerMove(e: PointerInput): void {
    this.cursor = this.ctx.imagePoint(e);
  }

  pointerUp(_e: PointerInput): void {}

  key(e: KeyInput): boolean {
    if (!this.drawing) return false;
    if (e.key === 'Escape') this.cancel();
    else if (e.key === 'Enter') this.finish();
    else if (e.key === 'Backspace') this.points.pop();
    else return false;
    return true;
  }

  cancel(): void {
    this.points = [];
    this.cursor = undefined;
  }

  preview(): Preview | undefined {
    if (!this.drawing) return undefined;
    const points = this.cursor === undefined ? this.points : [...this.points, this.cursor];
    return { kind: this.options.name, points, closed: this.options.closed };
  }

  /** Keeps drawing when there are too few vertices, rather than throwing the clicks away. */
  protected finish(): void {
    if (this.points.length < this.options.minPoints) return;
    this.ctx.create(this.options.name, { points: this.points });
    this.cancel();
  }
}
