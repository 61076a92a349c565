// A project's rate card: what a unit of work pays its worker and costs its client. Cards are
// versioned: a new card takes effect from a time, and every ledger entry names the card it used.
import { geometryKinds, type ObjectOrigin } from '@cadre/core';
import { invalid } from '../../errors.ts';
import { BPS, isCurrency } from './money.ts';

export interface ObjectPrice { class?: string; kind?: string; minor: number }
export interface UnitPrices {
  perItem: number; perFrame: number; perSpan: number; perObject: number;
  /** Specific object prices: class and kind both → class → kind → perSpan (text spans) / perObject. */
  objects: ObjectPrice[];
}
export interface Difficulty { class?: string; metadata?: { key: string; value: string | number | boolean }; bps: number }

export interface RateCard {
  currency: string;
  period: 'weekly' | 'monthly';
  annotator: UnitPrices & {
    /** Objects accepted from a pre-label unchanged, edited from one, or drawn by hand (basis points of the object price). */
    originBps: Record<ObjectOrigin, number>;
  };
  /** Annotator multipliers: by class (that class's objects) or item metadata (every unit of the item). */
  difficulty: Difficulty[];
  review: { perItem: number };
  qa: { perItem: number };
  client: UnitPrices;
  machinePerItem: number;
  /** What the first author of work reassigned after repeated rejection earns, in basis points of its price. */
  reassignedShareBps: number;
}

type Issue = { path: string; message: string };

const KINDS = Object.keys(geometryKinds);
const ORIGINS: ObjectOrigin[] = ['human', 'prediction_edited', 'prediction_accepted'];

/** Validates a card against the project's classes; every problem is reported at once. */
export function parseRateCard(input: unknown, classes: readonly string[]): RateCard {
  const issues: Issue[] = [];
  const obj = (v: unknown, path: string): Record<string, unknown> => {
    if (v === undefined) return {};
    if (typeof v !== 'object' || v === null || Array.isArray(v)) { issues.push({ path, message: 'must be an object' }); return {}; }
    return v as Record<string, unknown>;
  };
  const money = (v: unknown, path: string): number => {
    if (v === undefined) return 0;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) { issues.push({ path, message: `must be a whole number of minor units (e.g. 25 for 0.25), got ${JSON.stringify(v)}` }); return 0; }
    if (v < 0) { issues.push({ path, message: `must not be negative, got ${v}` }); return 0; }
    return v;
  };
  const bps = (v: unknown, path: string, dflt: number, max = 1_000_000): number => {
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) { issues.push({ path, message: `must be whole basis points between 0 and ${max} (10000 = ×1), got ${JSON.stringify(v)}` }); return dflt; }
    return v;
  };
  const className = (v: unknown, path: string): string | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !classes.includes(v)) { issues.push({ path, message: `no class ${JSON.stringify(v)} in the project's ontology (${classes.join(', ')})` }); return undefined; }
    return v;
  };
  const kind = (v: unknown, path: string): string | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !KINDS.includes(v)) { issues.push({ path, message: `must be one of ${KINDS.join(', ')}, got ${JSON.stringify(v)}` }); return undefined; }
    return v;
  };
  const prices = (v: unknown, path: string): UnitPrices => {
    const o = obj(v, path);
    known(o, ['perItem', 'perFrame', 'perSpan', 'perObject', 'objects', ...(path === 'annotator' ? ['originBps'] : [])], path, issues);
    const list = o.objects === undefined ? [] : Array.isArray(o.objects) ? o.objects : (issues.push({ path: `${path}.objects`, message: 'must be a list of { class?, kind?, minor }' }), []);
    return {
      perItem: money(o.perItem, `${path}.perItem`), perFrame: money(o.perFrame, `${path}.perFrame`),
      perSpan: money(o.perSpan, `${path}.perSpan`), perObject: money(o.perObject, `${path}.perObject`),
      objects: list.map((x, i) => {
        const p = obj(x, `${path}.objects[${i}]`);
        const c = className(p.class, `${path}.objects[${i}].class`);
        const k = kind(p.kind, `${path}.objects[${i}].kind`);
        if (c === undefined && k === undefined && p.class === undefined && p.kind === undefined) issues.push({ path: `${path}.objects[${i}]`, message: 'needs a class, a kind or both' });
        return { ...(c ? { class: c } : {}), ...(k ? { kind: k } : {}), minor: money(p.minor, `${path}.objects[${i}].minor`) };
      }),
    };
  };

  const o = obj(input, 'card');
  known(o, ['currency', 'period', 'annotator', 'difficulty', 'review', 'qa', 'client', 'machinePerItem', 'reassignedShareBps', 'effectiveFrom'], 'card', issues);
  if (!isCurrency(o.currency)) issues.push({ path: 'currency', message: `must be an ISO 4217 code such as "CNY", got ${JSON.stringify(o.currency)}` });
  if (o.period !== undefined && o.period !== 'weekly' && o.period !== 'monthly') issues.push({ path: 'period', message: `must be "weekly" or "monthly", got ${JSON.stringify(o.period)}` });
  const ann = obj(o.annotator, 'annotator');
  const origin = obj(ann.originBps, 'annotator.originBps');
  known(origin, ORIGINS, 'annotator.originBps', issues);
  const diff = o.difficulty === undefined ? [] : Array.isArray(o.difficulty) ? o.difficulty : (issues.push({ path: 'difficulty', message: 'must be a list' }), []);
  const card: RateCard = {
    currency: String(o.currency),
    period: o.period === 'weekly' ? 'weekly' : 'monthly',
    annotator: {
      ...prices(o.annotator, 'annotator'),
      originBps: Object.fromEntries(ORIGINS.map((k) => [k, bps(origin[k], `annotator.originBps.${k}`, BPS)])) as Record<ObjectOrigin, number>,
    },
    difficulty: diff.map((x, i) => {
      const d = obj(x, `difficulty[${i}]`);
      const c = className(d.class, `difficulty[${i}].class`);
      const m = d.metadata === undefined ? undefined : obj(d.metadata, `difficulty[${i}].metadata`);
      if (m && (typeof m.key !== 'string' || !['string', 'number', 'boolean'].includes(typeof m.value))) issues.push({ path: `difficulty[${i}].metadata`, message: 'must be { key: text, value: text, number or true/false }' });
      if (d.class === undefined && d.metadata === undefined) issues.push({ path: `difficulty[${i}]`, message: 'needs a class or a metadata match' });
      return { ...(c ? { class: c } : {}), ...(m ? { metadata: { key: String(m.key), value: m.value as string | number | boolean } } : {}), bps: bps(d.bps, `difficulty[${i}].bps`, BPS) };
    }),
    review: { perItem: money(obj(o.review, 'review').perItem, 'review.perItem') },
    qa: { perItem: money(obj(o.qa, 'qa').perItem, 'qa.perItem') },
    client: prices(o.client, 'client'),
    machinePerItem: money(o.machinePerItem, 'machinePerItem'),
    reassignedShareBps: bps(o.reassignedShareBps, 'reassignedShareBps', 0, BPS),
  };
  if (issues.length > 0) throw invalid('the rate card has problems', issues);
  return card;
}

function known(o: Record<string, unknown>, keys: readonly string[], path: string, issues: Issue[]): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) issues.push({ path: `${path}.${k}`, message: `unknown setting; expected one of ${keys.join(', ')}` });
}
