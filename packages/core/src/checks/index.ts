// Machine checks run before submit and as the check stage (docs/workflow.md, "Machine checks").
export { DEFAULT_CHECK_SETTINGS, parseCheckSettings } from './settings.ts';
export type { CheckSettings } from './settings.ts';
export type { CheckContext, CheckFailure, CheckName, PointSet } from './types.ts';
export { runChecks } from './run.ts';
export { faceGaps, FACES } from './cuboid-faces.ts';
export type { FaceGap, FaceName } from './cuboid-faces.ts';
