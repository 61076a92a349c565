import type { ImageKind } from '../kinds/index.ts';
import { PointTool } from './point.ts';
import { PolygonTool } from './polygon.ts';
import { PolylineTool } from './polyline.ts';
import { RectangleTool } from './rectangle.ts';
import { SelectTool } from './select.ts';
import type { Tool, ToolContext, ToolName } from './types.ts';

export function createTools(ctx: ToolContext): Record<ToolName, Tool> {
  return {
    select: new SelectTool(ctx),
    rectangle: new RectangleTool(ctx),
    polygon: new PolygonTool(ctx),
    polyline: new PolylineTool(ctx),
    point: new PointTool(ctx),
  };
}

/** The drawing tool for each kind, and back. */
export const TOOL_FOR_KIND: Readonly<Record<ImageKind, ToolName>> = { bbox2d: 'rectangle', polygon: 'polygon', polyline: 'polyline', point2d: 'point' };
export const KIND_FOR_TOOL: Readonly<Partial<Record<ToolName, ImageKind>>> = { rectangle: 'bbox2d', polygon: 'polygon', polyline: 'polyline', point: 'point2d' };

export type { KeyInput, PointerInput, Preview, Tool, ToolContext, ToolName } from './types.ts';
