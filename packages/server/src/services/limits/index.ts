// Limits that protect people: the daily cap (checked before every labelling lease) and the break
// reminder (shown in the workspace and on the dashboards). Their SQL is `limits` in @cadre/db; the
// rework lease the cap still allows goes through the one lease (`lease.service.ts`).
export { capGate, capState, capStates, type CapState } from './daily-cap.ts';
export { breakState, sittings, workedMinutes, BREAK_GAP_MS, type BreakState } from './breaks.ts';
export { DEFAULT_LIMITS, LIMIT_RULES, type LimitSettings } from '@cadre/core';
