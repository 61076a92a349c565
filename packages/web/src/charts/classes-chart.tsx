// Classes: rejection rate by class, and the confusion between classes from consensus (rows: the
// merged class; columns: the class a person gave), each cell labelled with its count.
import { ChartCard } from './chart-card.tsx';
import { pct, type ChartData } from './format.ts';

export function ClassCharts({ d }: { d: ChartData }) {
  const c = d.classes;
  const rejection = {
    grid: { left: 120, right: 48, top: 36, bottom: 32 },
    xAxis: { type: 'value' as const, name: 'rejected %' },
    yAxis: { type: 'category' as const, data: c.rejection.map((r) => r.name), inverse: true },
    series: [{ type: 'bar' as const, name: 'rejected %', data: c.rejection.map((r) => pct(r.rejectionRate)), label: { show: true, position: 'right' as const, formatter: '{c}%' } }],
  };
  const rejectionTable = { columns: ['class', 'objects reviewed', 'rejected', 'rejected %'], rows: c.rejection.map((r) => [r.name, r.objects, r.rejected, pct(r.rejectionRate)]) };
  const m = c.confusion;
  return (
    <>
      <ChartCard id="class-rejection" title="Rejection by class" option={rejection} table={rejectionTable} height={Math.max(160, 28 * c.rejection.length + 70)} />
      {m ? <ChartCard id="class-confusion" title={`Confusion between classes (${m.source})`} note="Rows: the merged class; columns: the class a person gave."
        option={{
          tooltip: { trigger: 'item' as const },
          grid: { left: 120, right: 24, top: 24, bottom: 72 },
          xAxis: { type: 'category' as const, data: m.classes, name: 'given', axisLabel: { rotate: 30 } },
          yAxis: { type: 'category' as const, data: m.classes, name: 'merged', inverse: true },
          visualMap: { min: 0, max: Math.max(1, ...m.counts.flat()), show: false, inRange: { color: ['#f7f7f7', '#3b6ea8'] } },
          series: [{ type: 'heatmap' as const, name: 'votes', data: m.counts.flatMap((row, i) => row.map((n, j) => [j, i, n])), label: { show: true } }],
        }}
        table={{ columns: ['merged \\ given', ...m.classes], rows: m.classes.map((name, i) => [name, ...m.counts[i]!]) }}
        height={Math.max(200, 32 * m.classes.length + 110)} />
        : <p className="muted">No confusion table yet: it needs items labelled by several people (consensus) with text classes.</p>}
    </>
  );
}
