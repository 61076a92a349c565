import { useEffect, useState, type FormEvent } from 'react';
import type { Members, Role } from '@cadre/contract';
import { api } from '../api.ts';
import { SetPassword } from './set-password.tsx';
import { useMyCapabilities } from './use-capabilities.ts';

const ROLES: Role[] = ['annotator', 'reviewer', 'manager', 'client'];

/** The project's members; managers add them, administrators also set a forgotten password. */
export function MembersPanel({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const [members, setMembers] = useState<Members | null>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('annotator');
  const [error, setError] = useState<string | null>(null);
  const admin = useMyCapabilities()?.admin ?? false;
  const load = () => api('GET /api/projects/:projectId/members', { params: { projectId } }).then(setMembers, (e: Error) => setError(e.message));
  useEffect(() => { void load(); }, [projectId]);

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api('PUT /api/projects/:projectId/members', { params: { projectId }, body: { email, role } });
      setEmail('');
      await load();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <div className="card">
      <h2>Members</h2>
      <table>
        <tbody>
          {members?.users.map((u) => <tr key={u.id} data-testid="member-row"><td>{u.name}</td><td>{u.email}</td><td>{u.role}</td>{admin && <td><SetPassword userId={u.id} name={u.name} /></td>}</tr>)}
          {members?.teams.map((t) => <tr key={t.id}><td>team {t.name}</td><td /><td>{t.role}</td></tr>)}
        </tbody>
      </table>
      {canEdit && <form onSubmit={add} style={{ display: 'flex', gap: 8, marginTop: 8 }}>
        <input aria-label="member email" type="email" placeholder="email of a Cadre user" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <select aria-label="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select>
        <button type="submit">Add</button>
      </form>}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
