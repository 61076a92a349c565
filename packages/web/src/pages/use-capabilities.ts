// What this person may do, as the server says (GET /api/projects/:id/capabilities, from the same
// role lists its gates use): the one place the web app decides what to show. While the answer is
// on its way nothing role-bound is shown.
import { useEffect, useState } from 'react';
import { api } from '../api.ts';

import type { Capability, MyCapabilities, ProjectCapabilities } from '@cadre/contract';

export type { Capability, MyCapabilities };
export type Can = ProjectCapabilities['can'];

const NOTHING: Can = {
  annotate: false, review: false, qa: false, returned: false, manage: false, export: false, viewMembers: false,
  viewTasks: false, viewBacklog: false, viewBatches: false, viewQuality: false, viewDashboard: false,
};

export function useCapabilities(projectId: string): Can {
  const [can, setCan] = useState<Can>(NOTHING);
  useEffect(() => {
    let live = true;
    setCan(NOTHING);
    api('GET /api/projects/:projectId/capabilities', { params: { projectId } }).then(({ can: c }) => { if (live) setCan(c); }, () => undefined);
    return () => { live = false; };
  }, [projectId]);
  return can;
}

export function useMyCapabilities(): MyCapabilities | null {
  const [mine, setMine] = useState<MyCapabilities | null>(null);
  useEffect(() => { api('GET /api/me/capabilities').then(setMine, () => setMine(null)); }, []);
  return mine;
}
