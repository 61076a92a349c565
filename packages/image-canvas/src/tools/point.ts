import { px } from '@cadre/core';
import type { KeyInput, PointerInput, Preview, Tool, ToolContext } from './types.ts';

/** One click, one point. */
export class PointTool implements Tool {
  readonly name = 'point';

  constructor(private readonly ctx: ToolContext) {}

  pointerDown(e: PointerInput): void {
    if (e.button !== 0) return;
    const [x, y] = this.ctx.imagePoint(e);
    this.ctx.create('point2d', { x: px(x), y: px(y) });
  }
  pointerMove(_e: PointerInput): void {}
  pointerUp(_e: PointerInput): void {}
  key(_e: KeyInput): boolean {
    return false;
  }
  cancel(): void {}
  preview(): Preview | undefined {
    return undefined;
  }
}
