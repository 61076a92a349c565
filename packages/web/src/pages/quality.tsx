// How good the work of a project is: per annotator (accepted, rejected, gold, agreement), per class
// (how often its objects were rejected) and which reasons reviewers give.
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { percent, type Quality } from '../workflow/api-types.ts';
import { ProjectNav } from './project-nav.tsx';

export function QualityPage({ projectId }: { projectId: string }) {
  const [quality, setQuality] = useState<Quality | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { api('GET /api/projects/:projectId/quality', { params: { projectId } }).then(setQuality, (e: Error) => setError(e.message)); }, [projectId]);
  if (error) return <><ProjectNav projectId={projectId} /><p className="error" role="alert">{error}</p></>;
  if (!quality) return <p className="muted">Loading…</p>;
  return (
    <>
      <ProjectNav projectId={projectId} />
      <h1>Quality</h1>
      <div className="card">
        <h2>Annotators</h2>
        <table data-testid="quality-annotators">
          <thead><tr><th>Name</th><th>Submitted</th><th>Accepted</th><th>Rejected</th><th>Rejection rate</th><th>QA accuracy</th><th>Gold accuracy</th><th>Agreement</th></tr></thead>
          <tbody>{quality.annotators.map((a) => (
            <tr key={a.userId}><td>{a.name}</td><td>{a.submitted}</td><td>{a.accepted}</td><td>{a.rejected}</td><td>{percent(a.rejectionRate)}</td>
              <td>{a.qaInspected ? `${percent(a.qaAccuracy)} (${a.qaInspected})` : '–'}</td>
              <td>{a.goldScored > 0 ? `${percent(a.goldAccuracy)} (${a.goldScored})` : '–'}</td><td>{percent(a.agreement)}</td></tr>
          ))}</tbody>
        </table>
      </div>
      {quality.textAgreement.length > 0 && <div className="card">
        <h2>Text classes against accepted labels</h2>
        <p className="muted">People and machines (an LLM, the learner) side by side: on the items each labelled that people accepted, how often they agree, and Cohen's κ (agreement beyond chance).</p>
        <table data-testid="quality-text-agreement">
          <thead><tr><th>Who</th><th>Items</th><th>Accuracy</th><th>κ</th><th>By accepted class</th></tr></thead>
          <tbody>{quality.textAgreement.map((r) => (
            <tr key={`${r.kind}:${r.id}`} data-kind={r.kind} data-name={r.name}>
              <td>{r.name}{r.kind === 'model' ? <span className="muted"> (model)</span> : null}</td><td>{r.items}</td><td>{percent(r.accuracy)}</td>
              <td data-figure="kappa">{r.kappa.toFixed(2)}</td>
              <td className="muted">{r.classes.map((c) => `${c.class} ${percent(c.accuracy)} (${c.items})`).join(' · ')}</td>
            </tr>
          ))}</tbody>
        </table>
      </div>}
      <div className="card">
        <h2>Classes</h2>
        <table data-testid="quality-classes">
          <thead><tr><th>Class</th><th>Objects</th><th>Rejected</th><th>Rejection rate</th></tr></thead>
          <tbody>{quality.classes.map((c) => <tr key={c.name}><td>{c.name}</td><td>{c.objects}</td><td>{c.rejected}</td><td>{percent(c.rejectionRate)}</td></tr>)}</tbody>
        </table>
      </div>
      <div className="card">
        <h2>Reasons given</h2>
        {quality.reasons.length === 0 ? <p className="muted">No rejections yet.</p> : (
          <table data-testid="quality-reasons">
            <thead><tr><th>Reason</th><th>Times</th></tr></thead>
            <tbody>{quality.reasons.map((r) => <tr key={r.code}><td>{r.label}</td><td>{r.count}</td></tr>)}</tbody>
          </table>
        )}
      </div>
    </>
  );
}
