import { flag, type Rule } from './rule.ts';

// How text projects label: snapping, overlapping spans, classes per item.
export interface TextSettings {
  /** Text spans: 'token' (default) snaps a selection to whole tokens, 'char' keeps character precision. */
  granularity: 'token' | 'char';
  /** Text spans: whether two spans may overlap (default false). */
  allowOverlap: boolean;
  /** Text classification: several classes per item (default false: one). */
  multiLabel: boolean;
}

export const DEFAULT_TEXT: TextSettings = { granularity: 'token', allowOverlap: false, multiLabel: false };

export const TEXT_RULES: Record<keyof TextSettings, Rule> = {
  granularity: (v) => (v === 'token' || v === 'char' ? null : `must be "token" or "char", got ${JSON.stringify(v)}`),
  allowOverlap: flag,
  multiLabel: flag,
};
