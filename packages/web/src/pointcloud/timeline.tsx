// Moving through a sequence: previous and next (, and .), a slider over every frame, and copying
// the selected box to the next frame (N).
interface Props {
  frame: number;
  frameCount: number;
  keyframes: number[];
  onFrame: (frame: number) => void;
  onCopyToNext: (() => void) | null;
  /** The track a box fitted on a frame where it has none joins; Esc (nothing selected) ends that. */
  following: string | null;
  onEndFollow: () => void;
}

export function Timeline({ frame, frameCount, keyframes, onFrame, onCopyToNext, following, onEndFollow }: Props) {
  const go = (f: number) => onFrame(Math.max(0, Math.min(frameCount - 1, f)));
  return (
    <div className="pc-timeline" data-testid="timeline">
      <button type="button" onClick={() => go(frame - 1)} disabled={frame === 0} aria-label="Previous frame" title="Previous frame (,)">◀</button>
      <input type="range" min={0} max={frameCount - 1} step={1} value={frame} aria-label="Frame" onChange={(e) => go(Number(e.target.value))} />
      <button type="button" onClick={() => go(frame + 1)} disabled={frame === frameCount - 1} aria-label="Next frame" title="Next frame (.)">▶</button>
      <span data-testid="frame">frame {frame + 1} / {frameCount}</span>
      <span className="pc-keys muted" title="Keyframes of the selected track">{keyframes.length > 0 ? `keys: ${keyframes.map((f) => f + 1).join(', ')}` : ''}</span>
      <span className="spacer" />
      {following && (
        <span className="pc-follow" data-testid="following">
          new boxes continue {following} <button type="button" className="link" onClick={onEndFollow} title="Start a new track instead (Esc with nothing selected)">new track</button>
        </span>
      )}
      <button type="button" onClick={onCopyToNext ?? undefined} disabled={!onCopyToNext} title="Copy the selected box to the next frame (N)">Copy to next frame</button>
    </div>
  );
}
