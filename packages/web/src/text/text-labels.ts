// The labels of one text task live in the text engine's package, framework-free, with their undo
// history (@cadre/text-canvas's text-labels.ts); the page's modules import them from here.
export { TextLabels } from '@cadre/text-canvas';
export type { Range, TextDraft, TextLabel } from '@cadre/text-canvas';
