// Text rules shared by the server's submit check, the text engine and the web workspace.
export { cutsGrapheme, GraphemeBoundaries } from './graphemes.ts';
export { checkPlacement, overlapping, spansOverlap } from './overlap.ts';
export type { PlacedSpan, Placement, TextRange } from './overlap.ts';
export { spanCutIssues, textSettingIssues } from './rules.ts';
export { codePointLength, OffsetMap } from './offsets.ts';
export { textClassOf } from './text-class.ts';
