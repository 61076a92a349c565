// My work that came back for rework, newest first, with the reasons; Open opens exactly that task
// (the workspace also takes returned work ahead of new work).
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { navigate } from '../router.ts';
import type { Returned } from '../workflow/api-types.ts';
import { reasonText } from '../workflow/notes.ts';
import { taskPath } from '../workflow/queue-bar.tsx';
import { ProjectNav } from './project-nav.tsx';

export function ReturnedPage({ projectId }: { projectId: string }) {
  const [returned, setReturned] = useState<Returned[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { api('GET /api/projects/:projectId/returned', { params: { projectId } }).then(setReturned, (e: Error) => setError(e.message)); }, [projectId]);
  return (
    <>
      <ProjectNav projectId={projectId} />
      <h1>Returned to me</h1>
      {error && <p className="error" role="alert">{error}</p>}
      {!returned ? <p className="muted">Loading…</p> : returned.length === 0 ? <p className="muted">Nothing came back. Well done.</p> : (
        <>
          <p><button type="button" onClick={() => navigate(`/projects/${projectId}/label`)}>Open in the workspace</button></p>
          {returned.map((r) => (
            <div className="card" key={r.taskId} data-testid="returned-row">
              <p>
                <strong>Item {r.itemId.slice(-8)}</strong> · returned {r.rejections} time{r.rejections === 1 ? '' : 's'}
                {r.reviewerName ? ` · by ${r.reviewerName}` : ''} · {new Date(r.rejectedAt).toLocaleString()}{' '}
                <button type="button" onClick={() => navigate(taskPath(projectId, 'annotate', r.taskId))}>Open</button>
              </p>
              <ul>{r.reasons.map((reason, i) => <li key={i}>{reason.objectId ? 'object: ' : 'whole item: '}{reasonText(reason)}</li>)}</ul>
            </div>
          ))}
        </>
      )}
    </>
  );
}
