// The rate card's everyday prices as a form. Saving writes a new version in force from now; what
// the form does not show (per-class prices, difficulty, origin shares) is carried over from the
// card in force, so nothing set through the API is dropped.
import { useEffect, useState, type FormEvent } from 'react';
import type { RateCardVersion } from '@cadre/contract';
import { api } from '../api.ts';
import { fieldErrors, numberOrText } from './field-errors.ts';
import { Field } from './form-field.tsx';

type Card = Record<string, unknown> & { annotator?: Record<string, unknown>; client?: Record<string, unknown>; review?: Record<string, unknown>; qa?: Record<string, unknown> };
type CardVersion = Omit<RateCardVersion, 'card'> & { card: Card };

/** Form field → place in the card: [part, key], or [key] at the top. */
const PRICES: [string, string, string[]][] = [
  ['annotator.perItem', 'Annotator, per item', ['annotator', 'perItem']],
  ['annotator.perObject', 'Annotator, per object', ['annotator', 'perObject']],
  ['annotator.perFrame', 'Annotator, per frame', ['annotator', 'perFrame']],
  ['annotator.perSpan', 'Annotator, per text span', ['annotator', 'perSpan']],
  ['review.perItem', 'Reviewer, per item', ['review', 'perItem']],
  ['qa.perItem', 'QA inspector, per item', ['qa', 'perItem']],
  ['client.perItem', 'Client price, per item', ['client', 'perItem']],
  ['client.perObject', 'Client price, per object', ['client', 'perObject']],
  ['machinePerItem', 'Machine cost, per item', ['machinePerItem']],
];

function read(card: Card | undefined, place: string[]): string {
  let v: unknown = card;
  for (const k of place) v = (v as Record<string, unknown> | undefined)?.[k];
  return v === undefined ? '0' : String(v);
}

export function RateCardForm({ projectId }: { projectId: string }) {
  const [current, setCurrent] = useState<CardVersion | null | undefined>(undefined);
  const [currency, setCurrency] = useState('');
  const [period, setPeriod] = useState('monthly');
  const [prices, setPrices] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);

  const show = (v: CardVersion | null) => {
    setCurrent(v);
    setCurrency(String(v?.card.currency ?? ''));
    setPeriod(String(v?.card.period ?? 'monthly'));
    setPrices(Object.fromEntries(PRICES.map(([id, , place]) => [id, read(v?.card, place)])));
  };
  useEffect(() => { api('GET /api/projects/:projectId/rate-cards', { params: { projectId } }).then((cards) => show((cards[0] as CardVersion | undefined) ?? null), (e: Error) => setErrors({ '': e.message })); }, [projectId]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setSaved(null);
    const card: Card = { ...(current?.card ?? {}), currency: currency.trim().toUpperCase(), period };
    for (const [id, , place] of PRICES) {
      const value = numberOrText(prices[id] ?? '');
      if (place.length === 1) card[place[0]!] = value;
      else card[place[0]!] = { ...(card[place[0]!] as Record<string, unknown> | undefined), [place[1]!]: value };
    }
    try {
      const v = await api('PUT /api/projects/:projectId/rate-card', { params: { projectId }, body: card }) as CardVersion;
      show(v);
      setSaved(v.effectiveFrom);
    } catch (err) {
      setErrors(fieldErrors(err));
    }
  }

  if (current === undefined) return errors[''] ? <p className="error" role="alert">{errors['']}</p> : null;
  const known = new Set(['currency', 'period', ...PRICES.map(([id]) => id)]);
  return (
    <form className="card" onSubmit={save} aria-label="rate card">
      <h2>Rate card</h2>
      <p className="muted">
        Amounts in minor units of the currency (25 = 0.25). Saving starts a new version, in force from now; earlier work keeps the card it was paid by.
        {current ? ` In force since ${new Date(current.effectiveFrom).toLocaleString()}.` : ' No card yet: accepted work is not paid until there is one.'}
        {' Prices per class, difficulty and origin shares are set through the API and kept as they are.'}
      </p>
      <Field id="currency" label="Currency" hint="ISO 4217, e.g. EUR; fixed by the first card" error={errors['currency']}>
        <input id="currency" value={currency} onChange={(e) => setCurrency(e.target.value)} />
      </Field>
      <Field id="period" label="Pay period" error={errors['period']}>
        <select id="period" value={period} onChange={(e) => setPeriod(e.target.value)}><option value="weekly">weekly</option><option value="monthly">monthly</option></select>
      </Field>
      {PRICES.map(([id, label]) => (
        <Field key={id} id={id} label={label} error={errors[id]}>
          <input id={id} inputMode="numeric" value={prices[id] ?? ''} onChange={(e) => setPrices({ ...prices, [id]: e.target.value })} />
        </Field>
      ))}
      {Object.entries(errors).filter(([k]) => !known.has(k)).map(([k, m]) => <p key={k} className="error" role="alert">{k ? `${k}: ` : ''}{m}</p>)}
      {saved && <p role="status" data-testid="rate-card-saved">Saved: a new card in force from {new Date(saved).toLocaleString()}.</p>}
      <p><button type="submit">Save rate card</button></p>
    </form>
  );
}
