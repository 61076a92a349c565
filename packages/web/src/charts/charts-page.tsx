// /projects/:id/charts (managers): throughput, backlog, people, classes and money over a chosen
// window. The charts follow the project's live stream: when the dashboard's snapshot changes, the
// series are read again (at most every 15 s).
import { useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';
import { ProjectNav } from '../pages/project-nav.tsx';
import { useDashboard } from '../dashboard/use-dashboard.ts';
import { BacklogChart } from './backlog-chart.tsx';
import { ClassCharts } from './classes-chart.tsx';
import { MoneyCharts } from './money-chart.tsx';
import { PeopleCharts } from './people-chart.tsx';
import { ThroughputChart } from './throughput-chart.tsx';
import type { ChartData } from './format.ts';

const WINDOWS = [[1, 'last 24 hours'], [7, 'last 7 days'], [30, 'last 30 days']] as const;
const REFRESH_GAP_MS = 15_000;

export default function ChartsPage({ projectId }: { projectId: string }) {
  const [days, setDays] = useState(1);
  const [data, setData] = useState<ChartData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const live = useDashboard<{ at: string }>(projectId, 'admin');
  const lastRead = useRef(0);
  const [tick, setTick] = useState(0);
  // A new snapshot on the stream: read the series again, now or when the gap is up.
  useEffect(() => {
    if (!live.data) return;
    const wait = Math.max(0, lastRead.current + REFRESH_GAP_MS - Date.now());
    const t = setTimeout(() => setTick((n) => n + 1), wait);
    return () => clearTimeout(t);
  }, [live.data]);
  useEffect(() => {
    let gone = false;
    lastRead.current = Date.now();
    api('GET /api/projects/:projectId/charts', { params: { projectId }, query: { days } })
      .then((d) => { if (!gone) { setData(d); setError(null); } }, (e: Error) => { if (!gone) setError(e.message); });
    return () => { gone = true; };
  }, [projectId, days, tick]);
  return (
    <>
      <ProjectNav projectId={projectId} />
      <h1>Charts</h1>
      <p>
        <label>Window <select aria-label="window" value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {WINDOWS.map(([n, label]) => <option key={n} value={n}>{label}</option>)}
        </select></label>
        {data && <span className="muted"> · as of {new Date(data.at).toLocaleTimeString()}{live.error ? ` · ${live.error}` : ' · live'}</span>}
      </p>
      {error && <p className="error" role="alert">{error}</p>}
      {!data ? <p className="muted">Loading…</p> : (
        <div className="charts" data-days={data.days}>
          <h2>Throughput</h2>
          <ThroughputChart d={data} />
          <h2>Backlog</h2>
          <BacklogChart d={data} />
          <h2>People</h2>
          <PeopleCharts d={data} />
          <h2>Classes</h2>
          <ClassCharts d={data} />
          <h2>Money</h2>
          <MoneyCharts d={data} />
        </div>
      )}
    </>
  );
}
