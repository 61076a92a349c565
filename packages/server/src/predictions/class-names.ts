/**
 * The class names of a YOLO dataset config (`data.yaml`): only its `names:` key, written as a flow
 * list (`names: [person, 'traffic light']`), a block list (`- person`) or an index map (`0: person`).
 * Enough YAML for that key, not a YAML parser.
 */
export function parseClassNames(yaml: string): string[] {
  const lines = yaml.split(/\r?\n/);
  const at = lines.findIndex((l) => /^names\s*:/.test(l));
  if (at === -1) throw new Error('no "names:" key in the class config');
  const inline = stripComment(lines[at]!.replace(/^names\s*:/, '')).trim();
  if (inline.startsWith('[')) return flowList(inline, lines.slice(at + 1));
  if (inline !== '') throw new Error(`"names:" must be a list or a map, got ${JSON.stringify(inline)}`);
  const byIndex = new Map<number, string>();
  const listed: string[] = [];
  for (const raw of lines.slice(at + 1)) {
    const line = stripComment(raw);
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) break; // the next top-level key
    const item = /^\s+-\s*(.*)$/.exec(line);
    const entry = /^\s+(\d+)\s*:\s*(.*)$/.exec(line);
    if (item) listed.push(unquote(item[1]!));
    else if (entry) byIndex.set(Number(entry[1]), unquote(entry[2]!));
    else throw new Error(`cannot read class name line ${JSON.stringify(raw.trim())}`);
  }
  if (listed.length > 0) return listed;
  const names: string[] = [];
  for (const [i, name] of byIndex) names[i] = name;
  if (names.length === 0) throw new Error('"names:" lists no classes');
  const gap = Array.from(names.keys()).find((i) => names[i] === undefined);
  if (gap !== undefined) throw new Error(`"names:" has no class ${gap}`);
  return names;
}

function flowList(start: string, rest: string[]): string[] {
  let text = start;
  for (const line of rest) {
    if (text.includes(']')) break;
    text += ' ' + stripComment(line).trim();
  }
  const close = text.lastIndexOf(']');
  if (close === -1) throw new Error('"names: [" is not closed');
  const items: string[] = [];
  for (const m of text.slice(1, close).matchAll(/\s*('(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^,]+)\s*(?:,|$)/g)) {
    const item = m[1]!.trim();
    if (item !== '') items.push(unquote(item));
  }
  return items;
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.startsWith("'") && t.endsWith("'") && t.length >= 2) return t.slice(1, -1).replaceAll("''", "'");
  if (t.startsWith('"') && t.endsWith('"') && t.length >= 2) return JSON.parse(t) as string;
  return t;
}

/** Drops a `# comment` that is not inside quotes. */
function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) { if (c === quote) quote = null; continue; }
    if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}
