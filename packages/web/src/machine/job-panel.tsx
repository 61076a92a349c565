// A model's pre-label job in a project: the Pre-label button, the progress bar (items done of the
// total, rate, time left) kept current by the job's event stream, Cancel, and how it ended (errors,
// items it failed on, proposals of classes the class map does not use).
import { useState } from 'react';
import type { MachineJob } from '@cadre/contract';
import { api } from '../api.ts';
import { duration, failure, rate } from './format.ts';
import { jobEnded, useJob } from './use-job.ts';

const KIND_TEXT: Record<MachineJob['kind'], string> = { prelabel: 'pre-label', evaluate: 'evaluation', train: 'training', learn: 'learning round' };

const STATE_TEXT: Record<MachineJob['state'], string> = {
  queued: 'queued', running: 'running', done: 'finished', failed: 'failed', cancelled: 'cancelled',
};

export function JobPanel({ projectId, modelId, trainable, latest, onChanged, qualifies = false }: {
  projectId: string; modelId: string; trainable: boolean; latest: MachineJob | null; onChanged: () => void;
  /** An LLM: it may be run on the gold items to qualify, and is not evaluated like a detector. */
  qualifies?: boolean;
}) {
  const [started, setStarted] = useState<MachineJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [scope, setScope] = useState<'prelabel' | 'open' | 'gold'>('prelabel');
  const shown = started && (!latest || latest.id !== started.id || !jobEnded(latest)) ? started : latest;
  const { job, error: liveError } = useJob(shown);
  const running = job !== null && !jobEnded(job);

  async function start(kind: MachineJob['kind']) {
    setError(null);
    setBusy(true);
    try {
      const body = kind === 'prelabel' ? { kind, modelId, scope } : { kind, modelId };
      const j = await api('POST /api/projects/:projectId/jobs', { params: { projectId }, body });
      setStarted(j);
      onChanged();
    } catch (e) {
      setError(`The job could not start: ${failure(e)}`);
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    if (!job) return;
    setError(null);
    try {
      setStarted(await api('POST /api/jobs/:jobId/cancel', { params: { jobId: job.id } }));
    } catch (e) {
      setError(`The job could not be cancelled: ${failure(e)}`);
    }
  }

  return (
    <div className="job-panel" data-testid="job-panel">
      <div className="job-actions">
        <label className="inline">Items{' '}
          <select aria-label="job scope" value={scope} onChange={(e) => setScope(e.target.value as 'prelabel' | 'open' | 'gold')} disabled={running}>
            <option value="prelabel">waiting at the pre-label stage</option>
            <option value="open">open for labeling, without this model's proposals</option>
            {qualifies && <option value="gold">the gold items (qualify first)</option>}
          </select>
        </label>
        <button onClick={() => start('prelabel')} disabled={busy || running}>Pre-label</button>
        {!qualifies && <button className="secondary" onClick={() => start('evaluate')} disabled={busy || running} title="run the model over the items with accepted labels and measure it against them">Evaluate</button>}
        {trainable && <button className="secondary" onClick={() => start('train')} disabled={busy || running} title="send the accepted labels to the backend's /webhook, then START_TRAINING">Train</button>}
        {running && <button className="secondary" onClick={cancel} disabled={job.cancelRequested}>{job.cancelRequested ? 'Cancelling…' : 'Cancel'}</button>}
      </div>
      {job && <JobProgress job={job} />}
      {liveError && <p className="muted">{liveError}</p>}
      {error && <p className="error" role="alert" data-testid="job-error">{error}</p>}
    </div>
  );
}

export function JobProgress({ job }: { job: MachineJob }) {
  const finished = job.done + job.failed;
  const fraction = job.total > 0 ? finished / job.total : jobEnded(job) ? 1 : 0;
  return (
    <div className="job-progress" data-testid="job-progress" data-state={job.state} data-done={job.done} data-failed={job.failed} data-total={job.total}>
      <div className="progress" role="progressbar" aria-label={`${job.modelLabel ?? 'model'} ${KIND_TEXT[job.kind]} progress`}
        aria-valuemin={0} aria-valuemax={job.total} aria-valuenow={finished}>
        <div className={job.state === 'failed' ? 'failed' : ''} style={{ width: `${Math.min(1, fraction) * 100}%` }} />
      </div>
      <p data-testid="job-status">
        <span className={`job-state ${job.state}`}>{STATE_TEXT[job.state]}{job.cancelRequested && !jobEnded(job) ? ' (cancel asked)' : ''}</span>
        {' · '}<span data-testid="job-count">{job.done} of {job.total} items done</span>
        {job.failed > 0 && <>, <span className="error-text">{job.failed} failed</span></>}
        {!jobEnded(job) && <> · {rate(job.itemsPerSecond)} · {job.secondsLeft === null ? 'time left unknown' : `about ${duration(job.secondsLeft)} left`}</>}
        {jobEnded(job) && job.itemsPerSecond !== null && <> · {rate(job.itemsPerSecond)}</>}
        {job.attempts > 1 && <> · attempt {job.attempts}</>}
      </p>
      {job.error && <p className="error" role="alert" data-testid="job-failure">{job.error}</p>}
      {job.failures.length > 0 && <details open={jobEnded(job)}>
        <summary>{job.failures.length === 100 && job.failed > 100 ? `the first 100 of ${job.failed} items it failed on` : `items it failed on (${job.failures.length})`}</summary>
        <ul className="job-failures" data-testid="job-failures">{job.failures.map((f) => <li key={f.itemId}><b>{f.name}</b>: {f.error}</li>)}</ul>
      </details>}
      {job.evaluation && <Evaluation e={job.evaluation} items={job.done} />}
      {job.qualification && <p data-testid="job-qualification" data-status={job.qualification.status}>
        {job.qualification.status === 'qualified' ? 'Qualified' : 'Failed qualification'}: {job.qualification.correct} of {job.qualification.items} gold items right ({Math.round(job.qualification.accuracy * 1000) / 10}%, {Math.round(job.qualification.required * 1000) / 10}% needed)
      </p>}
      {job.training && <p data-testid="job-training">
        Sent the accepted labels of {job.done} {job.done === 1 ? 'item' : 'items'}; START_TRAINING {job.training.ok ? `answered ${job.training.status}` : `failed: ${job.training.error}`}
      </p>}
      {job.unmapped.length > 0 && <p className="muted" data-testid="job-unmapped">
        Proposals of classes the class map does not use (not stored): {job.unmapped.map((u) => `${u.class} ${u.count}`).join(', ')}
      </p>}
    </div>
  );
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** An evaluate job's figures: against the accepted labels, at IoU 0.5, read at the least score. */
function Evaluation({ e, items }: { e: NonNullable<MachineJob['evaluation']>; items: number }) {
  return (
    <div className="job-evaluation" data-testid="job-evaluation">
      <p>
        Against the accepted labels of {items} {items === 1 ? 'item' : 'items'} (IoU ≥ {e.iou}): <b>mAP {e.map.toFixed(3)}</b>;
        at score ≥ {e.minScore}: precision <b>{pct(e.precision)}</b>, recall <b>{pct(e.recall)}</b>
        {' '}({e.truePositives} found, {e.falsePositives} false, {e.falseNegatives} missed of {e.truths})
      </p>
      {e.classes.length > 1 && <table className="compact">
        <thead><tr><th>class</th><th>labels</th><th>proposals</th><th>found</th><th>AP</th></tr></thead>
        <tbody>{e.classes.map((c) => <tr key={c.class}><td>{c.class}</td><td>{c.truths}</td><td>{c.proposals}</td><td>{c.truePositives}</td><td>{c.ap.toFixed(3)}</td></tr>)}</tbody>
      </table>}
    </div>
  );
}
