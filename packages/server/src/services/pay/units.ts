// Units of work in an annotation and what each is worth on a card. A unit has a key that is stable
// for the same annotation (the ledger's exactly-once key is built from it).
import type { ObjectOrigin } from '@cadre/core';
import { applyBps, BPS } from './money.ts';
import type { Difficulty, RateCard, UnitPrices } from './rate-card.ts';

export interface PayItem { kind: string; frames: unknown; metadata: unknown }
interface PayObject { id?: unknown; kind?: unknown; label?: unknown; origin?: unknown; frame?: unknown }

export interface PricedUnit {
  key: string;
  unit: 'item' | 'frame' | 'object';
  class?: string; geometry?: string; origin?: ObjectOrigin; frame?: number;
  priceMinor: number;
  /** The multipliers applied, in basis points; the amount is the price times them, rounded once. */
  bps: number[];
  amountMinor: number;
  /** How a line reads on a statement or invoice. */
  description: string;
}

export type Method = 'manual' | 'prelabeled' | 'automatic';

export function objectsOf(payload: unknown): PayObject[] {
  const objs = (payload as { objects?: unknown } | null | undefined)?.objects;
  return Array.isArray(objs) ? (objs as PayObject[]) : [];
}

const originOf = (o: PayObject): ObjectOrigin =>
  o.origin === 'prediction_accepted' || o.origin === 'prediction_edited' ? o.origin : 'human';

/** By hand: no pre-label used; automatic: every object accepted unchanged from pre-labels; else from pre-labels. */
export function methodOf(payload: unknown): Method {
  const origins = objectsOf(payload).map(originOf);
  if (origins.length > 0 && origins.every((o) => o === 'prediction_accepted')) return 'automatic';
  return origins.some((o) => o !== 'human') ? 'prelabeled' : 'manual';
}

export function frameCount(item: PayItem): number {
  return item.kind === 'pointcloud' && Array.isArray(item.frames) ? item.frames.length : 0;
}

function objectPrice(p: UnitPrices, cls: string, kind: string): number {
  const hit = p.objects.find((x) => x.class === cls && x.kind === kind)
    ?? p.objects.find((x) => x.class === cls && x.kind === undefined)
    ?? p.objects.find((x) => x.class === undefined && x.kind === kind);
  if (hit) return hit.minor;
  return kind === 'text_span' ? p.perSpan : p.perObject;
}

function itemMatches(d: Difficulty, item: PayItem): boolean {
  if (!d.metadata) return false;
  const md = item.metadata as Record<string, unknown> | null;
  return md !== null && typeof md === 'object' && md[d.metadata.key] === d.metadata.value;
}

/**
 * The priced units of one annotation: the item, each frame of a sequence, each object. With
 * `side: 'annotator'` objects take their origin's rate and the difficulty multipliers apply;
 * the client side is the plain client price. `extraBps` (a reassigned author's share) multiplies all.
 */
export function pricedUnits(card: RateCard, side: 'annotator' | 'client', item: PayItem, payload: unknown, extraBps: number[] = []): PricedUnit[] {
  const p = side === 'annotator' ? card.annotator : card.client;
  const itemBps = side === 'annotator' ? card.difficulty.filter((d) => !d.class && itemMatches(d, item)).map((d) => d.bps) : [];
  const base = [...itemBps, ...extraBps];
  const unit = (u: Omit<PricedUnit, 'amountMinor' | 'bps'>, bps: number[]): PricedUnit => {
    const used = bps.filter((b) => b !== BPS);
    return { ...u, bps: used, amountMinor: applyBps(u.priceMinor, used) };
  };
  const out: PricedUnit[] = [];
  if (p.perItem > 0) out.push(unit({ key: 'item', unit: 'item', priceMinor: p.perItem, description: 'item' }, base));
  const frames = frameCount(item);
  if (p.perFrame > 0) for (let f = 0; f < frames; f++) out.push(unit({ key: `frame:${f}`, unit: 'frame', frame: f, priceMinor: p.perFrame, description: 'frame' }, base));
  objectsOf(payload).forEach((o, i) => {
    const cls = typeof o.label === 'string' ? o.label : '';
    const kind = typeof o.kind === 'string' ? o.kind : '';
    const origin = originOf(o);
    const price = objectPrice(p, cls, kind);
    if (price === 0) return;
    const bps = side === 'annotator'
      ? [card.annotator.originBps[origin], ...card.difficulty.filter((d) => d.class === cls && (!d.metadata || itemMatches(d, item))).map((d) => d.bps), ...base]
      : base;
    const description = side === 'annotator' ? `${cls} ${kind} (${origin.replace('_', ' ')})` : `${cls} ${kind}`;
    out.push(unit({
      key: `object:${i}:${String(o.id ?? '')}`, unit: 'object', class: cls, geometry: kind, origin,
      ...(typeof o.frame === 'number' ? { frame: o.frame } : {}), priceMinor: price, description,
    }, bps));
  });
  return out;
}
