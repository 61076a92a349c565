// When the red lines are looked at: a few seconds after work moves in a project (the `work:<id>`
// notices every process hears, see changes.ts) or its settings change, and once a minute for every
// project with open work or an open alert. Each process schedules; evaluate.ts lets one of them
// evaluate. A project with no red line on costs nothing when its work moves.
import { anyRedLine } from '@cadre/core';
import { alerts as alertsRepo } from '@cadre/db';
import { onChange } from '../changes.ts';
import type { ServiceDeps } from '../context.ts';
import { cachedProject } from '../project-cache.ts';
import { evaluateProject, MIN_GAP_MS } from './evaluate.ts';

export interface AlertWatchOptions {
  /** After a notice, wait this long (more work gathers) before evaluating (default 3000 ms). */
  debounceMs?: number;
  /** How often every project with open work is looked at (default 60 s). */
  everyMs?: number;
}

interface Watcher { notice(key: string): void }
// One listener for the process, handing notices to the watchers running (one per server in it).
const watchers = new Set<Watcher>();
let listening = false;

export function startAlertWatch(deps: ServiceDeps, o: AlertWatchOptions = {}): () => Promise<void> {
  const debounceMs = o.debounceMs ?? MIN_GAP_MS + 500;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  // `linesOnly`: evaluate only if a red line is on (work moved); else also to clear what is open.
  const run = async (projectId: string, linesOnly: boolean) => {
    if (linesOnly) {
      const project = await cachedProject(deps.db, projectId);
      if (!project || !anyRedLine(project.settings)) return;
    }
    const e = await evaluateProject(deps, projectId);
    await e.delivered;
  };
  const schedule = (projectId: string, linesOnly: boolean) => {
    if (stopped || timers.has(projectId)) return;
    timers.set(projectId, setTimeout(() => {
      timers.delete(projectId);
      if (stopped) return;
      const p = run(projectId, linesOnly).catch(() => undefined); // the next notice or the minute tries again
      running.add(p);
      void p.finally(() => running.delete(p));
    }, debounceMs).unref());
  };
  const watcher: Watcher = {
    notice(key) {
      if (key.startsWith('work:')) schedule(key.slice(5), true);
      else if (key.startsWith('project:')) schedule(key.slice(8), false);
    },
  };
  watchers.add(watcher);
  if (!listening) {
    listening = true;
    onChange((key) => { for (const w of watchers) w.notice(key); });
  }
  const tick = setInterval(() => {
    void alertsRepo.projectsToWatch(deps.db).then((rows) => { for (const r of rows) schedule(r.id, !r.alerting); }, () => undefined);
  }, o.everyMs ?? 60_000);
  tick.unref();

  return async () => {
    stopped = true;
    watchers.delete(watcher);
    clearInterval(tick);
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
    await Promise.all([...running]);
  };
}
