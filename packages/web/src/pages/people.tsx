// /people (administrators): everyone with an account, and a new password for whoever forgot theirs,
// also for people in no project yet.
import { useEffect, useState } from 'react';
import { api, type User } from '../api.ts';
import { SetPassword } from './set-password.tsx';

export function PeoplePage() {
  const [people, setPeople] = useState<User[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { api('GET /api/users').then(setPeople, (e: Error) => setError(e.message)); }, []);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!people) return <p className="muted">Loading…</p>;
  return (
    <>
      <h1>People</h1>
      <table>
        <thead><tr><th>Name</th><th>Email</th><th /><th /></tr></thead>
        <tbody>{people.map((u) => (
          <tr key={u.id} data-testid="person-row"><td>{u.name}</td><td>{u.email}</td><td>{u.isAdmin ? 'administrator' : ''}</td><td><SetPassword userId={u.id} name={u.name} /></td></tr>
        ))}</tbody>
      </table>
    </>
  );
}
