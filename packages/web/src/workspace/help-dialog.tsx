// The `?` list of keys every workspace shows: keys and what they do. Under review or QA the decision
// bar owns `A`, so the pre-label keys are left out and `A` says what it decides.
import { decisionKeyHelp, PROPOSAL_KEYS } from '../workflow/review-keys.ts';
import './workspace.css';

export interface KeyHelp { keys: readonly string[]; description: string }

export function HelpDialog({ shortcuts, deciding, onClose }: { shortcuts: readonly KeyHelp[]; deciding?: 'review' | 'qa' | undefined; onClose: () => void }) {
  const shown = deciding
    ? [...shortcuts.filter((s) => !s.keys.some((k) => PROPOSAL_KEYS.has(k))), { keys: ['A'], description: decisionKeyHelp(deciding === 'qa') }]
    : shortcuts;
  return (
    <div className="help-backdrop" onClick={onClose} data-testid="help-overlay">
      <div className="help-dialog" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts">
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {shown.map((s) => (
              <tr key={s.keys.join(' ') + s.description}>
                <td className="help-keys">{s.keys.map((k, i) => <span key={k}>{i > 0 && ' or '}<kbd>{k}</kbd></span>)}</td>
                <td>{s.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Press <kbd>?</kbd> or <kbd>Esc</kbd>, or click anywhere, to close.</p>
      </div>
    </div>
  );
}
