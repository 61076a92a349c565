// The three dashboards. Each shows what its payload holds; the server decides what that is.
import { Bars, Meter } from './charts.tsx';
import { money, pct } from './use-dashboard.ts';
import type { AdminDashboard, Cap, Break, ClientDashboard, Forecast, MeDashboard } from './types.ts';

const hourLabel = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const when = (f: Forecast) => (f.remaining === 0 ? 'done' : f.completesAt ? new Date(f.completesAt).toLocaleString() : 'not yet known (nothing accepted in 24 h)');

export function CapLine({ cap }: { cap: Cap }) {
  if (cap.cap <= 0) return <span className="cap">{cap.taken} today (no daily cap)</span>;
  return <span className="cap"><Meter value={cap.taken} max={cap.cap} label="daily cap" /> {cap.taken} / {cap.cap} today{cap.reached ? ' — cap reached, new work opens tomorrow' : ''}</span>;
}

export function BreakLine({ b }: { b: Break }) {
  if (b.breakAfterMinutes <= 0) return null;
  return <span className={b.due ? 'break due' : 'break'}>{b.due ? `Time for a break: ${b.continuousMinutes} minutes of continuous work` : `${b.continuousMinutes} min of continuous work (break after ${b.breakAfterMinutes})`}</span>;
}

export function MeView({ d }: { d: MeDashboard }) {
  return (
    <section className="dashboard" data-view="me">
      <h2>Today</h2>
      <dl className="figures">
        <dt>Items today</dt><dd data-figure="today">{d.today.taken}</dd>
        <dt>Submitted today</dt><dd data-figure="submitted">{d.today.submitted}</dd>
        <dt>Objects</dt><dd>{d.today.objects}</dd>
        <dt>Pace</dt><dd data-figure="pace">{d.today.itemsPerHour === null ? '—' : `${d.today.itemsPerHour} items/h`}</dd>
      </dl>
      <p><CapLine cap={d.cap} /></p>
      <p><BreakLine b={d.break} /></p>
      <h2>Earnings</h2>
      {d.earnings ? (
        <dl className="figures">
          <dt>In review</dt><dd data-figure="pending">{money(d.earnings.pendingMinor, d.earnings.currency)}</dd>
          <dt>Settled</dt><dd data-figure="settled">{money(d.earnings.settledMinor, d.earnings.currency)}</dd>
          <dt>Settled today</dt><dd>{money(d.earnings.todaySettledMinor, d.earnings.currency)}</dd>
        </dl>
      ) : <p className="muted">No rate card yet.</p>}
      <h2>Quality</h2>
      <p>Accepted {d.quality.accepted}, rejected {d.quality.rejected}, in review {d.quality.pending}; rejection rate <span data-figure="rejection">{pct(d.quality.rejectionRate)}</span></p>
      <ul>{d.quality.reasons.map((r) => <li key={r.label}>{r.label}: {r.count}</li>)}</ul>
    </section>
  );
}

export function AdminView({ d }: { d: AdminDashboard }) {
  return (
    <section className="dashboard" data-view="admin">
      {d.alerts.length > 0 && <ul className="alerts">{d.alerts.map((a) => <li key={`${a.stage}-${a.kind}`} className={`alert ${a.kind}`}>{a.message}</li>)}</ul>}
      {(d.money?.unpaidAcceptedItems ?? 0) > 0 && (
        <p className="alert unpaid" role="alert" data-figure="unpaid">
          {d.money!.unpaidAcceptedItems} accepted {d.money!.unpaidAcceptedItems === 1 ? 'item has' : 'items have'} no rate card and {d.money!.unpaidAcceptedItems === 1 ? 'is' : 'are'} unpaid; setting a rate card pays them.
        </p>
      )}
      <h2>Throughput, last 24 hours</h2>
      <p>Submitted <span data-figure="submitted">{d.throughput.submitted}</span>, accepted <span data-figure="accepted">{d.throughput.accepted}</span></p>
      <Bars title="items submitted per hour" values={d.throughput.hours.map((h) => h.submitted)} labels={d.throughput.hours.map((h) => hourLabel(h.hour))} />
      <h2>Backlog</h2>
      <table><thead><tr><th>Stage</th><th>Open</th><th>Held</th><th>Waiting</th><th>Done</th></tr></thead>
        <tbody>{d.stages.map((s) => <tr key={s.stage}><td>{s.stage}</td><td>{s.open}</td><td>{s.leased}</td><td>{s.waiting}</td><td>{s.done}</td></tr>)}</tbody></table>
      <p>Remaining {d.forecast.remaining}; at {d.forecast.acceptedPerHour} accepted an hour, done: <span data-figure="forecast">{when(d.forecast)}</span></p>
      <h2>People today</h2>
      <table className="people"><thead><tr><th>Name</th><th>Items</th><th>Objects</th><th>Items/min</th><th>Objects/min</th><th>Reviews</th><th>Daily cap</th><th>Break</th></tr></thead>
        <tbody>{d.people.map((p) => (
          <tr key={p.userId}><td>{p.name}</td><td>{p.items}</td><td>{p.objects}</td><td>{p.itemsPerMinute ?? '—'}</td><td>{p.objectsPerMinute ?? '—'}</td><td>{p.reviews}</td>
            <td>{p.cap.cap > 0 ? `${p.cap.taken} / ${p.cap.cap}` : p.cap.taken}</td><td>{p.break.due ? 'break due' : `${p.break.continuousMinutes} min`}</td></tr>
        ))}</tbody></table>
      <h2>Quality</h2>
      <p>Rejection rate {pct(d.quality.rejectionRate)}; QA accuracy {pct(d.quality.qaAccuracy)}</p>
      <ul>{d.quality.reasons.map((r) => <li key={r.label}>{r.label}: {r.count}</li>)}</ul>
      {d.money && (<>
        <h2>Money</h2>
        <p>Revenue {money(d.money.revenueMinor, d.money.currency)}, labour {money(d.money.labourMinor, d.money.currency)}, machine {money(d.money.machineMinor, d.money.currency)}, margin <span data-figure="margin">{money(d.money.marginMinor, d.money.currency)}</span></p>
        <ul>{d.money.costPerItem.map((c) => (
          <li key={c.method} data-method={c.method}>
            {c.method}: {c.items} items, <span data-figure="cost-per-item">{money(c.totalPerItemMinor, d.money!.currency)}</span> each ({money(c.perItemMinor, d.money!.currency)} people, {money(c.totalPerItemMinor - c.perItemMinor, d.money!.currency)} machine)
          </li>
        ))}</ul>
      </>)}
    </section>
  );
}

export function ClientView({ d }: { d: ClientDashboard }) {
  return (
    <section className="dashboard" data-view="client">
      <h2>{d.project.name}</h2>
      <p><Meter value={d.progress.accepted} max={d.progress.total} label="progress" /> <span data-figure="progress">{d.progress.accepted} of {d.progress.total} accepted ({d.progress.percent}%)</span></p>
      <Bars title="items accepted per hour" values={d.acceptedPerHour.map((h) => h.accepted)} labels={d.acceptedPerHour.map((h) => hourLabel(h.hour))} />
      <p>Expected done: {when(d.forecast)}</p>
      <h2>Quality</h2>
      <p>Rejection rate <span data-figure="rejection">{pct(d.quality.rejectionRate)}</span>; QA accuracy {pct(d.quality.qaAccuracy)}</p>
      <ul>{d.quality.reasons.map((r) => <li key={r.label}>{r.label}: {r.count}</li>)}</ul>
      <h2>Invoices</h2>
      {d.invoices && d.invoices.length > 0
        ? <table className="invoices"><thead><tr><th>Period</th><th>Units</th><th>Total</th></tr></thead>
            <tbody>{d.invoices.map((i) => <tr key={i.id}><td>{i.period}</td><td>{i.units}</td><td>{money(i.totalMinor, i.currency)}</td></tr>)}</tbody></table>
        : <p className="muted">No invoices yet.</p>}
      {d.people && (<><h2>People</h2><ul>{d.people.map((p) => <li key={p.name}>{p.name}: {p.accepted}</li>)}</ul></>)}
    </section>
  );
}
