/** One setting's rule: null when the value is acceptable, else what is wrong with it. */
export type Rule = (v: unknown) => string | null;

export const flag: Rule = (v) => (typeof v === 'boolean' ? null : `must be true or false, got ${JSON.stringify(v)}`);
export const share: Rule = (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? null : `must be a number from 0 to 1, got ${JSON.stringify(v)}`);
export const whole = (min: number, max: number): Rule => (v) =>
  (Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : `must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
