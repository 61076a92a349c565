// QA batches of a project: whose work, how big, how much was inspected and found correct, and
// where each stands; a manager closes an open batch to sample it now.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api.ts';
import { percent, type Batch } from '../workflow/api-types.ts';
import { ProjectNav } from './project-nav.tsx';
import { useCapabilities } from './use-capabilities.ts';

export function BatchesPage({ projectId }: { projectId: string }) {
  const [batches, setBatches] = useState<Batch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const manager = useCapabilities(projectId).manage;
  const load = useCallback(() => { api('GET /api/projects/:projectId/batches', { params: { projectId } }).then(setBatches, (e: Error) => setError(e.message)); }, [projectId]);
  useEffect(load, [load]);
  const close = async (id: string) => {
    setError(null);
    try { await api('POST /api/batches/:batchId/close', { params: { batchId: id } }); load(); } catch (e) { setError(e instanceof Error ? e.message : String(e)); }
  };
  return (
    <>
      <ProjectNav projectId={projectId} />
      <h1>QA batches</h1>
      {error && <p className="error" role="alert">{error}</p>}
      {!batches ? <p className="muted">Loading…</p> : batches.length === 0 ? <p className="muted">No batches yet: work joins one once it passes review.</p> : (
        <table>
          <thead><tr><th>Annotator</th><th>Batch</th><th>Size</th><th>Sampled</th><th>Inspected</th><th>Correct</th><th>Accuracy</th><th>Status</th><th /></tr></thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id} data-testid="batch-row" data-status={b.status}>
                <td>{b.annotatorName}</td><td>{b.key}</td><td>{b.size}</td><td>{b.sampled}</td><td>{b.inspected}</td><td>{b.correct}</td>
                <td>{percent(b.accuracy)}</td><td>{b.status}</td>
                <td>{manager && b.status === 'open' && <button type="button" onClick={() => void close(b.id)}>Close</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
