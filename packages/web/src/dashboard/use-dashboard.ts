// A dashboard kept live: the server sends a snapshot on connect and on each change (server-sent events).
import { useEffect, useState } from 'react';
import type { DashboardView } from '@cadre/contract';
import { urlOf } from '../api.ts';

export type View = DashboardView;

export function useDashboard<T>(projectId: string, view: View | null): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!view) return;
    setData(null);
    const source = new EventSource(urlOf('GET /api/projects/:projectId/dashboard/:view/stream', { params: { projectId, view } }));
    source.onmessage = (e) => { setData(JSON.parse(e.data) as T); setError(null); };
    source.onerror = () => setError('The live connection dropped; reconnecting…');
    return () => source.close();
  }, [projectId, view]);
  return { data, error };
}

export const money = (minor: number, currency: string) => {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 10 ** digits);
};
export const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
