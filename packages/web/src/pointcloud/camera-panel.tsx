// The frame's camera image with every box of the frame drawn over it, corners projected through
// the calibration (pre-labels dashed). Only shown when the item's metadata has cameras.
import { useState } from 'react';
import { cuboidCorners, EDGES, project, type Camera } from './projection.ts';
import type { Cuboid } from '@cadre/pointcloud-canvas';

interface Props { itemId: string; cameras: Camera[]; frame: number; cuboids: Cuboid[]; proposals: Cuboid[]; colorOf: (label: string) => string; selected: string | null }

export function CameraPanel({ itemId, cameras, frame, cuboids, proposals, colorOf, selected }: Props) {
  const [name, setName] = useState(cameras[0]?.name ?? '');
  const [size, setSize] = useState<{ src: string; w: number; h: number } | null>(null);
  const cam = cameras.find((c) => c.name === name) ?? cameras[0];
  if (!cam) return null;
  const image = cam.images[frame] ?? null;
  const src = `/api/items/${itemId}/asset?frame=${frame}&camera=${encodeURIComponent(cam.name)}`;
  const known = size?.src === src ? size : null;
  return (
    <section className="panel pc-camera" aria-label="Camera" data-testid="camera-panel">
      <h3>
        Camera
        {cameras.length > 1 && (
          <select value={cam.name} onChange={(e) => setName(e.target.value)} aria-label="Camera">
            {cameras.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
          </select>
        )}
      </h3>
      {image === null ? <p className="muted">No {cam.name} image for this frame.</p> : (
        <div className="pc-camera-view">
          <img src={src} alt={`${cam.name} camera`} onLoad={(e) => setSize({ src, w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })} />
          {known && (
            <svg viewBox={`0 0 ${known.w} ${known.h}`} preserveAspectRatio="none" data-testid="camera-overlay">
              {[...proposals.map((o) => [o, true] as const), ...cuboids.map((o) => [o, false] as const)].map(([o, proposal]) => {
                const px = cuboidCorners(o.geometry).map((p) => project(cam, p));
                const lines = EDGES.flatMap(([a, b]) => {
                  const p = px[a], q = px[b];
                  return p && q ? [`M${p[0].toFixed(1)},${p[1].toFixed(1)}L${q[0].toFixed(1)},${q[1].toFixed(1)}`] : [];
                });
                if (lines.length === 0) return null;
                return <path key={o.id} d={lines.join('')} stroke={colorOf(o.label)} strokeWidth={o.id === selected ? 5 : 2.5} fill="none" {...(proposal ? { strokeDasharray: '12 8', opacity: 0.7 } : {})} />;
              })}
            </svg>
          )}
        </div>
      )}
    </section>
  );
}
