import { useEffect, useState } from 'react';
import type { MyWork } from '@cadre/contract';
import { api } from '../api.ts';
import { navigate } from '../router.ts';
import { taskPath } from '../workflow/queue-bar.tsx';

type Work = MyWork;

export function MyWorkPage() {
  const [work, setWork] = useState<Work | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { api('GET /api/me/work').then(setWork, (e: Error) => setError(e.message)); }, []);
  if (error) return <p className="error">{error}</p>;
  if (!work) return <p className="muted">Loading…</p>;
  const go = (path: string) => (e: { preventDefault(): void }) => { e.preventDefault(); navigate(path); };
  return (
    <>
      <h1>My work</h1>
      <div className="card" data-testid="work-summary">
        <strong>{work.doneToday}</strong> submitted today · {work.byState['accepted'] ?? 0} accepted · {work.byState['submitted'] ?? 0} in review · {work.byState['rejected'] ?? 0} rejected
      </div>
      {work.held.length > 0 && (
        <div className="card">
          <h2>Open now</h2>
          {work.held.map((t) => {
            const path = taskPath(t.projectId, t.stage ?? 'annotate', t.taskId);
            return <p key={t.taskId}><a href={path} onClick={go(path)}>{t.projectName}</a> <span className="muted">{t.stage ?? 'annotate'} · lease until {t.leaseExpiresAt ? new Date(t.leaseExpiresAt).toLocaleTimeString() : '?'}</span></p>;
          })}
        </div>
      )}
      <div className="card">
        <h2>Latest submissions</h2>
        <table>
          <thead><tr><th>When</th><th>Project</th><th>Objects</th><th>State</th></tr></thead>
          <tbody>{work.recent.map((r) => <tr key={r.annotationId} data-testid="work-row"><td>{new Date(r.submittedAt).toLocaleString()}</td><td>{r.projectName}</td><td>{r.objects}</td><td>{r.state}</td></tr>)}</tbody>
        </table>
      </div>
    </>
  );
}
