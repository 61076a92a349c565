import { VertexTool } from './vertices.ts';
import type { PointerInput, ToolContext } from './types.ts';

/** Closed outline: closes on a click on the first vertex, or on Enter. */
export class PolygonTool extends VertexTool {
  constructor(ctx: ToolContext) {
    super(ctx, { name: 'polygon', closed: true, minPoints: 3 });
  }

  protected finishesOn(_e: PointerInput, [x, y]: [number, number]): boolean {
    const first = this.points[0];
    if (first === undefined || this.points.length < 3) return false;
    const tol = this.ctx.tolerance();
    return Math.abs(first[0] - x) <= tol && Math.abs(first[1] - y) <= tol;
  }
}
