import { boxFromCorners } from '../kinds/index.ts';
import { CLICK_SLOP, type KeyInput, type PointerInput, type Preview, type Tool, type ToolContext } from './types.ts';

/** Draws a box by dragging corner to corner, or by clicking one corner and then the other. */
export class RectangleTool implements Tool {
  readonly name = 'rectangle';
  // pressing: button down on the first corner; waiting: first corner clicked; second: pressing on the second corner.
  private phase: 'idle' | 'pressing' | 'waiting' | 'second' = 'idle';
  private anchor: [number, number] = [0, 0];
  private anchorCanvas = { x: 0, y: 0 };
  private cursor: [number, number] = [0, 0];

  constructor(private readonly ctx: ToolContext) {}

  pointerDown(e: PointerInput): void {
    if (e.button !== 0) return;
    this.cursor = this.ctx.imagePoint(e);
    if (this.phase === 'idle') {
      this.anchor = this.cursor;
      this.anchorCanvas = { x: e.x, y: e.y };
      this.phase = 'pressing';
    } else if (this.phase === 'waiting') {
      this.phase = 'second';
    }
  }

  pointerMove(e: PointerInput): void {
    this.cursor = this.ctx.imagePoint(e);
  }

  pointerUp(e: PointerInput): void {
    if (e.button !== 0) return;
    this.cursor = this.ctx.imagePoint(e);
    const moved = Math.hypot(e.x - this.anchorCanvas.x, e.y - this.anchorCanvas.y) > CLICK_SLOP;
    if (this.phase === 'pressing') {
      if (moved) this.finish();
      else this.phase = 'waiting';
    } else if (this.phase === 'second') {
      // A second click on the first corner would make a 1-pixel box; wait for a real second corner.
      if (moved) this.finish();
      else this.phase = 'waiting';
    }
  }

  key(e: KeyInput): boolean {
    if (e.key !== 'Escape' || this.phase === 'idle') return false;
    this.cancel();
    return true;
  }

  cancel(): void {
    this.phase = 'idle';
  }

  preview(): Preview | undefined {
    if (this.phase === 'idle') return undefined;
    const [ax, ay] = this.anchor;
    const [bx, by] = this.cursor;
    return { kind: 'bbox2d', points: [[ax, ay], [bx, ay], [bx, by], [ax, by]], closed: true };
  }

  private finish(): void {
    this.phase = 'idle';
    this.ctx.create('bbox2d', boxFromCorners(this.anchor[0], this.anchor[1], this.cursor[0], this.cursor[1]));
  }
}
