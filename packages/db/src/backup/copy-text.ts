// PostgreSQL's COPY text format (the one `pg_dump` writes in a plain dump): one row per line, fields
// separated by a tab, NULL written `\N`, and inside a field a backslash and the control characters
// \b \f \n \r \t \v escaped, so a raw tab always separates fields and a raw newline always ends a row.
// The dump takes this text from the server (`COPY ... TO STDOUT`); these functions are the same rules
// in TypeScript, for checking a backup's rows before the server sees them and for the tests.

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
const UNESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** One field as PostgreSQL's COPY writes it (`\N` for NULL, so the empty string stays empty). */
export function encodeCopyField(value: string | null): string {
  return value === null ? '\\N' : value.replace(/[\\\b\f\n\r\t\v]/g, (c) => ESCAPES[c]!);
}

/** A row of fields as one line, without its newline. */
export function encodeCopyRow(values: readonly (string | null)[]): string {
  return values.map(encodeCopyField).join('\t');
}

/** One field back to its value: every escape COPY reads (`\b \f \n \r \t \v`, octal `\NNN`, hex `\xHH`, `\` before any other character). */
export function decodeCopyField(text: string): string | null {
  if (text === '\\N') return null;
  if (!text.includes('\\')) return text;
  // Octal and hex escapes name bytes (a multi-byte UTF-8 character may be written as several), so the field is rebuilt as bytes.
  const parts: Buffer[] = [];
  const bytes = (...b: number[]) => parts.push(Buffer.from(b));
  const charAt = (i: number) => String.fromCodePoint(text.codePointAt(i)!);
  let plain = 0;
  for (let i = 0; i < text.length;) {
    if (text[i] !== '\\') { i++; continue; }
    parts.push(Buffer.from(text.slice(plain, i)));
    i++;
    const octal = /^[0-7]{1,3}/.exec(text.slice(i, i + 3));
    const hex = text[i] === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1, i + 3)) : null;
    if (octal) { bytes(parseInt(octal[0], 8) & 0xff); i += octal[0].length; }
    else if (hex) { bytes(parseInt(hex[0], 16)); i += 1 + hex[0].length; }
    else if (i < text.length) { const c = charAt(i); parts.push(Buffer.from(UNESCAPES[c] ?? c)); i += c.length; }
    plain = i;
  }
  parts.push(Buffer.from(text.slice(plain)));
  return Buffer.concat(parts).toString('utf8');
}

/** A line's fields, decoded. */
export function splitCopyRow(line: string): (string | null)[] {
  return line.split('\t').map(decodeCopyField);
}

/** How many fields a row holds (raw tabs plus one): a row cut short or edited by hand shows here. */
export function copyFieldCount(line: Buffer | string): number {
  const bytes = typeof line === 'string' ? Buffer.from(line) : line;
  let n = 1;
  for (let i = bytes.indexOf(9); i !== -1; i = bytes.indexOf(9, i + 1)) n++;
  return n;
}
