// One chart in a card: the chart, or the same numbers as a table, and a CSV download of them. The
// chart is drawn by the library into a div this component owns; a new option replaces the old.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { BASE, init, type ChartOption } from './echarts.ts';
import { downloadCsv, type Table } from './csv.ts';

export interface ChartProps { id: string; title: string; note?: ReactNode; option: ChartOption; table: Table; height?: number }

export function ChartCard({ id, title, note, option, table, height = 280 }: ChartProps) {
  const [asTable, setAsTable] = useState(false);
  return (
    <section className="card chart" data-chart={id} aria-label={title}>
      <header className="chart-head">
        <h3>{title}</h3>
        <span className="spacer" />
        <button type="button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>{asTable ? 'Chart' : 'Table'}</button>{' '}
        <button type="button" onClick={() => downloadCsv(`${id}.csv`, table)}>CSV</button>
      </header>
      {note && <p className="muted">{note}</p>}
      {asTable ? <DataTable table={table} /> : <Drawing option={option} height={height} title={title} />}
    </section>
  );
}

function Drawing({ option, height, title }: { option: ChartOption; height: number; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  useEffect(() => {
    const el = box.current!;
    const c = init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => { resize.disconnect(); c.dispose(); chart.current = null; };
  }, []);
  useEffect(() => { chart.current?.setOption({ ...BASE, ...option }, { notMerge: true }); }, [option]);
  return <div ref={box} className="chart-drawing" role="img" aria-label={title} style={{ height }} />;
}

function DataTable({ table }: { table: Table }) {
  return (
    <div className="chart-table">
      <table>
        <thead><tr>{table.columns.map((c) => <th key={c}>{c}</th>)}</tr></thead>
        <tbody>{table.rows.map((r, i) => <tr key={i}>{r.map((v, j) => <td key={j}>{v ?? '—'}</td>)}</tr>)}</tbody>
      </table>
    </div>
  );
}
