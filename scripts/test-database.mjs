// Starts the one embedded PostgreSQL that all test files of a run share, unless TEST_DATABASE_URL
// already names a server.
import { register } from 'tsx/esm/api';

export async function startTestDatabase() {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop: async () => {} };
  register();
  const { startTestCluster } = await import('../packages/db/src/testing.ts');
  return startTestCluster();
}
