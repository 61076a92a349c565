// The `?` overlay: every key of the text page. Closes on ?, Escape or a click.
import { useEffect } from 'react';
import { decisionKeyHelp, PROPOSAL_KEYS } from '../workflow/review-keys.ts';
import '../workspace/workspace.css';

const KEYS: [string[], string][] = [
  [['1 … 9, 0'], 'the class with that key (or the ontology’s own hotkey): classifies the text, or labels the selected words'],
  [['key again'], 'takes the class off (multi-label projects: each key adds or removes its class)'],
  [['/'], 'find a class by name; Enter picks the first match'],
  [['mouse drag', 'Shift+←/→'], 'select words (snapped to whole tokens unless the project works in characters)'],
  [['Esc'], 'clear the selection'],
  [['click', 'Tab'], 'select a span; Tab walks the machine’s waiting spans'],
  [['A'], 'accept the selected machine span'],
  [['Shift+A'], 'accept every machine span'],
  [['Delete'], 'delete the selected span'],
  [['Ctrl+Z'], 'undo the last span or class edit'],
  [['Ctrl+Shift+Z', 'Ctrl+Y'], 'redo it'],
  [['B'], 'binary review of machine classes on/off'],
  [['A', '→'], 'review: accept the machine’s class, next item'],
  [['R', '←'], 'review: reject it, next item'],
  [['Enter', 'Ctrl+Enter'], 'submit and open the next item'],
  [['?'], 'this list'],
];

/** `deciding`: under review or QA, where `A` decides the work instead of taking a machine label. */
export function TextHelp({ onClose, deciding }: { onClose: () => void; deciding?: 'review' | 'qa' }) {
  useEffect(() => {
    const key = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    addEventListener('keydown', key);
    return () => removeEventListener('keydown', key);
  }, [onClose]);
  return (
    <div className="help-backdrop" onClick={onClose} data-testid="help-overlay">
      <div className="help-dialog" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts">
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {(deciding ? [...KEYS.filter(([keys]) => !keys.some((k) => PROPOSAL_KEYS.has(k))), [['A'], decisionKeyHelp(deciding === 'qa')] as [string[], string]] : KEYS).map(([keys, what]) => (
              <tr key={keys.join() + what}>
                <td className="help-keys">{keys.map((k, i) => <span key={k}>{i > 0 && ' or '}<kbd>{k}</kbd></span>)}</td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Press <kbd>?</kbd> or <kbd>Esc</kbd>, or click anywhere, to close.</p>
      </div>
    </div>
  );
}
