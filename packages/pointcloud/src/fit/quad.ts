import type { Quad } from './types.ts';

export interface QuadAxes {
  centre: [number, number];
  /** Angle of the longer pair of edges (radians). */
  angle: number;
  /** Angle of the first edge, corner 0 → corner 1: which way along the long axis is "forward". */
  heading: number;
  length: number;
  width: number;
}

export function quadAxes(q: Quad): QuadAxes {
  const [a, b, c, d] = q;
  const centre: [number, number] = [(a[0] + b[0] + c[0] + d[0]) / 4, (a[1] + b[1] + c[1] + d[1]) / 4];
  const e01 = Math.hypot(b[0] - a[0], b[1] - a[1]) + Math.hypot(c[0] - d[0], c[1] - d[1]);
  const e12 = Math.hypot(c[0] - b[0], c[1] - b[1]) + Math.hypot(d[0] - a[0], d[1] - a[1]);
  const heading = Math.atan2(b[1] - a[1], b[0] - a[0]);
  const angle = e01 >= e12 ? heading : Math.atan2(c[1] - b[1], c[0] - b[0]);
  return { centre, angle, heading, length: Math.max(e01, e12) / 2, width: Math.min(e01, e12) / 2 };
}

/** Inside a convex quadrilateral of either winding (edges included). */
export function insideQuad(q: Quad, x: number, y: number): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const [x1, y1] = q[i]!;
    const [x2, y2] = q[(i + 1) % 4]!;
    const cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1);
    if (cross === 0) continue;
    const s = cross > 0 ? 1 : -1;
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}

/** Parses `x1,y1,x2,y2,x3,y3,x4,y4` (the CLI's --rect). */
export function parseQuad(text: string): Quad {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length !== 8) throw new Error(`--rect needs 8 numbers x1,y1,x2,y2,x3,y3,x4,y4, got ${parts.length}`);
  const v = parts.map((p, i) => {
    const n = p === '' ? Number.NaN : Number(p);
    if (!Number.isFinite(n)) throw new Error(`--rect value ${i + 1} is ${JSON.stringify(p)}, not a number`);
    return n;
  });
  return [[v[0]!, v[1]!], [v[2]!, v[3]!], [v[4]!, v[5]!], [v[6]!, v[7]!]];
}
