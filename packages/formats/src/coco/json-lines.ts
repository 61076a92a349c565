// The line each element of a top-level array starts on (`images[3]`, `annotations[12]`), found by
// one scan of the text, so a problem can name its line in a pretty-printed COCO file. A file on one
// line (as COCO's own are) gives line 1 for every element: the field path then says which.

/** For each wanted key of the top-level object, the 1-based line of each element of its array. */
export function elementLines(text: string, keys: readonly string[]): Map<string, number[]> {
  const out = new Map<string, number[]>(keys.map((k) => [k, []]));
  let line = 1;
  let depth = 0;
  let key: string | null = null;
  /** The array being indexed (its key's line list), while the scan is inside it. */
  let target: number[] | null = null;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { line++; continue; }
    if (c === 32 || c === 9 || c === 13) continue;
    if (target && depth === 2 && expectValue && c !== 93 /* ] */) { target.push(line); expectValue = false; }
    if (c === 34 /* " */) {
      const start = i + 1;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
        else if (d === 10) line++;
      }
      if (depth === 1) key = text.slice(start, i);
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth === 2 && c === 91 && key !== null && out.has(key)) { target = out.get(key)!; expectValue = true; }
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
      if (depth < 2) target = null;
    } else if (c === 44 /* , */ && depth === 2 && target) {
      expectValue = true;
    }
  }
  return out;
}

/** The 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Where JSON text first goes wrong (a character offset), for the line of a parse error: Node's
 * JSON.parse does not always say. Run only after JSON.parse has failed; -1 when nothing is found.
 */
export function jsonErrorAt(text: string): number {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++; };
  const fail = (): never => { throw i; };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws(); if (text[i] !== '"') fail();
        string(); ws();
        if (text[i] !== ':') fail();
        i++; value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail();
      }
    }
    if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail();
      }
    }
    if (c === '"') return string();
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const string = () => {
    for (i++; i < text.length; i++) {
      const c = text[i];
      if (c === '\\') i++;
      else if (c === '"') { i++; return; }
      else if (c! < ' ') fail();
    }
    fail();
  };
  try {
    value(); ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? at : -1;
  }
}
