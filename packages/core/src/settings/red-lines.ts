import { flag, whole, type Rule } from './rule.ts';

// The project's deadline and the red lines a manager draws: each off by default. Crossing one
// raises an alert (the server's services/alerts), clearing it when the figure is back under.
export interface RedLineSettings {
  /** When the project must be done (an ISO date-time), or null. */
  deadline: string | null;
  /** Backlog alert level per stage (tasks; 0 off); a stage not named takes `backlogAlertAbove`. */
  backlogAlertByStage: Record<string, number>;
  /** Alert when the forecast completion falls after `deadline`. */
  alertForecastPastDeadline: boolean;
  /** Alert when a person's share of decided work that was rejected is above this (0 to 1); null off. */
  alertRejectionRateAbove: number | null;
  /** Decided items (accepted + rejected) a person needs before their rejection rate can alert. */
  alertRejectionMinDecided: number;
  /** Alert when a QA batch fails (for a day after its verdict). */
  alertQaBatchFailed: boolean;
  /** Alert when at least this many people reached the daily cap today; 0 off. */
  alertDailyCapPeople: number;
  /** Where raised and cleared alerts are posted (Slack-compatible incoming webhook), or null. */
  alertWebhookUrl: string | null;
}

export const DEFAULT_RED_LINES: RedLineSettings = {
  deadline: null, backlogAlertByStage: {}, alertForecastPastDeadline: false, alertRejectionRateAbove: null,
  alertRejectionMinDecided: 10, alertQaBatchFailed: false, alertDailyCapPeople: 0, alertWebhookUrl: null,
};

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const STAGE = /^[a-z][a-z0-9_]{0,39}$/;
// http or https, a host (name, IPv4 or [IPv6]), an optional port and path; nothing else (no javascript:, file:, data:).
const WEB_URL = /^https?:\/\/([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?([/?#][^\s]*)?$/i;

const dateTime: Rule = (v) => (v === null || (typeof v === 'string' && ISO_DATE_TIME.test(v) && Number.isFinite(Date.parse(v)))
  ? null : `must be an ISO date-time such as "2026-12-31T18:00:00Z", or null, got ${JSON.stringify(v)}`);

const perStage: Rule = (v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'must be an object of stage: tasks, e.g. {"review": 200}';
  const entries = Object.entries(v);
  if (entries.length > 20) return 'names at most 20 stages';
  for (const [stage, n] of entries) {
    if (!STAGE.test(stage)) return `"${stage}" is not a stage name`;
    if (!Number.isInteger(n) || (n as number) < 0 || (n as number) > 1_000_000) return `${stage}: must be an integer from 0 (off) to 1000000 (tasks), got ${JSON.stringify(n)}`;
  }
  return null;
};

const rateOrOff: Rule = (v) => (v === null || (typeof v === 'number' && v >= 0 && v <= 1) ? null : `must be a number from 0 to 1, or null (off), got ${JSON.stringify(v)}`);

const webhook: Rule = (v) => {
  if (v === null) return null;
  if (typeof v !== 'string' || v.length > 2000 || !WEB_URL.test(v)) return `must be an http:// or https:// URL, or null, got ${JSON.stringify(typeof v === 'string' ? v.slice(0, 100) : v)}`;
  return null;
};

export const RED_LINE_RULES: Record<keyof RedLineSettings, Rule> = {
  deadline: dateTime,
  backlogAlertByStage: perStage,
  alertForecastPastDeadline: flag,
  alertRejectionRateAbove: rateOrOff,
  alertRejectionMinDecided: whole(1, 1_000_000),
  alertQaBatchFailed: flag,
  alertDailyCapPeople: whole(0, 1_000_000),
  alertWebhookUrl: webhook,
};

/** Whether any red line (or the backlog alert) is on: a project with none is never evaluated. */
export function anyRedLine(s: RedLineSettings & { backlogAlertAbove: number }): boolean {
  return s.backlogAlertAbove > 0 || Object.values(s.backlogAlertByStage).some((n) => n > 0)
    || (s.alertForecastPastDeadline && s.deadline !== null) || s.alertRejectionRateAbove !== null || s.alertQaBatchFailed || s.alertDailyCapPeople > 0;
}

/** A stage's backlog alert level: its own, else the project's `backlogAlertAbove` (0: off). */
export const backlogLevel = (s: Pick<RedLineSettings, 'backlogAlertByStage'> & { backlogAlertAbove: number }, stage: string): number =>
  Object.hasOwn(s.backlogAlertByStage, stage) ? s.backlogAlertByStage[stage]! : s.backlogAlertAbove;
