// Brute-force protection for sign-in: failed attempts are counted per account (the email as typed,
// whether or not such an account exists, so the answer tells nothing about which emails exist) and
// per client address, in fixed windows kept in the database and shared by every process.
import { loginThrottle as repo } from '@cadre/db';
import { AppError } from '../errors.ts';
import type { ServiceDeps } from './context.ts';

export interface LoginLimits { windowSeconds: number; maxFailuresPerAccount: number; maxFailuresPerAddress: number }

/** Sized for abuse, not for people: ten tries at one password, or a hundred from one address, per quarter hour. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowSeconds: 900, maxFailuresPerAccount: 10, maxFailuresPerAddress: 100 };

/**
 * Runs `login` unless the account or address has used up its failures in the current window, in
 * which case even the right password is refused until the window ends. The attempt is counted
 * before the password is checked, so concurrent guesses cannot slip past the limit together; a
 * success takes its count back.
 */
export async function throttledLogin<T>(deps: ServiceDeps, limits: LoginLimits, who: { email: string; address: string }, login: () => Promise<T>): Promise<T> {
  const account = `account:${who.email.trim().toLowerCase()}`;
  const address = `address:${who.address}`;
  const [a, b] = await Promise.all([
    repo.countAttempt(deps.db, account, limits.windowSeconds),
    repo.countAttempt(deps.db, address, limits.windowSeconds),
  ]);
  if (a.failures === 1) await repo.deleteExpired(deps.db, limits.windowSeconds);
  const over = [a.failures > limits.maxFailuresPerAccount ? a : null, b.failures > limits.maxFailuresPerAddress ? b : null].filter((c) => c !== null);
  if (over.length > 0) {
    const retryAfterSeconds = Math.max(...over.map((c) => c.retryAfterSeconds));
    throw new AppError('rate_limited', `too many failed sign-ins for this account or from this address; try again in ${retryAfterSeconds} seconds`, { retryAfterSeconds });
  }
  const result = await login();
  await Promise.all([repo.clear(deps.db, account), repo.uncountAttempt(deps.db, address)]);
  return result;
}
