// An administrator sets a new password for someone who forgot theirs (all their sessions end);
// the administrator tells them the new one.
import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { fieldErrors } from './field-errors.ts';

export function SetPassword({ userId, name }: { userId: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api('PUT /api/users/:userId/password', { params: { userId }, body: { password } });
      setOpen(false);
      setPassword('');
      setDone(true);
    } catch (err) {
      const f = fieldErrors(err);
      setError(f['password'] ?? Object.values(f).join('; '));
    }
  }

  if (!open) return <>{done && <span className="muted" role="status">password set; {name} was signed out </span>}<button type="button" onClick={() => { setOpen(true); setDone(false); }}>Set password</button></>;
  return (
    <form onSubmit={save} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
      <input aria-label={`new password for ${name}`} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit">Save</button>
      <button type="button" onClick={() => setOpen(false)}>Cancel</button>
      {error && <span className="error" role="alert">{error}</span>}
    </form>
  );
}
