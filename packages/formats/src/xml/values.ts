// Attribute values as text formats write them (VOC `attributes/attribute/value`, CVAT `<attribute>`).

/** `true`/`false` become booleans and decimal numbers numbers; anything else stays text. */
export function parseValue(text: string): string | number | boolean {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) && !/^-?0\d/.test(text)) return Number(text);
  return text;
}

/** The text a value is written as; objects and arrays as JSON. */
export function valueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v) ?? '';
}
