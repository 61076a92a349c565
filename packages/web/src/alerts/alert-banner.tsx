// The red lines a project has crossed and not yet cleared, above every project page its managers
// open: what crossed, when, and where to look (the charts; the whole log as CSV).
import { useEffect, useState } from 'react';
import type { Alert } from '@cadre/contract';
import { api, urlOf } from '../api.ts';
import { navigate } from '../router.ts';

const REFRESH_MS = 30_000;
const SHOWN = 5;

export function AlertBanner({ projectId }: { projectId: string }) {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  useEffect(() => {
    let live = true;
    const load = () => api('GET /api/projects/:projectId/alerts', { params: { projectId }, query: { open: true, limit: 50 } })
      .then((r) => live && setAlerts(r.alerts), () => undefined);
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => { live = false; clearInterval(timer); };
  }, [projectId]);
  if (alerts.length === 0) return null;
  const charts = `/projects/${projectId}/charts`;
  return (
    <div className="alert-banner" role="alert" aria-label={`${alerts.length} red line${alerts.length === 1 ? '' : 's'} crossed`}>
      <strong>{alerts.length === 1 ? 'A red line is crossed' : `${alerts.length} red lines are crossed`}</strong>
      <ul>
        {alerts.slice(0, SHOWN).map((a) => (
          <li key={a.id} data-testid="open-alert">{a.message} <span className="muted">since {new Date(a.raisedAt).toLocaleString()}</span></li>
        ))}
      </ul>
      {alerts.length > SHOWN && <p className="muted">and {alerts.length - SHOWN} more</p>}
      <a href={charts} onClick={(e) => { e.preventDefault(); navigate(charts); }}>See the charts</a>
      {' · '}
      <a href={urlOf('GET /api/projects/:projectId/alerts/csv', { params: { projectId } })} download>Alert log (CSV)</a>
    </div>
  );
}
