import { flag, type Rule } from './rule.ts';
import { RED_LINE_RULES, DEFAULT_RED_LINES, type RedLineSettings } from './red-lines.ts';

// Dashboard settings: when the backlog raises an alert, whether clients see people's names, and the
// project's deadline and red lines (red-lines.ts).
export interface DashboardSettings extends RedLineSettings {
  /** Alert when a stage's queue (open + leased + waiting) is above this; 0 means off. The default of every stage (`backlogAlertByStage` overrides it per stage). */
  backlogAlertAbove: number;
  /** The client's dashboard names the people who did the work (default false: it never does). */
  clientSeesNames: boolean;
}

export const DEFAULT_DASHBOARD: DashboardSettings = { backlogAlertAbove: 0, clientSeesNames: false, ...DEFAULT_RED_LINES };

export const DASHBOARD_RULES: Record<keyof DashboardSettings, Rule> = {
  backlogAlertAbove: (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'must be an integer, 0 (off) or more (tasks)'),
  clientSeesNames: flag,
  ...RED_LINE_RULES,
};
