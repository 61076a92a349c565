// Binary review of a machine's class: the text, the proposed class big with its score, one key to
// accept and one to reject. The decision is submitted in the background and the next item shows at once.
import type { TextLabel } from '@cadre/text-canvas';

interface Props { text: string; proposal: TextLabel; color: string | undefined; onAccept: () => void; onReject: () => void }

export function ReviewCard({ text, proposal, color, onAccept, onReject }: Props) {
  return (
    <section className="review-card" aria-label="Review the machine's class" data-testid="review">
      <p className="review-text">{text}</p>
      <p className="review-class" style={{ color: color ?? '#333' }} data-testid="review-class">{proposal.label}</p>
      <p className="review-score">{proposal.score === undefined ? 'no score' : `score ${proposal.score.toFixed(2)}`}</p>
      <div className="review-buttons">
        <button type="button" className="review-reject" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={onReject}><kbd>R</kbd> or <kbd>←</kbd> reject</button>
        <button type="button" className="review-accept" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={onAccept}><kbd>A</kbd> or <kbd>→</kbd> accept</button>
      </div>
    </section>
  );
}
