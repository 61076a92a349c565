// The `?` overlay: every shortcut the engine knows, keys and what they do. The engine owns
// `helpVisible` (its `?` shortcut flips it and emits 'help'); this shows it, and closes on Escape or a click.
import { useEffect, useState } from 'react';
import type { ImageEngine } from '@cadre/image-canvas';
import { HelpDialog } from '../workspace/help-dialog.tsx';

/** `deciding`: under review or QA, where `A` decides the work instead of taking a pre-label. */
export function HelpOverlay({ engine, deciding }: { engine: ImageEngine; deciding?: 'review' | 'qa' }) {
  const [open, setOpen] = useState(engine.helpVisible);
  useEffect(() => {
    setOpen(engine.helpVisible);
    const off = engine.on('help', (v) => setOpen(v));
    // Escape closes the list too (the engine's own Escape cancels drawing).
    const key = (e: KeyboardEvent) => { if (e.key === 'Escape' && engine.helpVisible) engine.setHelpVisible(false); };
    addEventListener('keydown', key);
    return () => { off(); removeEventListener('keydown', key); };
  }, [engine]);

  if (!open) return null;
  // Ctrl+Enter is the page's key, not the engine's: it submits (not while deciding).
  const shortcuts = deciding ? engine.shortcuts : [...engine.shortcuts, { keys: ['Ctrl+Enter'], description: 'Submit and go to the next item' }];
  return <HelpDialog shortcuts={shortcuts} deciding={deciding} onClose={() => engine.setHelpVisible(false)} />;
}
