// Runs the machine checks a moment after each change (not on every drag step), and at once on
// submit; the panel's element is here so a held-back submit can bring it into view.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckFailure } from './checks.ts';

const DEBOUNCE_MS = 250;

/** `run` reads what the workspace holds now; `subscribe` tells of changes (returns its unsubscribe). */
export function useChecks(run: (() => CheckFailure[]) | null, subscribe: ((fn: () => void) => () => void) | null) {
  const [failures, setFailures] = useState<CheckFailure[]>([]);
  const panel = useRef<HTMLElement | null>(null);
  const live = useRef(run);
  live.current = run;

  const runNow = useCallback((): CheckFailure[] => {
    const found = live.current?.() ?? [];
    setFailures(found);
    return found;
  }, []);

  useEffect(() => {
    if (!subscribe) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => { clearTimeout(timer); timer = setTimeout(runNow, DEBOUNCE_MS); };
    runNow();
    const off = subscribe(later);
    return () => { clearTimeout(timer); off(); };
    // A new `run` (what it reads became available, e.g. a frame's points) runs them again.
  }, [subscribe, run, runNow]);

  const focusPanel = useCallback(() => {
    panel.current?.scrollIntoView({ block: 'nearest' });
    panel.current?.focus({ preventScroll: true });
  }, []);

  return { failures, runNow, panel, focusPanel };
}
