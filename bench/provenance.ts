// Which code a run measured: the commit, whether the tree had uncommitted changes, and when.
// Only a run at a clean tree may be committed as bench/results/latest.json (its commit is the code).
import { execFileSync } from 'node:child_process';

export interface Provenance { commit: string; dirty: boolean; measured_at: string }

const git = (...args: string[]): string | null => {
  try {
    return execFileSync('git', args, { cwd: new URL('..', import.meta.url), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};

/** Dirty means a tracked file differs from the commit (untracked files do not count). */
export function provenance(): Provenance {
  const commit = git('rev-parse', 'HEAD') ?? 'unknown';
  const status = git('status', '--porcelain', '--untracked-files=no');
  return { commit, dirty: status === null || status.length > 0, measured_at: new Date().toISOString() };
}

/** The results file as last committed (HEAD), or null when there is none. */
export function committedResults(path = 'bench/results/latest.json'): unknown {
  const text = git('show', `HEAD:${path}`);
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
