// How much waits in each stage of the project's workflow: open, being worked on, and waiting
// (reserved or held in a QA batch).
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import type { StageBacklog as Row } from '../workflow/api-types.ts';

export function StageBacklog({ projectId }: { projectId: string }) {
  const [rows, setRows] = useState<Row[] | null>(null);
  useEffect(() => { api('GET /api/projects/:projectId/stages', { params: { projectId } }).then(setRows, () => setRows(null)); }, [projectId]);
  if (!rows) return null;
  return (
    <div className="card">
      <h2>Backlog by stage</h2>
      <table data-testid="stages">
        <thead><tr><th>Stage</th><th>Open</th><th>In progress</th><th>Waiting</th><th>Done</th></tr></thead>
        <tbody>{rows.map((r) => <tr key={r.stage} data-stage={r.stage}><td>{r.stage}</td><td>{r.open}</td><td>{r.leased}</td><td>{r.waiting}</td><td>{r.done ?? ''}</td></tr>)}</tbody>
      </table>
    </div>
  );
}
