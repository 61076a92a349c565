// The text page's keys, from anywhere on the page except while typing in a field (Ctrl+Enter
// submits from there too). Ctrl+Z undoes, Ctrl+Shift+Z or Ctrl+Y redoes (outside fields).
// Selection keys (Shift+arrows, Escape, Delete) belong to the engine's pane.
import { useLayoutEffect, useRef } from 'react';
import type { LabelClass } from '@cadre/core';
import { keyName, typing, type ClassKey } from './class-keys.ts';
import type { TextLabels } from '@cadre/text-canvas';

export interface TextKeys {
  keys: ClassKey[];
  labels: TextLabels;
  selected: string | null;
  setSelected: (id: string | null) => void;
  /** In review mode with a machine class to decide on. */
  reviewing: boolean;
  decide: (accept: boolean) => void;
  pick: (cls: LabelClass) => void;
  acceptOne: (id: string) => void;
  acceptAll: () => void;
  toggleReview: () => void;
  toggleHelp: () => void;
  focusFilter: () => void;
  submit: () => void;
  /** The pane the engine listens on: its own Delete must not be handled twice. */
  pane: () => HTMLElement | null;
}

export function useTextKeys(k: TextKeys): void {
  const ref = useRef(k);
  ref.current = k;
  // Attached before the new item is painted: a key pressed the moment it shows is not lost between
  // the old item's listener going and this one coming (passive effects run after paint).
  useLayoutEffect(() => {
    const key = (e: KeyboardEvent) => {
      const { keys, labels, selected, setSelected, reviewing, decide, pick, acceptOne, acceptAll, toggleReview, toggleHelp, focusFilter, submit, pane } = ref.current;
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); submit(); return; }
      // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y: undo and redo every span and class edit (a field keeps its own).
      if (labels.key(e)) { e.preventDefault(); return; }
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e)) return;
      const name = keyName(e);
      if (e.key === '?') return toggleHelp();
      if (name === 'b') return toggleReview();
      if (reviewing) {
        if (name === 'a' || e.key === 'ArrowRight') { e.preventDefault(); decide(true); }
        else if (name === 'r' || e.key === 'ArrowLeft') { e.preventDefault(); decide(false); }
        return;
      }
      if (e.key === '/') { e.preventDefault(); return focusFilter(); }
      if (e.key === 'Enter') {
        if ((e.target as HTMLElement | null)?.tagName === 'BUTTON') return;
        e.preventDefault();
        return submit();
      }
      const cls = keys.find((c) => c.key === name)?.cls;
      if (cls) { e.preventDefault(); return pick(cls); }
      if (name === 'a' && e.shiftKey) return acceptAll();
      if (name === 'a' && selected && labels.isProposal(selected)) return acceptOne(selected);
      if (e.key === 'Tab') {
        const waiting = labels.pendingSpans().sort((a, b) => a.geometry!.start - b.geometry!.start);
        if (waiting.length === 0) return;
        e.preventDefault();
        const at = waiting.findIndex((p) => p.id === selected);
        return setSelected(waiting[(at + 1) % waiting.length]!.id);
      }
      const inPane = pane()?.contains(e.target as Node) ?? false;
      if ((e.key === 'Delete' || e.key === 'Backspace') && selected && !inPane) { labels.remove(selected); setSelected(null); }
    };
    addEventListener('keydown', key);
    return () => removeEventListener('keydown', key);
  }, []);
}
