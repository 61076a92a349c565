import { flag, type Rule } from './rule.ts';

// Dashboard settings: when the backlog raises an alert, and whether clients see people's names.
export interface DashboardSettings {
  /** Alert when a stage's queue (open + leased + waiting) is above this; 0 means off. */
  backlogAlertAbove: number;
  /** The client's dashboard names the people who did the work (default false: it never does). */
  clientSeesNames: boolean;
}

export const DEFAULT_DASHBOARD: DashboardSettings = { backlogAlertAbove: 0, clientSeesNames: false };

export const DASHBOARD_RULES: Record<keyof DashboardSettings, Rule> = {
  backlogAlertAbove: (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'must be an integer, 0 (off) or more (tasks)'),
  clientSeesNames: flag,
};
