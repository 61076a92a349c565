export { autoLabelFrame, candidates, DEFAULT_CLASSES, objectness, SHOWN_SCORE, type AutoLabelClass, type AutoLabelOptions, type Candidate, type FrameProposal } from './frame.ts';
export { addCounts, countDetections, kittiView, type DetectionCount } from './evaluation.ts';
export { addEffort, EFFORT_3D, frameEffort, NO_EFFORT, type FrameEffort } from './effort.ts';
export { hungarian, linkTracks, MIN_FILL_POINTS, sequenceTimes, withoutHiddenFills, type TrackedBox, type TrackOptions } from './tracks.ts';
export { proposalsOf, type DetectedBox } from './proposals.ts';
