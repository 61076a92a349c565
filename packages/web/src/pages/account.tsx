// /account: who I am, and changing my password (my other sessions end; this one stays).
import { useState, type FormEvent } from 'react';
import { api, type User } from '../api.ts';
import { fieldErrors } from './field-errors.ts';

export function AccountPage({ user, onSignedOut }: { user: User; onSignedOut?: () => void }) {
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
      <SignOutEverywhere onSignedOut={onSignedOut} />
    </>
  );
}

/** A lost phone or a shared computer: every session of mine ends, this one too. */
function SignOutEverywhere({ onSignedOut }: { onSignedOut?: (() => void) | undefined }) {
  const [error, setError] = useState<string | null>(null);
  async function signOut() {
    setError(null);
    try {
      await api('POST /api/auth/logout-everywhere');
      onSignedOut?.();
    } catch (e) {
      setError(`Could not sign out everywhere: ${(e as Error).message}`);
    }
  }
  return (
    <div className="card" style={{ maxWidth: 420 }}>
      <h2>Sign out everywhere</h2>
      <p className="muted">Ends every session of yours, on every device, this one included. API tokens are revoked one by one.</p>
      <p><button className="secondary" onClick={signOut}>Sign out everywhere</button></p>
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
