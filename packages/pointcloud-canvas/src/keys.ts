/**
 * Keyboard on the host's key target: arrows nudge the selected box 0.01 m (Shift 0.1 m) in lidar x/y
 * as the top view shows them (Up +x, Down −x, Left +y, Right −y; Page Up/Down move in z),
 * Delete/Backspace asks to remove it, Escape deselects. Keys typed into form fields and keys with
 * Ctrl, Alt or Meta (the host's shortcuts) are left alone.
 */
import type { Cuboid3dGeometry } from '@cadre/core';
import { nudge } from './edit.ts';

export interface KeyHost {
  selectedBox(): Cuboid3dGeometry | null;
  deselect(): void;
  edit(geometry: Cuboid3dGeometry): void;
  remove(): void;
}

/** Whether a key event belongs to a text field rather than to the canvas. */
export function inFormField(target: EventTarget | null): boolean {
  const t = target as { tagName?: string; isContentEditable?: boolean } | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable === true);
}

export function attachKeys(target: HTMLElement | Window, host: KeyHost): () => void {
  const onKey = (event: Event) => {
    const e = event as KeyboardEvent;
    if (e.defaultPrevented || inFormField(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    const g = host.selectedBox();
    if (!g) return;
    if (e.key === 'Escape') host.deselect();
    else if (e.key === 'Delete' || e.key === 'Backspace') host.remove();
    else {
      const moved = nudge(g, e.key, e.shiftKey);
      if (!moved) return;
      host.edit(moved);
    }
    e.preventDefault();
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
