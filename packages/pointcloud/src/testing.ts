// Helpers shared by the point-cloud tests (Node only; the parsers themselves never touch node:fs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pointInCuboid, type OrientedBox } from '@cadre/core';
import { needsSharedData, SHARED_DATA } from '@cadre/core/testing';

// Real data: one home for where it is and when its tests skip (`@cadre/core/testing`).
export { SHARED_DATA, needsSharedData };

export function readShared(path: string): Uint8Array {
  return readFileSync(join(SHARED_DATA, path));
}

/** A PCD file from header lines and a body. */
export function pcdFile(header: string[], body: Uint8Array | string = new Uint8Array(0)): Uint8Array {
  const head = new TextEncoder().encode(`${header.join('\n')}\n`);
  const tail = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

/** Little-endian bytes from [kind, value] pairs, e.g. ['f32', 1.5], ['u16', 7]. */
export function packLE(values: Array<[string, number]>): Uint8Array<ArrayBuffer> {
  const sizes: Record<string, number> = { f32: 4, f64: 8, u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, u64: 8, i64: 8 };
  const total = values.reduce((sum, [kind]) => sum + sizes[kind]!, 0);
  const view = new DataView(new ArrayBuffer(total));
  let at = 0;
  for (const [kind, v] of values) {
    if (kind === 'f32') view.setFloat32(at, v, true);
    else if (kind === 'f64') view.setFloat64(at, v, true);
    else if (kind === 'u8') view.setUint8(at, v);
    else if (kind === 'i8') view.setInt8(at, v);
    else if (kind === 'u16') view.setUint16(at, v, true);
    else if (kind === 'i16') view.setInt16(at, v, true);
    else if (kind === 'u32') view.setUint32(at, v, true);
    else if (kind === 'i32') view.setInt32(at, v, true);
    else if (kind === 'u64') view.setBigUint64(at, BigInt(v), true);
    else if (kind === 'i64') view.setBigInt64(at, BigInt(v), true);
    at += sizes[kind]!;
  }
  return new Uint8Array(view.buffer);
}

/**
 * A small greedy LZF compressor (3-byte hash of the last position, as liblzf does), so the tests
 * exercise back-references and long runs, not only literal runs.
 */
export function lzfCompress(input: Uint8Array): Uint8Array {
  const out: number[] = [];
  const last = new Map<number, number>();
  let literal: number[] = [];
  const flush = () => {
    for (let i = 0; i < literal.length; i += 32) {
      const run = literal.slice(i, i + 32);
      out.push(run.length - 1, ...run);
    }
    literal = [];
  };
  let ip = 0;
  while (ip < input.length) {
    const key = ip + 2 < input.length ? (input[ip]! << 16) | (input[ip + 1]! << 8) | input[ip + 2]! : -1;
    const ref = key >= 0 ? last.get(key) : undefined;
    if (key >= 0) last.set(key, ip);
    const distance = ref === undefined ? 0 : ip - ref - 1;
    if (ref === undefined || distance > 0x1fff) {
      literal.push(input[ip++]!);
      continue;
    }
    let len = 0;
    while (len < 264 && ip + len < input.length && input[ref + len] === input[ip + len]) len++;
    flush();
    const l = len - 2;
    if (l < 7) out.push((l << 5) | (distance >> 8), distance & 0xff);
    else out.push((7 << 5) | (distance >> 8), l - 7, distance & 0xff);
    ip += len;
  }
  flush();
  return Uint8Array.from(out);
}

/** The PointCloudError that `fn` throws (code and message), so a test can assert both. */
export function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    const e = error as { code?: string; message?: string; name?: string };
    if (e.name !== 'PointCloudError') throw error;
    return { code: e.code ?? '', message: e.message ?? '' };
  }
  throw new Error('expected a PointCloudError, nothing was thrown');
}

/**
 * A ray-cast scene: a flat road at `ground` (x -5..40, y -12..12, every 25 cm) and the boxes' surfaces
 * (every 5 cm), each point kept only where the sensor at the origin sees it past every box.
 */
export function rayCastScene(boxes: OrientedBox[], ground: number): Float32Array {
  const out: number[] = [];
  const hidden = (x: number, y: number, z: number) => {
    for (let t = 0.02; t < 0.995; t += 0.01) if (boxes.some((b) => pointInCuboid(b, x * t, y * t, z * t))) return true;
    return false;
  };
  for (let x = -5; x <= 40; x += 0.25) {
    for (let y = -12; y <= 12; y += 0.25) if (!hidden(x, y, ground)) out.push(x, y, ground);
  }
  for (const box of boxes) {
    const c = Math.cos(box.yaw), s = Math.sin(box.yaw);
    // Each face with its two side lengths: points 5 cm apart whatever its size.
    const faces: Array<[(u: number, v: number) => [number, number, number], number, number]> = [
      [(u, v) => [-box.dx / 2, (u - 0.5) * box.dy, (v - 0.5) * box.dz], box.dy, box.dz], [(u, v) => [box.dx / 2, (u - 0.5) * box.dy, (v - 0.5) * box.dz], box.dy, box.dz],
      [(u, v) => [(u - 0.5) * box.dx, -box.dy / 2, (v - 0.5) * box.dz], box.dx, box.dz], [(u, v) => [(u - 0.5) * box.dx, box.dy / 2, (v - 0.5) * box.dz], box.dx, box.dz],
      [(u, v) => [(u - 0.5) * box.dx, (v - 0.5) * box.dy, box.dz / 2], box.dx, box.dy],
    ];
    for (const [face, du, dv] of faces) {
      const nu = Math.ceil(du / 0.05), nv = Math.ceil(dv / 0.05);
      for (let i = 0; i <= nu; i++) {
        for (let j = 0; j <= nv; j++) {
          const u = i / nu, v = j / nv;
          const [a, b, h] = face(u, v);
          const x = box.x + a * c - b * s, y = box.y + a * s + b * c, z = box.z + h;
          if (!hidden(x * 0.995, y * 0.995, z * 0.995)) out.push(x, y, z);
        }
      }
    }
  }
  return Float32Array.from(out);
}
