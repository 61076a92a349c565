// A text project that learns from its labels (managers, on the project's Models page): the learning
// settings (active learning strategy, random share, when to retrain, the auto-accept target and its
// QA share), "Train now" with the round's progress, and what the rounds did: the learning curve
// measured on the random share, the auto-accept threshold, coverage and what QA found.
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { settingsOf } from '@cadre/core';
import type { LearningStatus, MachineJob } from '@cadre/contract';
import { api, type Project } from '../api.ts';
import { numberOrText } from '../pages/field-errors.ts';
import { useSettingsPatch } from '../pages/use-settings-patch.ts';
import { JobProgress } from './job-panel.tsx';
import { failure } from './format.ts';
import { jobEnded, useJob } from './use-job.ts';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

export const learnsText = (p: Project) => p.ontology.classes.filter((c) => c.kind === 'text_class').length >= 2 || p.ontology.classes.some((c) => c.kind === 'text_span');

export function LearningPanel({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  const projectId = project.id;
  const [status, setStatus] = useState<LearningStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<MachineJob | null>(null);
  const load = useCallback(() => {
    api('GET /api/projects/:projectId/learning', { params: { projectId } }).then((s) => { setStatus(s); setError(null); }, (e) => setError(`The learning status could not be read: ${failure(e)}`));
  }, [projectId]);
  useEffect(load, [load]);
  const latest = started && (!status?.job || status.job.id !== started.id) ? started : status?.job ?? null;
  const { job } = useJob(latest);
  const running = job !== null && !jobEnded(job);
  // Rounds also start by themselves as labels arrive: the status is read again now and then.
  useEffect(() => {
    const t = setInterval(load, running ? 1000 : 5000);
    return () => clearInterval(t);
  }, [load, running]);
  useEffect(() => { if (job && jobEnded(job)) load(); }, [job?.state, load]); // eslint-disable-line react-hooks/exhaustive-deps

  async function trainNow() {
    setError(null);
    try {
      setStarted(await api('POST /api/projects/:projectId/learn', { params: { projectId } }));
    } catch (e) {
      setError(`The round could not start: ${failure(e)}`);
    }
  }

  const rounds = status?.rounds ?? [];
  return (
    <div className="card learning" data-testid="learning-panel">
      <h2>Learning from accepted labels <span className="muted">{status?.modelLabel ?? 'cadre-text@1'} · text classification</span></h2>
      <LearningSettings project={project} onSaved={(p) => { onSaved(p); load(); }} />
      <div className="job-actions">
        <button onClick={trainNow} disabled={running}>Train now</button>
        <span className="muted">Rounds start by themselves every {settingsOf(project.settings).learningRetrainAfter} accepted labels while learning is on.</span>
      </div>
      {job && <JobProgress job={job} />}
      {error && <p className="error" role="alert">{error}</p>}
      {status && <>
        <p data-testid="learning-coverage">
          Labelled by people: <b>{status.humanAccepted}</b> · accepted automatically: <b data-testid="learning-automatic">{status.automatic}</b> of {status.items} items ({pct(status.items ? status.automatic / status.items : 0)})
          {status.threshold !== null && <> · threshold <b data-testid="learning-threshold">{status.threshold.toFixed(3)}</b></>}
          {status.qa.sampled > 0 && <> · QA: {status.qa.checked} of {status.qa.sampled} checked, <span data-testid="learning-qa">{pct(status.qa.accuracy)}</span> right</>}
        </p>
        {status.curve.length > 0 && <>
          <h3>Learning curve</h3>
          <p className="muted">Accuracy on the items drawn at random (held out of training), each judged by the model of the round that picked it.</p>
          <table className="learning-curve" data-testid="learning-curve">
            <thead><tr><th>Labels learned from</th><th>Random items labelled since</th><th>Accuracy</th></tr></thead>
            <tbody>{status.curve.map((c) => <tr key={c.labels}><td>{c.labels}</td><td>{c.items}</td><td>{pct(c.accuracy)}</td></tr>)}</tbody>
          </table>
        </>}
        {rounds.length > 0 && <>
          <h3>Rounds</h3>
          <table data-testid="learning-rounds">
            <thead><tr><th>Round</th><th>Trained on</th><th>Held out</th><th>Accuracy there</th><th>Threshold</th><th>Accepted automatically</th><th>To QA</th><th>Proposals</th></tr></thead>
            <tbody>{[...rounds].reverse().map((r) => (
              <tr key={r.round} data-testid="learning-round">
                <td>{r.round}</td><td>{r.labels}</td><td>{r.validation}</td><td>{pct(r.validationAccuracy)}</td>
                <td>{r.threshold === null ? '—' : r.threshold.toFixed(3)}</td><td>{r.autoAccepted}</td><td>{r.qaSampled}</td><td>{r.proposals}</td>
              </tr>
            ))}</tbody>
          </table>
        </>}
      </>}
    </div>
  );
}

const KEYS = ['learningRandomShare', 'learningRetrainAfter', 'autoAcceptQaShare'] as const;

function LearningSettings({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  const s = settingsOf(project.settings);
  const [strategy, setStrategy] = useState<string>(s.activeLearning);
  const [numbers, setNumbers] = useState<Record<(typeof KEYS)[number], string>>({ learningRandomShare: String(s.learningRandomShare), learningRetrainAfter: String(s.learningRetrainAfter), autoAcceptQaShare: String(s.autoAcceptQaShare) });
  const [target, setTarget] = useState(s.autoAcceptTarget === null ? '' : String(s.autoAcceptTarget));
  const { errors, saved, patch } = useSettingsPatch(project, onSaved);

  async function save(e: FormEvent) {
    e.preventDefault();
    await patch({ activeLearning: strategy, ...Object.fromEntries(KEYS.map((k) => [k, numberOrText(numbers[k])])), autoAcceptTarget: target.trim() === '' ? null : numberOrText(target) });
  }
  const field = (key: string, label: string, input: ReactNode, hint: string) => (
    <label className="learning-field">{label} {input}<span className="muted">{hint}</span>{errors[key] && <span className="error-text" role="alert">{errors[key]}</span>}</label>
  );
  return (
    <form className="learning-settings" onSubmit={save} data-testid="learning-settings">
      {field('activeLearning', 'Active learning', (
        <select aria-label="active learning" value={strategy} onChange={(e) => setStrategy(e.target.value)}>
          <option value="off">off</option><option value="margin">most unsure first (margin)</option><option value="entropy">most unsure first (entropy)</option><option value="random">random order</option>
        </select>
      ), 'how the annotate queue is ordered after each round')}
      {field('learningRandomShare', 'Random share', <input aria-label="random share" value={numbers.learningRandomShare} onChange={(e) => setNumbers({ ...numbers, learningRandomShare: e.target.value })} />, 'drawn at random and held out, to measure the model honestly')}
      {field('learningRetrainAfter', 'Retrain after', <input aria-label="retrain after" value={numbers.learningRetrainAfter} onChange={(e) => setNumbers({ ...numbers, learningRetrainAfter: e.target.value })} />, 'new accepted labels')}
      {field('autoAcceptTarget', 'Auto-accept at accuracy', <input aria-label="auto-accept target" placeholder="off" value={target} onChange={(e) => setTarget(e.target.value)} />, 'e.g. 0.95; judged by a lower confidence bound on the random share')}
      {field('autoAcceptQaShare', 'QA share', <input aria-label="qa share" value={numbers.autoAcceptQaShare} onChange={(e) => setNumbers({ ...numbers, autoAcceptQaShare: e.target.value })} />, 'of the automatically accepted items, sent to review')}
      <p><button type="submit">Save learning settings</button> {saved && <span data-testid="learning-saved">Saved.</span>}</p>
      {errors[''] && <p className="error" role="alert">{errors['']}</p>}
    </form>
  );
}
