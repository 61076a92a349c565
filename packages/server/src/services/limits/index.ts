// Limits that protect people: the daily cap (checked before every labelling lease) and the break
// reminder (shown in the workspace and on the dashboards). Imports services' context only.
export { capGate, capState, type CapState } from './daily-cap.ts';
export { breakState, sittings, workedMinutes, BREAK_GAP_MS, type BreakState } from './breaks.ts';
export { DEFAULT_LIMITS, LIMIT_RULES, type LimitSettings } from '@cadre/core';
