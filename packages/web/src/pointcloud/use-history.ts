// Undo and redo in the 3D workspace: Ctrl+Z (Cmd+Z), Ctrl+Shift+Z and Ctrl+Y, not while typing in a
// field, and the bar's buttons, whose tooltips name the step. A step made on other frames brings
// the first of them on screen, so an undo never happens out of sight.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { HistoryControls } from '../workspace/history-buttons.tsx';
import type { CuboidDocument } from '@cadre/pointcloud-canvas';

export function useHistory(cuboids: CuboidDocument, frame: number, setFrame: (frame: number) => void): HistoryControls {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => cuboids.history.onChange(bump), [cuboids]);
  const at = useRef({ frame, setFrame });
  at.current = { frame, setFrame };
  const show = useCallback((frames: number[] | null) => {
    const { frame, setFrame } = at.current;
    if (frames && frames.length > 0 && !frames.includes(frame)) setFrame(frames[0]!);
  }, []);
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      const frames = cuboids.key(e);
      if (frames === null) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      show(frames);
    };
    addEventListener('keydown', key, true);
    return () => removeEventListener('keydown', key, true);
  }, [cuboids, show]);
  return {
    undo: () => show(cuboids.undo()),
    redo: () => show(cuboids.redo()),
    nextUndo: cuboids.history.nextUndo,
    nextRedo: cuboids.history.nextRedo,
  };
}
