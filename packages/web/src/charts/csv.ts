// A chart's table, and its download as CSV (core's writer, the one the server's CSVs use).
import { toCsv } from '@cadre/core';

export type Cell = string | number | null;
export interface Table { columns: string[]; rows: Cell[][] }

export const tableCsv = (t: Table) => toCsv([t.columns, ...t.rows]);

export function downloadCsv(name: string, t: Table): void {
  const url = URL.createObjectURL(new Blob([tableCsv(t)], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
