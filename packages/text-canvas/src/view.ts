/**
 * The virtualised DOM view. Every block has an element, but only blocks within a screen of the
 * viewport hold their text; the others are empty, sized to their last measured (or estimated)
 * height so the scrollbar is right. Which blocks are near is found on each scroll by a binary
 * search over block offsets (one layout read per scroll event, no observer latency), and the first
 * screen is built synchronously so the first painted frame already shows the text.
 */
import { blockHtml } from './block-html.ts';
import { segmentBlock, type BlockState } from './segments.ts';
import type { SpanStore } from './span-store.ts';
import type { TextModel } from './text-model.ts';
import type { NoteTone } from './notes.ts';

export interface ViewState {
  block(b: number): BlockState;
  selectedId(): string | null;
  /** Spans with notes, and their tone. */
  noted?(): ReadonlyMap<string, NoteTone>;
  /** After blocks were drawn or emptied (the notes follow). */
  drawn?(): void;
}

export class BlockView {
  readonly scroller: HTMLDivElement;
  private els: HTMLDivElement[] = [];
  private readonly live = new Set<number>();
  private model: TextModel | undefined;
  /** Px of height per code point is about `density / width`; calibrated on the first block drawn. */
  private density = 180;
  private calibrated = false;
  private width = 0;
  private held = false;
  private readonly resize: ResizeObserver;

  constructor(container: HTMLElement, private readonly store: SpanStore, private readonly state: ViewState) {
    this.scroller = container.ownerDocument.createElement('div');
    this.scroller.className = 'tc-scroll';
    this.scroller.tabIndex = 0;
    container.appendChild(this.scroller);
    this.scroller.addEventListener('scroll', this.update, { passive: true });
    this.resize = new ResizeObserver(() => {
      if (this.scroller.clientWidth === this.width) return this.update();
      this.width = this.scroller.clientWidth;
      this.estimateHidden();
      this.update();
    });
    this.resize.observe(this.scroller);
  }

  setModel(model: TextModel): void {
    this.model = model;
    this.live.clear();
    this.calibrated = false;
    this.scroller.innerHTML = model.blocks.map((b) => `<div class="tc-block" data-start="${b.start}" data-end="${b.end}"></div>`).join('');
    this.els = [...this.scroller.children] as HTMLDivElement[];
    this.scroller.scrollTop = 0;
    this.width = this.scroller.clientWidth;
    this.estimateHidden();
    this.update();
  }

  /** Redraws these blocks if they are on screen. */
  refresh(blocks: Iterable<number>): void {
    for (const b of blocks) if (this.live.has(b)) this.draw(b);
    this.state.drawn?.();
  }
  refreshAll(): void { this.refresh([...this.live]); }

  /** Scrolls code point `pos` to the middle of the view ('center'), or just into it ('nearest'). */
  reveal(pos: number, mode: 'center' | 'nearest' = 'center'): void {
    if (this.model === undefined) return;
    const b = this.model.blockAt(pos);
    if (!this.live.has(b)) {
      this.scroller.scrollTop = this.els[b]!.offsetTop;
      this.update();
    }
    let target: HTMLElement = this.els[b]!;
    for (const s of target.querySelectorAll<HTMLElement>('[data-o]')) if (Number(s.dataset.o) <= pos) target = s;
    // Not scrollIntoView: that would scroll the host page as well.
    const r = target.getBoundingClientRect(), view = this.scroller.getBoundingClientRect();
    if (mode === 'nearest' && r.top >= view.top && r.bottom <= view.bottom) return;
    const margin = 8;
    this.scroller.scrollTop += mode === 'center' ? r.top + r.height / 2 - (view.top + view.height / 2)
      : r.top < view.top ? r.top - view.top - margin : r.bottom - view.bottom + margin;
    this.update();
  }

  /** While held (a mouse drag), far blocks are kept, so the selection's nodes stay in the DOM. */
  hold(on: boolean): void {
    this.held = on;
    if (!on) this.update();
  }

  /** Renders the blocks near the viewport and empties the far ones. */
  readonly update = (): void => {
    if (this.model === undefined || this.els.length === 0) return;
    const top = this.scroller.scrollTop, h = this.scroller.clientHeight || 800;
    let near = this.range(top - h, top + 2 * h);
    for (let b = near.first; b <= near.last; b++) if (!this.live.has(b)) this.draw(b);
    if (!this.calibrated && this.calibrate(near.first)) {
      near = this.range(top - h, top + 2 * h);
      for (let b = near.first; b <= near.last; b++) if (!this.live.has(b)) this.draw(b);
    }
    if (!this.held && this.live.size > near.last - near.first + 1) {
      const keep = this.range(top - 3 * h, top + 4 * h);
      for (const b of [...this.live]) if (b < keep.first || b > keep.last) this.hide(b);
    }
    this.state.drawn?.();
  };

  destroy(): void {
    this.resize.disconnect();
    this.scroller.removeEventListener('scroll', this.update);
    this.scroller.remove();
  }

  /** First and last block overlapping [from, to] px, by binary search on offsetTop. */
  private range(from: number, to: number): { first: number; last: number } {
    const els = this.els;
    let lo = 0, hi = els.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (els[mid]!.offsetTop <= from) lo = mid;
      else hi = mid - 1;
    }
    let last = lo;
    while (last + 1 < els.length && els[last + 1]!.offsetTop < to) last++;
    return { first: lo, last };
  }

  private draw(b: number): void {
    const model = this.model!, el = this.els[b]!, block = model.blocks[b]!;
    const segs = segmentBlock(block, this.store.inBlock(b), this.state.block(b));
    el.innerHTML = blockHtml(model.text, segs, this.state.selectedId(), this.state.noted?.()).html;
    el.style.height = '';
    this.live.add(b);
  }

  private hide(b: number): void {
    const el = this.els[b]!;
    el.style.height = `${el.offsetHeight}px`;
    el.textContent = '';
    this.live.delete(b);
  }

  /** Measures a drawn block's height per code point; true when the estimates changed. */
  private calibrate(b: number): boolean {
    this.calibrated = true;
    const block = this.model!.blocks[b]!;
    if (block.end - block.start < 200 || this.width === 0) return false;
    const density = (this.els[b]!.offsetHeight / (block.end - block.start)) * this.width;
    if (!(density > 0) || Math.abs(density - this.density) / this.density < 0.1) return false;
    this.density = density;
    this.estimateHidden();
    return true;
  }

  private estimateHidden(): void {
    const blocks = this.model?.blocks ?? [];
    const perChar = this.density / Math.max(200, this.width);
    this.els.forEach((el, b) => {
      if (this.live.has(b)) return;
      const block = blocks[b]!;
      el.style.height = `${Math.ceil((block.end - block.start) * perChar)}px`;
    });
  }
}
