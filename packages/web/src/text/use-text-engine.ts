// Creates the span engine over the text pane once it is in the page and destroys it when the page
// goes. Selection keys reach it from the pane (focused when a task opens and after a list click).
import { useEffect, useState, type RefObject } from 'react';
import type { TextEngineApi, TextEngineOptions } from '@cadre/text-canvas';

type EngineClass = new (options: TextEngineOptions) => TextEngineApi;

export interface EngineSettings { granularity: 'token' | 'char'; allowOverlap: boolean }

export function useTextEngine(pane: RefObject<HTMLDivElement | null>, settings: EngineSettings, onError: (m: string) => void): TextEngineApi | null {
  const [engine, setEngine] = useState<TextEngineApi | null>(null);
  useEffect(() => {
    const container = pane.current;
    if (!container) return;
    let created: TextEngineApi | null = null;
    let gone = false;
    // Looked up at run time until @cadre/text-canvas exports the class.
    void import('@cadre/text-canvas').then((m) => {
      const Engine = (m as Record<string, unknown>).TextEngine as EngineClass | undefined;
      if (!Engine) return onError('the span engine (@cadre/text-canvas) is not built yet');
      if (gone) return;
      created = new Engine({ container, keyTarget: container, granularity: settings.granularity, allowOverlap: settings.allowOverlap });
      setEngine(created);
    });
    return () => { gone = true; created?.destroy(); setEngine(null); };
    // Made once per mounted pane; the settings are the project's and do not change while it is open.
  }, []);
  return engine;
}
