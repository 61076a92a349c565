export { autoLabelFrame, candidates, DEFAULT_CLASSES, objectness, SHOWN_SCORE, type AutoLabelClass, type AutoLabelOptions, type Candidate, type FrameProposal } from './frame.ts';
export { addCounts, countDetections, type DetectionCount } from './evaluation.ts';
export { hungarian, linkTracks, sequenceTimes, type TrackedBox, type TrackOptions } from './tracks.ts';
