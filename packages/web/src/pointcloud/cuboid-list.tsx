// The frame's boxes: pre-labels first (accept or delete each), then people's boxes; on a
// sequence, the tracks below with the frames they span. A click selects.
import type { Cuboid, CuboidDocument } from '@cadre/pointcloud-canvas';

const ORIGIN: Record<string, string> = { human: 'hand', prediction_accepted: 'accepted', prediction_edited: 'edited' };

interface Props {
  set: CuboidDocument;
  frame: number;
  selected: string | null;
  colorOf: (label: string) => string;
  onSelect: (id: string) => void;
  onFrame: (frame: number) => void;
}

export function CuboidList({ set, frame, selected, colorOf, onSelect, onFrame }: Props) {
  const proposals = set.pendingInFrame(frame);
  const objects = set.inFrame(frame);
  const row = (o: Cuboid, proposal: boolean) => (
    <li key={o.id} className={`ol-row${o.id === selected ? ' selected' : ''}`} data-id={o.id} data-track={o.trackId} data-selected={o.id === selected ? 'true' : 'false'}>
      <button type="button" className="ol-main" onClick={() => onSelect(o.id)}>
        <span className="ol-chip" style={{ background: colorOf(o.label) }} />
        <span className="ol-label">{o.label}{o.trackId ? ` #${o.trackId.slice(-4)}` : ''}</span>
        {set.sequence && !proposal && <span className="ol-kind">{o.keyframe ? 'key' : 'interp.'}</span>}
        {proposal
          ? <span className="ol-badge prediction">{o.score === undefined ? 'pre-label' : o.score.toFixed(2)}</span>
          : <span className={`ol-badge origin-${o.origin ?? 'human'}`}>{ORIGIN[o.origin ?? 'human']}</span>}
      </button>
      {proposal && (
        <>
          <button type="button" className="ol-toggle" title="Accept" aria-label="Accept" onClick={() => set.accept(o.id)}>✓</button>
          <button type="button" className="ol-toggle" title="Delete" aria-label="Delete" onClick={() => set.remove(o.id)}>✕</button>
        </>
      )}
    </li>
  );
  return (
    <section className="panel object-list" aria-label="Objects">
      {proposals.length > 0 && (
        <>
          <h3>Pre-labels <span className="muted">{proposals.length}</span>
            <button type="button" className="link" onClick={() => set.acceptAll(proposals.map((p) => p.id))}>accept all</button>
          </h3>
          <ul className="ol-rows" data-testid="proposals">{proposals.map((p) => row(p, true))}</ul>
        </>
      )}
      <h3>Boxes <span className="muted">{objects.length}</span></h3>
      {objects.length === 0 ? <p className="muted ol-empty">No boxes on this frame.</p> : <ul className="ol-rows" data-testid="objects">{objects.map((o) => row(o, false))}</ul>}
      {set.sequence && <TrackList set={set} frame={frame} colorOf={colorOf} onSelect={onSelect} onFrame={onFrame} />}
    </section>
  );
}

function TrackList({ set, frame, colorOf, onSelect, onFrame }: Omit<Props, 'selected'>) {
  const tracks = set.tracks();
  if (tracks.length === 0) return null;
  const open = (trackId: string, frames: number[]) => {
    const here = set.inFrame(frame).find((o) => o.trackId === trackId);
    if (here) return onSelect(here.id);
    const target = frames.reduce((best, f) => (Math.abs(f - frame) < Math.abs(best - frame) ? f : best), frames[0]!);
    onFrame(target);
    const there = set.inFrame(target).find((o) => o.trackId === trackId);
    if (there) onSelect(there.id);
  };
  return (
    <>
      <h3>Tracks <span className="muted">{tracks.length}</span></h3>
      <ul className="ol-rows" data-testid="tracks">
        {tracks.map((t) => (
          <li key={t.trackId} className="ol-row" data-track={t.trackId}>
            <button type="button" className="ol-main" onClick={() => open(t.trackId, t.frames)}>
              <span className="ol-chip" style={{ background: colorOf(t.label) }} />
              <span className="ol-label">{t.label} #{t.trackId.slice(-4)}</span>
              <span className="ol-kind" title={`keyframes: ${t.keyframes.map((f) => f + 1).join(', ')}`}>
                {t.frames[0]! + 1}–{t.frames[t.frames.length - 1]! + 1} · {t.keyframes.length} key
              </span>
            </button>
            <button type="button" className="ol-toggle" title="Delete the track on every frame" aria-label="Delete track" onClick={() => set.removeTrack(t.trackId)}>✕</button>
          </li>
        ))}
      </ul>
    </>
  );
}
