import type { Bounds2d } from '@cadre/core';

interface Entry {
  id: string;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Query stamp: an id found through several cells is reported once without a Set per query. */
  seen: number;
  /** Too big for the grid: kept in `large` and checked on every query. */
  large: boolean;
}

// Cell coordinates pack into one safe integer key; the offset admits negative cells.
const SPAN = 1 << 20;
const HALF = SPAN / 2;
// A box spanning more cells than this would cost more to file than to scan.
const MAX_CELLS = 64;

/**
 * Uniform grid over image pixels. Each object sits in every cell its bounds touch, so insert,
 * remove and update cost the cells covered; a query costs the cells of the query rect plus
 * the few oversized objects. Answers are candidates by bounds; exact hit-testing is the kind's job.
 */
export class SpatialIndex {
  private readonly cells = new Map<number, Entry[]>();
  private readonly entries = new Map<string, Entry>();
  private readonly large = new Set<Entry>();
  private stamp = 0;

  constructor(readonly cellSize = 128) {}

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  insert(id: string, b: Bounds2d): void {
    if (this.entries.has(id)) this.remove(id);
    const e: Entry = { id, minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY, seen: 0, large: false };
    this.entries.set(id, e);
    const [x0, y0, x1, y1] = this.cellRange(e.minX, e.minY, e.maxX, e.maxY);
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS) {
      e.large = true;
      this.large.add(e);
      return;
    }
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const key = cy * SPAN + cx;
        const list = this.cells.get(key);
        if (list === undefined) this.cells.set(key, [e]);
        else list.push(e);
      }
    }
  }

  remove(id: string): boolean {
    const e = this.entries.get(id);
    if (e === undefined) return false;
    this.entries.delete(id);
    if (e.large) {
      this.large.delete(e);
      return true;
    }
    const [x0, y0, x1, y1] = this.cellRange(e.minX, e.minY, e.maxX, e.maxY);
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const key = cy * SPAN + cx;
        const list = this.cells.get(key);
        if (list === undefined) continue;
        const i = list.indexOf(e);
        // Swap-remove: order inside a cell carries no meaning.
        if (i >= 0) {
          list[i] = list[list.length - 1]!;
          list.pop();
        }
        if (list.length === 0) this.cells.delete(key);
      }
    }
    return true;
  }

  update(id: string, b: Bounds2d): void {
    this.insert(id, b);
  }

  clear(): void {
    this.cells.clear();
    this.entries.clear();
    this.large.clear();
  }

  /** Ids whose bounds intersect `rect`, appended to `out` (pass a reused array to avoid allocation). */
  query(rect: Bounds2d, out: string[] = []): string[] {
    const stamp = ++this.stamp;
    const [x0, y0, x1, y1] = this.cellRange(rect.minX, rect.minY, rect.maxX, rect.maxY);
    // A rect wider than the populated grid is cheaper to answer by scanning the entries.
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > this.cells.size) {
      for (const e of this.entries.values()) if (overlaps(e, rect)) out.push(e.id);
      return out;
    }
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const list = this.cells.get(cy * SPAN + cx);
        if (list === undefined) continue;
        for (const e of list) {
          if (e.seen === stamp) continue;
          e.seen = stamp;
          if (overlaps(e, rect)) out.push(e.id);
        }
      }
    }
    for (const e of this.large) if (overlaps(e, rect)) out.push(e.id);
    return out;
  }

  /** Ids whose bounds, grown by `tolerance`, contain the point. */
  hit(x: number, y: number, tolerance = 0, out: string[] = []): string[] {
    return this.query({ minX: x - tolerance, minY: y - tolerance, maxX: x + tolerance, maxY: y + tolerance }, out);
  }

  private cellRange(minX: number, minY: number, maxX: number, maxY: number): [number, number, number, number] {
    const s = this.cellSize;
    return [cell(minX / s), cell(minY / s), cell(maxX / s), cell(maxY / s)];
  }
}

function cell(v: number): number {
  return Math.min(HALF - 1, Math.max(-HALF, Math.floor(v))) + HALF;
}

function overlaps(e: Entry, r: Bounds2d): boolean {
  return e.minX <= r.maxX && e.maxX >= r.minX && e.minY <= r.maxY && e.maxY >= r.minY;
}
