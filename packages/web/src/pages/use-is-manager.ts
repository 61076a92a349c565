import { useEffect, useState } from 'react';
import { api, type User } from '../api.ts';

/** Whether this person manages the project (admins do): the members list says, when they may read it. */
export function useIsManager(projectId: string, user: User): boolean {
  const [manager, setManager] = useState(user.isAdmin);
  useEffect(() => {
    if (user.isAdmin) return;
    api<{ users: { id: string; role: string }[] }>('GET', `/api/projects/${projectId}/members`)
      .then((m) => setManager(m.users.some((u) => u.id === user.id && u.role === 'manager')), () => setManager(false));
  }, [projectId, user]);
  return manager;
}
