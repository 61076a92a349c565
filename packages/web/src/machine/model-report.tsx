// The model report of a project (or of every project): per model version, what people did with its
// proposals (accepted untouched, edited, deleted, and objects drawn by hand), precision and recall
// from those, people's seconds per item with and without pre-labels, and the cost of an accepted
// item by method (by hand, pre-labeled, automatic). The definitions come with the report.
import { useEffect, useState } from 'react';
import type { MethodCost, ModelReport, ModelVersionReport, OutcomeFigures } from '@cadre/contract';
import { api } from '../api.ts';
import { money } from '../dashboard/use-dashboard.ts';
import { failure, seconds, share } from './format.ts';

const METHOD_TEXT: Record<MethodCost['method'], string> = { manual: 'by hand', prelabeled: 'pre-labeled', automatic: 'automatic' };
const OUTCOMES = [['accepted', 'accepted untouched'], ['edited', 'edited'], ['deleted', 'deleted'], ['drawn', 'drawn by hand']] as const;

export function ModelReportView({ projectId }: { projectId?: string }) {
  const [report, setReport] = useState<ModelReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    setError(null);
    const load = projectId ? api('GET /api/projects/:projectId/model-report', { params: { projectId } }) : api('GET /api/model-report');
    load.then(setReport, (e) => setError(`The model report could not be read: ${failure(e)}`));
  }, [projectId, version]);

  return (
    <div className="card model-report" data-testid="model-report">
      <h2>Model report <button className="secondary small" onClick={() => setVersion((v) => v + 1)}>Refresh</button></h2>
      {error && <p className="error" role="alert">{error}</p>}
      {report && <>
        <p className="muted">Measured from accepted items, as of {new Date(report.at).toLocaleString()}.</p>
        {report.models.length === 0 && <p className="muted" data-testid="model-report-empty">No accepted item has pre-labels yet: the report fills as people's work is accepted.</p>}
        {report.models.map((m) => <ModelVersion key={`${m.modelId ?? ''}:${m.name}@${m.version}`} m={m} />)}
        <h3>Every accepted item{projectId ? ' of this project' : ''}</h3>
        <SecondsLine s={report.seconds} />
        <CostTable costs={report.costPerItem} testId="cost-overall" />
        <details className="definitions"><summary>How these are counted</summary>
          <dl>{Object.entries(report.definitions).map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}</dl>
        </details>
      </>}
      {!report && !error && <p className="muted">Loading…</p>}
    </div>
  );
}

function ModelVersion({ m }: { m: ModelVersionReport }) {
  return (
    <section className="model-version" data-testid="model-version" data-model={`${m.name}@${m.version}`}>
      <h3>{m.name}@{m.version}{m.modelId === null && <span className="muted"> (pre-labels imported from a file)</span>}</h3>
      <p>
        <span data-figure="items">{m.items}</span> accepted item{m.items === 1 ? '' : 's'} pre-labeled · precision <b data-figure="precision">{share(m.outcomes.precision)}</b>
        {' '}· recall <b data-figure="recall">{share(m.outcomes.recall)}</b> · machine time {m.machineSeconds.toFixed(1)} s
        {m.hourRateMinor !== null && <> · hour rate {m.hourRateMinor} (minor units)</>}
      </p>
      <OutcomeTable o={m.outcomes} testId="outcomes" />
      {m.classes.length > 0 && <details>
        <summary>By class ({m.classes.length})</summary>
        <table className="report-classes" data-testid="outcomes-by-class">
          <thead><tr><th>Class</th><th>Proposals</th>{OUTCOMES.map(([, t]) => <th key={t}>{t}</th>)}<th>Precision</th><th>Recall</th></tr></thead>
          <tbody>{m.classes.map((c) => (
            <tr key={c.class} data-class={c.class}><td>{c.class}</td><td>{c.proposals}</td>{OUTCOMES.map(([k]) => <td key={k}>{c[k]}</td>)}<td>{share(c.precision)}</td><td>{share(c.recall)}</td></tr>
          ))}</tbody>
        </table>
      </details>}
      <SecondsLine s={m.seconds} />
      <CostTable costs={m.costPerItem} testId="cost-model" />
    </section>
  );
}

function OutcomeTable({ o, testId }: { o: OutcomeFigures; testId: string }) {
  return (
    <table className="report-outcomes" data-testid={testId}>
      <thead><tr><th>Outcome</th><th>Objects</th><th>Share</th></tr></thead>
      <tbody>
        <tr data-outcome="proposals"><td>proposals</td><td data-count="proposals">{o.proposals}</td><td /></tr>
        {OUTCOMES.map(([k, text]) => (
          <tr key={k} data-outcome={k}><td>{text}</td><td data-count={k}>{o[k]}</td><td data-share={k}>{share(o.shares[k])}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

function SecondsLine({ s }: { s: ModelReport['seconds'] }) {
  return (
    <p data-testid="seconds">
      People's seconds per item (median): with pre-labels <b data-figure="seconds-with">{seconds(s.withPrelabels.medianSeconds)}</b> over {s.withPrelabels.items} item{s.withPrelabels.items === 1 ? '' : 's'},
      {' '}without <b data-figure="seconds-without">{seconds(s.withoutPrelabels.medianSeconds)}</b> over {s.withoutPrelabels.items} item{s.withoutPrelabels.items === 1 ? '' : 's'}.
    </p>
  );
}

function CostTable({ costs, testId }: { costs: MethodCost[]; testId: string }) {
  const cur = (minor: number | null, currency: string) => (minor === null ? '—' : currency === 'XXX' ? `${minor} (no rate card)` : money(minor, currency));
  return (
    <table className="report-costs" data-testid={testId}>
      <thead><tr><th>Cost per accepted item</th><th>Items</th><th>People</th><th>Machine</th><th>Total per item</th></tr></thead>
      <tbody>{costs.map((c) => (
        <tr key={`${c.currency}:${c.method}`} data-method={c.method} data-currency={c.currency}>
          <td>{METHOD_TEXT[c.method]}</td><td data-count="items">{c.items}</td>
          <td data-figure="labour-per-item">{cur(c.labourPerItemMinor, c.currency)}</td>
          <td data-figure="machine-per-item">{cur(c.machinePerItemMinor, c.currency)}</td>
          <td data-figure="per-item">{cur(c.perItemMinor, c.currency)}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}
