// Notes on the canvas: a reviewer's reasons (pinned to an object or to the whole item) and the
// machine checks' failures. The three engines take them through one method, `setNotes`, and draw
// those pinned to objects; whole-item notes are the page's (WholeItemNotes).
import type { Reason } from '../api.ts';
import type { CheckFailure } from './checks.ts';
import type { PinnedReason } from './work-mode.ts';

export interface ObjectNote { objectId: string | null; text: string; tone: 'reject' | 'check' }

/** Any of the three engines. */
export interface NoteTarget { setNotes(notes: readonly ObjectNote[]): void }

export function reasonText(r: { label: string; note: string }): string {
  return r.note ? `${r.label}: ${r.note}` : r.label;
}

export function reasonNotes(reasons: readonly Reason[]): ObjectNote[] {
  return reasons.map((r) => ({ objectId: r.objectId, text: reasonText(r), tone: 'reject' }));
}

export function pinnedNotes(reasons: readonly PinnedReason[], labelOf: (code: string) => string): ObjectNote[] {
  return reasons.map((r) => ({ objectId: r.objectId, text: reasonText({ label: labelOf(r.code), note: r.note }), tone: 'reject' }));
}

export function checkNotes(failures: readonly CheckFailure[]): ObjectNote[] {
  return failures.map((f) => ({ objectId: f.objectId, text: f.message, tone: 'check' }));
}
