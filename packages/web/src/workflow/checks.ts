// The machine checks the server runs as its `check` stage (@cadre/core runChecks), run here before
// submit on what the workspace holds, with the project's settings from the task view.
import { parseCheckSettings, runChecks as runCoreChecks, type AnnotationPayload, type CheckContext, type CheckFailure } from '@cadre/core';

export type { CheckContext, CheckFailure };

/** `settings`: the task view's `checks` (defaults filled in by the server; filled in here too). */
export function runChecks(payload: AnnotationPayload, ctx: CheckContext, settings: unknown): CheckFailure[] {
  return runCoreChecks(payload, ctx, parseCheckSettings(settings ?? undefined).settings);
}

export const blocking = (failures: readonly CheckFailure[]): CheckFailure[] => failures.filter((f) => f.severity === 'error');
