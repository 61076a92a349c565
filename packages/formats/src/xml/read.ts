// XML read as a stream of the root's children, each a small tree with the line it starts on, so a
// file of a million <image> elements never lives whole in memory. Broken XML is a FormatError
// naming the file and line, never a TypeError.
import { SaxesParser } from 'saxes';
import { FormatError, type SourceFile } from '../types.ts';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (text and CDATA directly inside it), as written. */
  text: string;
  /** 1-based line of the start tag. */
  line: number;
}

/** What streaming an XML file yields: its root (before any child, without children), then each child of the root, whole. */
export type XmlEvent = { kind: 'root'; root: XmlElement } | { kind: 'child'; element: XmlElement };

/** Streams the root element and then each of its children; throws FormatError on broken XML. */
export async function* xmlChildren(file: SourceFile): AsyncGenerator<XmlEvent> {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  const ready: XmlEvent[] = [];
  let failure: { line: number; message: string } | null = null;
  let tagLine = 1;
  parser.on('error', (e) => {
    // saxes prefixes its own position; the FormatError carries the line, so keep just the message.
    const open = stack[stack.length - 1];
    if (!failure) failure = { line: parser.line, message: `${e.message.replace(/^\d+:\d+: /, '')}${open ? ` (inside <${open.name}> of line ${open.line})` : ''}` };
  });
  parser.on('opentagstart', () => { tagLine = parser.line; });
  parser.on('opentag', (tag) => {
    const el: XmlElement = { name: tag.name, attrs: { ...(tag.attributes as Record<string, string>) }, children: [], text: '', line: tagLine };
    if (stack.length === 0) ready.push({ kind: 'root', root: el });
    else if (stack.length > 1) stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  const addText = (t: string) => { const top = stack[stack.length - 1]; if (top && stack.length > 1) top.text += t; };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const el = stack.pop();
    if (el && stack.length === 1) ready.push({ kind: 'child', element: el });
  });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const fail = (): never => {
    const f = failure!;
    throw new FormatError(file.path, f.line, 'xml', f.message);
  };
  let first = true;
  for await (const chunk of file.chunks()) {
    let text: string;
    try { text = decoder.decode(chunk, { stream: true }); } catch { throw new FormatError(file.path, parser.line, 'xml', 'not UTF-8 text'); }
    if (first) { text = text.replace(/^\uFEFF/, ''); first = false; }
    try { parser.write(text); } catch (e) { if (!failure) failure = { line: parser.line, message: (e as Error).message }; }
    if (failure) fail();
    yield* ready.splice(0);
  }
  try { parser.close(); } catch (e) { if (!failure) failure = { line: parser.line, message: (e as Error).message }; }
  if (failure) fail();
  yield* ready.splice(0);
}

/** Reads a whole small XML file (a VOC annotation) as one tree; throws FormatError on broken XML. */
export async function xmlTree(file: SourceFile): Promise<XmlElement> {
  let root: XmlElement | null = null;
  for await (const ev of xmlChildren(file)) {
    if (ev.kind === 'root') root = ev.root;
    else root!.children.push(ev.element);
  }
  if (!root) throw new FormatError(file.path, 0, 'xml', 'no root element');
  return root;
}

/** The first child of this name, or undefined. */
export const child = (el: XmlElement, name: string) => el.children.find((c) => c.name === name);
/** The trimmed text of the first child of this name, or undefined. */
export const childText = (el: XmlElement, name: string) => { const c = child(el, name); return c ? c.text.trim() : undefined; };

/** The first `bytes` of a file as text (for detect: names and first bytes only). */
export async function head(file: SourceFile, bytes = 4096): Promise<string> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const chunk of file.chunks()) {
    parts.push(chunk.subarray(0, bytes - n));
    n += Math.min(chunk.length, bytes - n);
    if (n >= bytes) break;
  }
  const all = new Uint8Array(n);
  let at = 0;
  for (const p of parts) { all.set(p, at); at += p.length; }
  return new TextDecoder('utf-8').decode(all);
}

/** The name of the root element in an XML file's first bytes, or null. */
export function rootName(headText: string): string | null {
  const body = headText.replace(/^\uFEFF/, '').replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, '');
  const m = /^\s*<([A-Za-z_][\w.-]*)/.exec(body);
  return m ? m[1]! : null;
}
