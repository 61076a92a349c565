/** What the bench page leaves in `window.__bench` (DOM-free, so the Node side imports it). */
export interface PageResult {
  ok: boolean; error?: string; user_agent: string;
  open_ms: number[]; relabel_ms: number[]; scroll_intervals_ms: number[]; scroll_work_ms: number[]; blocks_in_dom_max: number; scroll_height: number; chars: number; spans: number;
}
