// XML written in pieces: escaping for text and attributes, and a number form that reads back exact.

// Characters XML 1.0 cannot hold at all (controls other than tab, newline, return; lone surrogates; U+FFFE/U+FFFF).
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes element text; characters XML cannot hold become U+FFFD. */
export function escText(s: string): string {
  return s.replace(INVALID, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value for double quotes; tabs and newlines kept as character references so a reader sees them. */
export function escAttr(s: string): string {
  return escText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** A number as the shortest text that reads back to the same double. */
export const num = (n: number): string => (Object.is(n, -0) ? '0' : String(n));

/** ` a="1" b="x"`, skipping undefined values. */
export function attrs(values: Record<string, string | number | undefined>): string {
  let out = '';
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    out += ` ${k}="${typeof v === 'number' ? num(v) : escAttr(v)}"`;
  }
  return out;
}

/** `<name>text</name>` with the text escaped. */
export const textEl = (name: string, text: string | number): string => `<${name}>${typeof text === 'number' ? num(text) : escText(text)}</${name}>`;
