// The project's task table on the 1,000,000-task project: first page, a page deep in the middle,
// and the same filtered by status and newest first, each through the service the API uses.
import { dispenser, type Actor, type ServiceDeps } from '@cadre/server';
import { percentile } from './stats.ts';

export interface TableResult { firstPageP50: number; deepPageP50: number; filteredP50: number; newestP50: number }

async function timed(n: number, fn: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return percentile(ms, 50);
}

export async function tablePhase(deps: ServiceDeps, admin: Actor, projectId: string): Promise<TableResult> {
  const page = (q: Parameters<typeof dispenser.listTasks>[3]) => dispenser.listTasks(deps, admin, projectId, q);
  // A cursor half way through the project: walk there once by keyset, a page of 1,000 at a time.
  let middle: string | undefined;
  for (let i = 0; i < 500; i++) {
    const next = (await page({ limit: 1000, after: middle })).next;
    if (!next) break;
    middle = next;
  }
  return {
    firstPageP50: await timed(20, () => page({ limit: 50 })),
    deepPageP50: await timed(20, () => page({ limit: 50, after: middle })),
    filteredP50: await timed(20, () => page({ limit: 50, status: 'open', after: middle })),
    newestP50: await timed(20, () => page({ limit: 50, order: 'newest' })),
  };
}
