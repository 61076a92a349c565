import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from './config.ts';

test('sign-in limits default to abuse-sized values and are read from the environment', () => {
  // The test harness signs in many times from 127.0.0.1; ten failures an account and a hundred an
  // address a quarter hour leave such use alone.
  assert.deepEqual(loadConfig({}).loginThrottle, { windowSeconds: 900, maxFailuresPerAccount: 10, maxFailuresPerAddress: 100 });
  const set = loadConfig({ CADRE_LOGIN_WINDOW_SECONDS: '2', CADRE_LOGIN_MAX_FAILURES: '3', CADRE_LOGIN_MAX_FAILURES_PER_ADDRESS: '50', CADRE_TRUSTED_ORIGINS: 'https://labels.example.com, http://localhost:5173' });
  assert.deepEqual(set.loginThrottle, { windowSeconds: 2, maxFailuresPerAccount: 3, maxFailuresPerAddress: 50 });
  assert.deepEqual(set.trustedOrigins, ['https://labels.example.com', 'http://localhost:5173']);
});

test('bad sign-in limits and origins are refused at boot, all named together', () => {
  assert.throws(
    () => loadConfig({ CADRE_LOGIN_WINDOW_SECONDS: '0', CADRE_LOGIN_MAX_FAILURES: 'ten', CADRE_LOGIN_MAX_FAILURES_PER_ADDRESS: '-1', CADRE_TRUSTED_ORIGINS: 'https://x.example/path' }),
    (e: Error) => ['CADRE_LOGIN_WINDOW_SECONDS=0', 'CADRE_LOGIN_MAX_FAILURES=ten', 'CADRE_LOGIN_MAX_FAILURES_PER_ADDRESS=-1', 'CADRE_TRUSTED_ORIGINS: "https://x.example/path"'].every((s) => e.message.includes(s)),
  );
});
