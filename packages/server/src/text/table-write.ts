// Text classification as a CSV or TSV file `text,label`: the writing half of table-read.ts.

/** One field, quoted as RFC 4180 wants (and as the CSV import reads back) when it holds the delimiter, a quote or a line break. */
export function tableField(value: string, delimiter: ',' | '\t'): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One line of fields, ending in "\n". */
export function tableLine(values: readonly string[], delimiter: ',' | '\t'): string {
  return `${values.map((v) => tableField(v, delimiter)).join(delimiter)}\n`;
}

/** The text_class labels of a payload, in order, each once. */
export function classLabels(payload: unknown): string[] {
  const objects = (payload as { objects?: unknown } | null)?.objects;
  if (!Array.isArray(objects)) return [];
  const out: string[] = [];
  for (const o of objects as Array<{ kind?: unknown; label?: unknown } | null>) {
    if (o?.kind === 'text_class' && typeof o.label === 'string' && !out.includes(o.label)) out.push(o.label);
  }
  return out;
}
