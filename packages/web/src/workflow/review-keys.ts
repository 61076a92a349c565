// One key, one meaning. In review and QA the decision bar takes `A` first (in the capture phase) and
// it decides the work; no pre-label waits there (work-mode.ts opens the work under review without
// them), so the labelling keys for pre-labels are not offered in the help while deciding.
export const PROPOSAL_KEYS: ReadonlySet<string> = new Set(['A', 'Shift+A']);

/** What `A` does while deciding, as the help lists it. */
export function decisionKeyHelp(qa: boolean): string {
  return qa ? 'mark the work correct (QA keeps no edits: undo them, or mark it incorrect with a reason)' : 'accept the work as it is on screen, your edits included';
}
