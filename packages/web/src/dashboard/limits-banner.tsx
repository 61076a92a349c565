// The workspace's banner: progress against the daily cap and the break reminder, kept live.
import { useState } from 'react';
import { useDashboard } from './use-dashboard.ts';
import { BreakLine, CapLine } from './views.tsx';
import type { MeDashboard } from './types.ts';

export function LimitsBanner({ projectId }: { projectId: string }) {
  const { data } = useDashboard<MeDashboard>(projectId, 'me');
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  if (!data || (data.cap.cap <= 0 && data.break.breakAfterMinutes <= 0)) return null;
  const showBreak = data.break.due && dismissedAt !== data.break.since;
  return (
    <div className="limits-banner" role="status">
      {data.cap.cap > 0 && <CapLine cap={data.cap} />}
      {showBreak && <><BreakLine b={data.break} /> <button onClick={() => setDismissedAt(data.break.since)}>Dismiss</button></>}
    </div>
  );
}
