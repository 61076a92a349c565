import { expected, isRecord } from '../check.ts';
import type { KindModule } from './types.ts';

/** Whole-document classification: the label is the answer, so there is no geometry. */
export type TextClassGeometry = Record<string, never> | null;

export const textClass: KindModule<'text_class', TextClassGeometry> = {
  kind: 'text_class',
  validate(g, _ctx = {}, path = 'geometry') {
    if (g === null || (isRecord(g) && Object.keys(g).length === 0)) return [];
    return [expected(path, 'null or an empty object (text_class has no geometry)', g)];
  },
};
