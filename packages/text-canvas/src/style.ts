/** The engine's stylesheet, added to the page once (shared by every engine on it). */

const CSS = `
.tc-scroll{height:100%;overflow:auto;position:relative;outline:none;font:16px/1.5 system-ui,sans-serif;color:#1d1d1f;background:#fff;overflow-anchor:auto}
.tc-block{white-space:pre-wrap;overflow-wrap:anywhere;padding:0 16px;margin:0;contain:layout style}
.tc-block:first-of-type{padding-top:12px}.tc-block:last-of-type{padding-bottom:12px}
.tc-noted-reject{box-shadow:inset 0 0 0 2px #e0102f}.tc-noted-check{box-shadow:inset 0 0 0 2px #ff8a00}
.cadre-notes{position:absolute;left:0;top:0;width:0;height:0;overflow:visible;pointer-events:none;user-select:none;z-index:2}
.cadre-note{position:absolute;transform:translateY(-100%);max-width:320px;padding:1px 6px;font:12px/16px system-ui,sans-serif;color:#fff;border-radius:3px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;box-shadow:0 1px 3px rgba(0,0,0,.4)}
.cadre-note[data-tone=reject]{background:#e0102f}.cadre-note[data-tone=check]{background:#ff8a00}
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
