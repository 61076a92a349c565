// The project's deadline and red lines, in a form (managers): each line is off until given a value.
// Crossing one raises an alert above every project page, on the admin dashboard and, with a webhook,
// in Slack or anything that takes its JSON. The server validates; its complaints show by each field.
import { settingsOf } from '@cadre/core';
import { useState, type FormEvent } from 'react';
import type { Project } from '../api.ts';
import { numberOrText } from './field-errors.ts';
import { Field } from './form-field.tsx';
import { useSettingsPatch } from './use-settings-patch.ts';

const pad = (n: number) => String(n).padStart(2, '0');
/** An instant as the browser's datetime-local input shows it (local time, to the minute). */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
/** What the input holds as an ISO instant, '' as none; what does not read as a time goes as typed, for the server to name. */
function fromLocalInput(v: string): string | null {
  if (v.trim() === '') return null;
  const t = new Date(v).getTime();
  return Number.isFinite(t) ? new Date(t).toISOString() : v;
}
/** A number, or null when left empty (the line is off). */
const orNull = (v: string) => (v.trim() === '' ? null : numberOrText(v));

export function RedLinesForm({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  const stored = settingsOf(project.settings);
  const stages = stored.stages.filter((s) => s !== 'prelabel');
  const [deadline, setDeadline] = useState(toLocalInput(stored.deadline));
  const [backlog, setBacklog] = useState(stored.backlogAlertAbove > 0 ? String(stored.backlogAlertAbove) : '');
  const [byStage, setByStage] = useState<Record<string, string>>(() => Object.fromEntries(stages.map((s) => [s, stored.backlogAlertByStage[s] === undefined ? '' : String(stored.backlogAlertByStage[s])])));
  const [forecast, setForecast] = useState(stored.alertForecastPastDeadline);
  const [rate, setRate] = useState(stored.alertRejectionRateAbove === null ? '' : String(stored.alertRejectionRateAbove));
  const [minDecided, setMinDecided] = useState(String(stored.alertRejectionMinDecided));
  const [qaFailed, setQaFailed] = useState(stored.alertQaBatchFailed);
  const [capPeople, setCapPeople] = useState(stored.alertDailyCapPeople > 0 ? String(stored.alertDailyCapPeople) : '');
  const [webhook, setWebhook] = useState(stored.alertWebhookUrl ?? '');
  const { errors, saved, patch } = useSettingsPatch(project, onSaved);

  async function save(e: FormEvent) {
    e.preventDefault();
    const perStage = Object.fromEntries(Object.entries(byStage).filter(([, v]) => v.trim() !== '').map(([s, v]) => [s, numberOrText(v)]));
    await patch({
      deadline: fromLocalInput(deadline),
      backlogAlertAbove: orNull(backlog) ?? 0,
      backlogAlertByStage: perStage,
      alertForecastPastDeadline: forecast,
      alertRejectionRateAbove: orNull(rate),
      alertRejectionMinDecided: numberOrText(minDecided),
      alertQaBatchFailed: qaFailed,
      alertDailyCapPeople: orNull(capPeople) ?? 0,
      alertWebhookUrl: webhook.trim() === '' ? null : webhook.trim(),
    });
  }

  const text = (id: string, label: string, hint: string, value: string, set: (v: string) => void, inputMode: 'decimal' | 'url' = 'decimal') => (
    <Field id={id} label={label} hint={hint} error={errors[id]}>
      <input id={id} inputMode={inputMode} value={value} onChange={(e) => set(e.target.value)} />
    </Field>
  );
  const check = (id: string, label: string, value: boolean, set: (v: boolean) => void) => (
    <Field id={id} label="" error={errors[id]}>
      <label style={{ display: 'inline' }}><input id={id} type="checkbox" style={{ width: 'auto' }} checked={value} onChange={(e) => set(e.target.checked)} /> {label}</label>
    </Field>
  );
  const stageErrors = Object.entries(errors).filter(([k]) => k.startsWith('backlogAlertByStage'));
  return (
    <form className="card" onSubmit={save} aria-label="red lines">
      <h2>Deadline and red lines</h2>
      <p className="muted">Each line is off until it has a value. A crossed line shows to managers above every project page and on the dashboard, and is posted to the webhook.</p>
      <Field id="deadline" label="Deadline" hint="when the client expects the project done; the forecast is drawn against it" error={errors['deadline']}>
        <input id="deadline" type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      </Field>
      {check('alertForecastPastDeadline', 'Alert when the forecast falls after the deadline', forecast, setForecast)}
      {text('backlogAlertAbove', 'Backlog above', 'tasks queued in any stage; empty off', backlog, setBacklog)}
      <fieldset data-field="backlogAlertByStage">
        <legend>Backlog above, by stage <span className="muted">· overrides the line above for that stage; 0 off</span></legend>
        {stages.map((s) => (
          <label key={s} style={{ display: 'inline-block', marginRight: 12 }}>{s}{' '}
            <input aria-label={`backlog alert ${s}`} inputMode="decimal" style={{ width: '6em' }} value={byStage[s] ?? ''} onChange={(e) => setByStage({ ...byStage, [s]: e.target.value })} />
          </label>
        ))}
        {stageErrors.map(([k, m]) => <p key={k} className="error" role="alert">{m}</p>)}
      </fieldset>
      {text('alertRejectionRateAbove', 'A person\'s rejection rate above', 'share of their decided work, 0 to 1; empty off', rate, setRate)}
      {text('alertRejectionMinDecided', 'once they have at least', 'decided items, so one early rejection does not alert', minDecided, setMinDecided)}
      {check('alertQaBatchFailed', 'Alert when a QA batch fails', qaFailed, setQaFailed)}
      {text('alertDailyCapPeople', 'People at their daily cap', 'alert when this many reached it today; empty off', capPeople, setCapPeople)}
      {text('alertWebhookUrl', 'Webhook', 'a Slack incoming webhook, or any URL that takes its JSON; empty none', webhook, setWebhook, 'url')}
      {errors[''] && <p className="error" role="alert">{errors['']}</p>}
      {Object.keys(errors).length > 0 && <p className="error">Nothing was saved: see the fields marked above.</p>}
      {saved && <p role="status" data-testid="red-lines-saved">Saved.</p>}
      <p><button type="submit">Save red lines</button></p>
    </form>
  );
}
