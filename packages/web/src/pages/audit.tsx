// /audit (administrators): the audit log of privileged actions, newest first, by action group, a
// page at a time, and the same as CSV.
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '@cadre/contract';
import { api, urlOf } from '../api.ts';

const GROUPS = ['', 'role', 'user', 'token', 'session', 'project', 'pay', 'export', 'import', 'delete', 'quality', 'model', 'team'] as const;

export function AuditPage() {
  const [group, setGroup] = useState<string>('');
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async (before?: string) => {
    setError(null);
    try {
      const page = await api('GET /api/audit', { query: { ...(group ? { action: group } : {}), ...(before ? { before } : {}), limit: 100 } });
      setEntries((list) => (before ? [...list, ...page.entries] : page.entries));
      setNext(page.next);
    } catch (e) {
      setError(`The audit log could not be read: ${(e as Error).message}`);
    }
  }, [group]);
  useEffect(() => { void load(); }, [load]);
  const csv = urlOf('GET /api/audit/csv', { query: group ? { action: group } : {} });
  return (
    <>
      <h1>Audit log</h1>
      <div className="card">
        <p className="muted">Who changed roles, users, rates and pay, exported, imported or deleted what, and ran which models: every such request that succeeded, newest first.</p>
        <p>
          <label>Actions{' '}
            <select aria-label="action group" value={group} onChange={(e) => setGroup(e.target.value)}>
              {GROUPS.map((g) => <option key={g} value={g}>{g === '' ? 'all' : g}</option>)}
            </select>
          </label>{' '}
          <a href={csv} download data-testid="audit-csv">Download CSV</a>
        </p>
        {error && <p className="error" role="alert">{error}</p>}
        <table data-testid="audit-log">
          <thead><tr><th>When</th><th>Who</th><th>Action</th><th>Project</th><th>Request</th></tr></thead>
          <tbody>{entries.map((e) => (
            <tr key={e.id} data-action={e.action}>
              <td>{new Date(e.at).toLocaleString()}</td><td>{e.actorEmail ?? '—'}</td><td>{e.action}</td>
              <td>{e.projectId ? <a href={`/projects/${e.projectId}`}>{e.projectId.slice(0, 8)}</a> : '—'}</td>
              <td className="muted" title={JSON.stringify(e.detail)}>{e.method} {e.path}</td>
            </tr>
          ))}</tbody>
        </table>
        {entries.length === 0 && !error && <p className="muted">Nothing logged yet.</p>}
        {next && <p><button className="secondary" onClick={() => load(next)}>Older</button></p>}
      </div>
    </>
  );
}
