// The `?` overlay: every shortcut the engine knows, keys and what they do. The engine owns
// `helpVisible` (its `?` shortcut flips it and emits 'help'); this shows it, and closes on Escape or a click.
import { useEffect, useState } from 'react';
import type { ImageEngine } from '@cadre/image-canvas';
import { decisionKeyHelp, PROPOSAL_KEYS } from '../workflow/review-keys.ts';
import '../workspace/workspace.css';

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
  const close = () => engine.setHelpVisible(false);
  const shortcuts = deciding
    ? [...engine.shortcuts.filter((s) => !s.keys.some((k) => PROPOSAL_KEYS.has(k))), { keys: ['A'], description: decisionKeyHelp(deciding === 'qa') }]
    : engine.shortcuts;
  return (
    <div className="help-backdrop" onClick={close} data-testid="help-overlay">
      <div className="help-dialog" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts">
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {shortcuts.map((s) => (
              <tr key={s.keys.join(' ') + s.description}>
                <td className="help-keys">{s.keys.map((k, i) => <span key={k}>{i > 0 && ' or '}<kbd>{k}</kbd></span>)}</td>
                <td>{s.description}</td>
              </tr>
            ))}
            {!deciding && <tr><td className="help-keys"><kbd>Ctrl+Enter</kbd></td><td>Submit and go to the next item</td></tr>}
          </tbody>
        </table>
        <p className="muted">Press <kbd>?</kbd> or <kbd>Esc</kbd>, or click anywhere, to close.</p>
      </div>
    </div>
  );
}
