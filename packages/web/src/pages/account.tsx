// /account: who I am, and changing my password (my other sessions end; this one stays).
import { useState, type FormEvent } from 'react';
import { api, type User } from '../api.ts';
import { fieldErrors } from './field-errors.ts';

export function AccountPage({ user }: { user: User }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function change(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    if (next !== repeat) { setErrors({ repeat: 'does not match the new password' }); return; }
    setBusy(true);
    setErrors({});
    try {
      await api('POST /api/auth/password', { body: { currentPassword: current, newPassword: next } });
      setCurrent(''); setNext(''); setRepeat('');
      setDone(true);
    } catch (err) {
      setErrors(fieldErrors(err));
    } finally {
      setBusy(false);
    }
  }

  const error = (field: string) => errors[field] && <p className="error" role="alert" data-field={field}>{errors[field]}</p>;
  return (
    <>
      <h1>Account</h1>
      <div className="card">
        <p>{user.name} · {user.email}{user.isAdmin ? ' · administrator' : ''}</p>
      </div>
      <form className="card" onSubmit={change} style={{ maxWidth: 420 }}>
        <h2>Change password</h2>
        <p className="muted">At least 8 characters. Your other sessions are signed out; API tokens keep working.</p>
        <label htmlFor="current-password">Current password</label>
        <input id="current-password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
        {error('currentPassword')}
        <label htmlFor="new-password">New password</label>
        <input id="new-password" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required />
        {error('newPassword')}
        <label htmlFor="repeat-password">New password again</label>
        <input id="repeat-password" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required />
        {error('repeat')}
        {error('')}
        {done && <p role="status" data-testid="password-changed">Password changed. Your other sessions were signed out.</p>}
        <p><button type="submit" disabled={busy}>Change password</button></p>
      </form>
    </>
  );
}
