import type { Rule } from './rule.ts';

// The project settings that protect people: a daily cap on new work and a break reminder.
export interface LimitSettings {
  /** Items a person may take on per day in this project; 0 means no cap. */
  dailyCap: number;
  /** Remind a person to rest after this many minutes of continuous work; 0 means off. */
  breakAfterMinutes: number;
  /** Where "today" begins and ends (an IANA name such as "Asia/Shanghai"). */
  timeZone: string;
}

export const DEFAULT_LIMITS: LimitSettings = { dailyCap: 0, breakAfterMinutes: 0, timeZone: 'UTC' };

// Building an Intl formatter costs tens of microseconds: remember each name's answer.
const zones = new Map<string, boolean>();

function knownTimeZone(v: unknown): boolean {
  if (typeof v !== 'string' || v.length > 64) return false;
  let known = zones.get(v);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: v });
      known = true;
    } catch {
      known = false;
    }
    if (zones.size < 1000) zones.set(v, known);
  }
  return known;
}

export const LIMIT_RULES: Record<keyof LimitSettings, Rule> = {
  dailyCap: (v) => (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1_000_000 ? null : 'must be an integer from 0 (no cap) to 1000000 (items per day)'),
  breakAfterMinutes: (v) => (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1440 ? null : 'must be an integer from 0 (off) to 1440 (minutes)'),
  timeZone: (v) => (knownTimeZone(v) ? null : `must be a time zone name such as "UTC" or "Asia/Shanghai", got ${JSON.stringify(v)}`),
};
