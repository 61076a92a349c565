// Numbers in check messages: short, but never so rounded that a failing value reads as the limit.

/** Up to `digits` decimals, trailing zeros dropped: 2.5, 4, 0.35. */
export function short(v: number, digits = 2): string {
  return String(Number(v.toFixed(digits)));
}

/**
 * Fixed decimals (0.013, 0.010), widened until the measured value and the limit differ on the
 * page: 0.0104 against a 0.010 limit shows as 0.0104 and 0.0100.
 */
export function pair(measured: number, limit: number, digits = 3): [string, string] {
  let d = digits;
  while (d < 8 && measured !== limit && measured.toFixed(d) === limit.toFixed(d)) d++;
  return [measured.toFixed(d), limit.toFixed(d)];
}
