import type { Ontology } from '@cadre/core';
import { isImageKind } from './kinds/index.ts';

export interface ShapeStyle {
  stroke: string;
  /** Undefined for open shapes, which are never filled. */
  fill: string | undefined;
  lineWidth: number;
  /** Canvas-pixel dash pattern; empty for a solid line. */
  dash: number[];
}

export interface LabelStyles {
  object: ShapeStyle;
  prediction: ShapeStyle;
  selected: ShapeStyle;
}

// For classes without a colour: distinct hues that read on photos.
const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#bfef45', '#fabed4', '#469990'];
export const PREDICTION_DASH = [6, 4];

/** Styles per class name, computed once so the draw loop only reads them. */
export function stylesFor(ontology: Ontology): Map<string, LabelStyles> {
  const styles = new Map<string, LabelStyles>();
  ontology.classes.forEach((c, i) => {
    if (!isImageKind(c.kind)) return;
    const color = c.color ?? PALETTE[i % PALETTE.length]!;
    const filled = c.kind !== 'polyline';
    styles.set(c.name, {
      object: { stroke: color, fill: filled ? `${color}33` : undefined, lineWidth: 2, dash: [] },
      // Machine pre-labels: dashed and unfilled, so they never pass for human work.
      prediction: { stroke: color, fill: undefined, lineWidth: 1.5, dash: PREDICTION_DASH },
      selected: { stroke: '#ffffff', fill: filled ? `${color}66` : undefined, lineWidth: 3, dash: [] },
    });
  });
  return styles;
}

export const FALLBACK_STYLES: LabelStyles = {
  object: { stroke: '#cccccc', fill: '#cccccc33', lineWidth: 2, dash: [] },
  prediction: { stroke: '#cccccc', fill: undefined, lineWidth: 1.5, dash: PREDICTION_DASH },
  selected: { stroke: '#ffffff', fill: '#cccccc66', lineWidth: 3, dash: [] },
};
