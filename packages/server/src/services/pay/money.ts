// Money is integer minor units of an ISO 4217 currency; multipliers are integer basis points
// (10000 = ×1). A price times its multipliers is one rational, rounded once, half away from zero
// (a unit of 0.5 fen becomes 1 fen), in BigInt so nothing passes through floating point.
import type { MinorUnits } from '@cadre/core';

export const BPS = 10_000;

const exponents = new Map<string, number>();

/** Digits after the decimal point for a currency (CNY 2, JPY 0, KWD 3); unknown codes are refused. */
export function currencyExponent(currency: string): number {
  let e = exponents.get(currency);
  if (e === undefined) {
    if (!isCurrency(currency)) throw new RangeError(`unknown currency ${JSON.stringify(currency)}`);
    e = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, e);
  }
  return e;
}

export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code);
}

/** price × Π(bps / 10000), rounded half away from zero. */
export function applyBps(priceMinor: number, bps: readonly number[]): MinorUnits {
  let num = BigInt(priceMinor);
  let den = 1n;
  for (const b of bps) { num *= BigInt(b); den *= BigInt(BPS); }
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const q = (abs * 2n + den) / (den * 2n);
  return Number(neg ? -q : q) as MinorUnits;
}

/** a / b rounded half away from zero (b > 0); for averages such as cost per item. */
export function divRound(a: number, b: number): number {
  if (b <= 0) return 0;
  const neg = a < 0;
  const q = (BigInt(Math.abs(a)) * 2n + BigInt(b)) / (BigInt(b) * 2n);
  return Number(neg ? -q : q);
}

/** 12345 CNY → "123.45"; -5 CNY → "-0.05"; 700 JPY → "700". A decimal string, never a float. */
export function formatMinor(amount: number, currency: string): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`minor units must be a safe integer, got ${amount}`);
  const e = currencyExponent(currency);
  const digits = String(Math.abs(amount)).padStart(e + 1, '0');
  const whole = e === 0 ? digits : `${digits.slice(0, -e)}.${digits.slice(-e)}`;
  return amount < 0 ? `-${whole}` : whole;
}
