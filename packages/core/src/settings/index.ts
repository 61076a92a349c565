// Project settings: one schema with defaults, parsed once (docs: README of @cadre/core).
export { DEFAULT_SETTINGS, parseSettings, patchSettings, settingsOf } from './project.ts';
export type { ProjectSettings } from './project.ts';
export { ACCEPTED, DEFAULT_REJECT_REASONS, DEFAULT_WORKFLOW, entryStage, HUMAN_STAGES, MACHINE_WORKER_STAGES, STAGE_NAMES, WORKFLOW_RULES } from './workflow.ts';
export type { HumanStage, MachineWorkerStage, ReasonCode, StageName, WorkflowSettings } from './workflow.ts';
export { DEFAULT_LIMITS, LIMIT_RULES } from './limits.ts';
export type { LimitSettings } from './limits.ts';
export { DASHBOARD_RULES, DEFAULT_DASHBOARD } from './dashboard.ts';
export type { DashboardSettings } from './dashboard.ts';
export { anyRedLine, backlogLevel, DEFAULT_RED_LINES, RED_LINE_RULES } from './red-lines.ts';
export type { RedLineSettings } from './red-lines.ts';
export { DEFAULT_TEXT, TEXT_RULES } from './text.ts';
export type { TextSettings } from './text.ts';
export type { Rule as SettingRule } from './rule.ts';
export { DEFAULT_LEARNING, LEARNING_RULES } from './learning.ts';
export type { ActiveLearning, LearningSettings } from './learning.ts';
