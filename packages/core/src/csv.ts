// CSV as RFC 4180 says it, for spreadsheets: CRLF line ends, a field with a comma, quote, CR or LF
// is quoted with its quotes doubled, and a UTF-8 byte order mark so non-ASCII names open cleanly.
// Empty cells are null. One writer for every CSV Cadre hands out (statements, invoices, the audit
// log, the charts' tables).
export const BOM = '\uFEFF';

export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return BOM + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
