// Creates the span engine over the text pane once it is in the page and destroys it when the page
// goes. Selection keys reach it from the pane (focused when a task opens and after a list click).
import { useEffect, useState, type RefObject } from 'react';
import { TextEngine, type TextEngineApi } from '@cadre/text-canvas';

export interface EngineSettings { granularity: 'token' | 'char'; allowOverlap: boolean }

export function useTextEngine(pane: RefObject<HTMLDivElement | null>, settings: EngineSettings): TextEngineApi | null {
  const [engine, setEngine] = useState<TextEngineApi | null>(null);
  useEffect(() => {
    const container = pane.current;
    if (!container) return;
    const created = new TextEngine({ container, keyTarget: container, granularity: settings.granularity, allowOverlap: settings.allowOverlap });
    setEngine(created);
    return () => { created.destroy(); setEngine(null); };
    // Made once per mounted pane; the settings are the project's and do not change while it is open.
  }, []);
  return engine;
}
