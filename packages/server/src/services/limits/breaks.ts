// Continuous work, from stretches of work: stretches less than BREAK_GAP apart are one sitting.
// Pure, so the rule can be tested without a database.
import type { limits } from '@cadre/db';

type WorkSpan = limits.WorkSpan;

/** A pause shorter than this does not end a sitting. */
export const BREAK_GAP_MS = 5 * 60_000;

export interface Sitting { from: Date; to: Date }

/** The sittings made of these stretches, oldest first. */
export function sittings(spans: readonly Pick<WorkSpan, 'from' | 'to'>[]): Sitting[] {
  const sorted = [...spans].sort((a, b) => a.from.getTime() - b.from.getTime());
  const out: Sitting[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from.getTime() - last.to.getTime() < BREAK_GAP_MS) {
      if (s.to > last.to) last.to = s.to;
    } else out.push({ from: s.from, to: s.to });
  }
  return out;
}

export interface BreakState {
  /** Minutes of the sitting going on now (0 when the person is not working). */
  continuousMinutes: number;
  breakAfterMinutes: number;
  /** True when the sitting is at least `breakAfterMinutes` long (never when the reminder is off). */
  due: boolean;
  since: string | null;
}

/** The break reminder's state at `now`: a sitting is going on when it ended less than BREAK_GAP ago. */
export function breakState(spans: readonly Pick<WorkSpan, 'from' | 'to'>[], breakAfterMinutes: number, now: Date): BreakState {
  const last = sittings(spans).at(-1);
  const going = last && now.getTime() - last.to.getTime() < BREAK_GAP_MS;
  const minutes = going ? Math.floor((now.getTime() - last.from.getTime()) / 60_000) : 0;
  return {
    continuousMinutes: minutes, breakAfterMinutes,
    due: breakAfterMinutes > 0 && minutes >= breakAfterMinutes,
    since: going ? last.from.toISOString() : null,
  };
}

/** Minutes actually spent on work in these stretches (overlaps counted once). */
export function workedMinutes(spans: readonly Pick<WorkSpan, 'from' | 'to'>[]): number {
  const sorted = [...spans].sort((a, b) => a.from.getTime() - b.from.getTime());
  let total = 0;
  let end = -Infinity;
  for (const s of sorted) {
    const from = Math.max(s.from.getTime(), end);
    if (s.to.getTime() > from) total += s.to.getTime() - from;
    end = Math.max(end, s.to.getTime());
  }
  return total / 60_000;
}
