import { VertexTool } from './vertices.ts';
import type { PointerInput, ToolContext } from './types.ts';

/** Open line: finishes on Enter or a double-click. */
export class PolylineTool extends VertexTool {
  constructor(ctx: ToolContext) {
    super(ctx, { name: 'polyline', closed: false, minPoints: 2 });
  }

  // The first press of the double-click already placed the last vertex; the second only ends the line.
  protected finishesOn(e: PointerInput): boolean {
    return (e.detail ?? 1) >= 2;
  }
}
