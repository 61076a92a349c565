// The red lines as rules, pure: the figures a line needs in, one reading per subject out (crossed or
// not, with its value). The figures are the dashboard's own (figures.ts: backlog per stage and the
// forecast; the quality page's rejections; the daily cap's state), so a line and the dashboard never
// disagree about a number.
import type { ProjectSettings } from '@cadre/core';
import { backlogAlerts, type Forecast, type StageRow } from '../dashboard/figures.ts';

export type AlertKind = 'backlog' | 'forecast' | 'rejection_rate' | 'qa_batch' | 'daily_cap';
export type SubjectKind = 'stage' | 'person' | 'batch' | 'project';

/** One subject of one line as evaluated now. `subjectId` is '' for the project as a whole. */
export interface Reading {
  kind: AlertKind; subjectKind: SubjectKind; subjectId: string; subjectName: string;
  /** The stage the alert concerns ('' for the whole project), as the dashboard's alerts name it. */
  stage: string;
  level: number; value: number; crossed: boolean; message: string;
}

/** What the lines that are on need; a line whose figures are missing reads nothing. */
export interface Figures {
  stages?: StageRow[];
  forecast?: Forecast;
  annotators?: { userId: string; name: string; accepted: number; rejected: number }[];
  failedBatches?: { id: string; key: string; annotatorName: string; accuracy: number | null }[];
  /** People at the daily cap today. */
  atCap?: number;
}

type Lines = Pick<ProjectSettings, 'stages' | 'backlogAlertAbove' | 'backlogAlertByStage' | 'deadline' | 'alertForecastPastDeadline'
  | 'alertRejectionRateAbove' | 'alertRejectionMinDecided' | 'alertQaBatchFailed' | 'qaThreshold' | 'alertDailyCapPeople' | 'dailyCap'>;

/** Which figures the lines that are on need (so an evaluation reads nothing more). */
export function figuresNeeded(s: Lines) {
  const forecast = s.alertForecastPastDeadline && s.deadline !== null;
  return {
    stages: s.backlogAlertAbove > 0 || Object.values(s.backlogAlertByStage).some((n) => n > 0) || forecast,
    forecast,
    rejections: s.alertRejectionRateAbove !== null,
    qaBatches: s.alertQaBatchFailed,
    dailyCap: s.alertDailyCapPeople > 0 && s.dailyCap > 0,
  };
}

const HOUR = 3_600_000;
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const at = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function readLines(s: Lines, f: Figures, now = new Date()): Reading[] {
  const out: Reading[] = [];
  const need = figuresNeeded(s);
  if (f.stages && need.stages) {
    // The dashboard's own rule: a stage of the workflow above its level.
    const above = new Map(backlogAlerts(f.stages, s).filter((a) => a.kind === 'above').map((a) => [a.stage, a]));
    for (const r of f.stages) {
      const a = above.get(r.stage);
      if (!a) continue;
      out.push({ kind: 'backlog', subjectKind: 'stage', subjectId: r.stage, subjectName: r.stage, stage: r.stage, level: a.level, value: a.queued, crossed: true, message: a.message });
    }
    for (const r of f.stages) {
      if (above.has(r.stage) || !(s.stages as readonly string[]).includes(r.stage)) continue;
      out.push({ kind: 'backlog', subjectKind: 'stage', subjectId: r.stage, subjectName: r.stage, stage: r.stage, level: 0, value: r.open + r.leased + r.waiting, crossed: false, message: '' });
    }
  }
  if (f.forecast && need.forecast) out.push(forecastReading(s.deadline!, f.forecast, now));
  const x = s.alertRejectionRateAbove;
  if (f.annotators && x !== null) {
    for (const a of f.annotators) {
      const decided = a.accepted + a.rejected;
      if (decided === 0) continue;
      const rate = a.rejected / decided;
      const crossed = decided >= s.alertRejectionMinDecided && rate > x;
      out.push({
        kind: 'rejection_rate', subjectKind: 'person', subjectId: a.userId, subjectName: a.name, stage: 'annotate', level: x, value: Math.round(rate * 1000) / 1000, crossed,
        message: `${a.name}: ${pct(rate)} of decided work rejected (${a.rejected} of ${decided}), above the red line of ${pct(x)}`,
      });
    }
  }
  if (f.failedBatches && need.qaBatches) {
    for (const b of f.failedBatches) {
      out.push({
        kind: 'qa_batch', subjectKind: 'batch', subjectId: b.id, subjectName: `${b.annotatorName} ${b.key}`, stage: 'qa', level: s.qaThreshold, value: b.accuracy ?? 0, crossed: true,
        message: `QA batch ${b.key} of ${b.annotatorName} failed: ${b.accuracy === null ? 'accuracy unknown' : pct(b.accuracy)} correct, below ${pct(s.qaThreshold)}`,
      });
    }
  }
  if (f.atCap !== undefined && need.dailyCap) {
    const n = s.alertDailyCapPeople;
    out.push({
      kind: 'daily_cap', subjectKind: 'project', subjectId: '', subjectName: '', stage: 'annotate', level: n, value: f.atCap, crossed: f.atCap >= n,
      message: `${f.atCap} ${f.atCap === 1 ? 'person has' : 'people have'} reached the daily cap of ${s.dailyCap} items today (red line: ${n})`,
    });
  }
  return out;
}

/** Past the deadline: the forecast completion falls after it, or it has passed with work left. Value: hours late. */
function forecastReading(deadline: string, f: Forecast, now: Date): Reading {
  const due = Date.parse(deadline);
  const base = { kind: 'forecast' as const, subjectKind: 'project' as const, subjectId: '', subjectName: '', stage: '', level: 0 };
  if (f.remaining > 0 && now.getTime() > due) {
    const late = (now.getTime() - due) / HOUR;
    return { ...base, value: Math.round(late * 10) / 10, crossed: true, message: `the deadline ${at(new Date(due).toISOString())} has passed with ${f.remaining} tasks left` };
  }
  if (f.completesAt === null || f.remaining === 0) return { ...base, value: 0, crossed: false, message: '' };
  const late = (Date.parse(f.completesAt) - due) / HOUR;
  return {
    ...base, value: Math.round(late * 10) / 10, crossed: late > 0,
    message: `forecast completion ${at(f.completesAt)} is ${Math.round(late * 10) / 10} h past the deadline ${at(new Date(due).toISOString())} (${f.remaining} tasks left at ${f.acceptedPerHour} accepted per hour)`,
  };
}

/** An open alert as the log holds it. */
export interface OpenAlert { id: string; kind: string; subjectId: string }

/** What to raise (crossed, none open) and what to clear (open, no longer crossed or its line off) from the readings. */
export function changes(readings: Reading[], open: OpenAlert[]): { raise: Reading[]; clear: { id: string; value: number | null }[] } {
  const key = (kind: string, subject: string) => `${kind}\u0000${subject}`;
  const crossed = new Map(readings.filter((r) => r.crossed).map((r) => [key(r.kind, r.subjectId), r]));
  const seen = new Map(readings.map((r) => [key(r.kind, r.subjectId), r]));
  const openKeys = new Set(open.map((a) => key(a.kind, a.subjectId)));
  return {
    raise: [...crossed.entries()].filter(([k]) => !openKeys.has(k)).map(([, r]) => r),
    clear: open.filter((a) => !crossed.has(key(a.kind, a.subjectId))).map((a) => ({ id: a.id, value: seen.get(key(a.kind, a.subjectId))?.value ?? null })),
  };
}
