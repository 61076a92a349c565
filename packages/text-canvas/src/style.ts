/** The engine's stylesheet, added to the page once (shared by every engine on it). */

const CSS = `
.tc-scroll{height:100%;overflow:auto;position:relative;outline:none;font:16px/1.5 system-ui,sans-serif;color:#1d1d1f;background:#fff;overflow-anchor:auto}
.tc-block{white-space:pre-wrap;overflow-wrap:anywhere;padding:0 16px;margin:0;contain:layout style}
.tc-block:first-child{padding-top:12px}.tc-block:last-child{padding-bottom:12px}
.tc-seg[data-tag]::after{content:attr(data-tag);font-size:.62em;line-height:0;vertical-align:.9em;margin-left:1px;color:var(--tc-tag,#555);font-weight:600;white-space:nowrap;user-select:none;pointer-events:none}
.tc-sel{background-color:rgba(56,132,255,.32)}
.tc-selected{outline:1px solid rgba(0,0,0,.35);outline-offset:0}
.tc-caret{display:inline-block;width:0;height:1.15em;margin-right:-2px;border-left:2px solid #1a73e8;vertical-align:text-bottom;animation:tc-blink 1s steps(1) infinite}
@keyframes tc-blink{50%{border-left-color:transparent}}
`;

const ID = 'cadre-text-canvas-style';

export function installStyle(doc: Document): void {
  if (doc.getElementById(ID) !== null) return;
  const style = doc.createElement('style');
  style.id = ID;
  style.textContent = CSS;
  doc.head.appendChild(style);
}
