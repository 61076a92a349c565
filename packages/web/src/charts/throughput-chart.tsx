// Throughput per hour by stage: bars stacked per stage, accepted and rejected as lines.
import { ChartCard } from './chart-card.tsx';
import { DASHES, SYMBOLS } from './echarts.ts';
import { hourLabel, type ChartData } from './format.ts';

export function ThroughputChart({ d }: { d: ChartData }) {
  const t = d.throughput;
  const hours = t.hours.map((h) => hourLabel(h, d.days));
  const option = {
    xAxis: { type: 'category' as const, data: hours },
    yAxis: { type: 'value' as const, name: 'tasks / hour', minInterval: 1 },
    series: [
      ...t.stages.map((s) => ({ type: 'bar' as const, name: s.stage, stack: 'work', data: s.done })),
      { type: 'line' as const, name: 'accepted', data: t.accepted, symbol: SYMBOLS[0], lineStyle: { type: DASHES[0] } },
      { type: 'line' as const, name: 'rejected', data: t.rejected, symbol: SYMBOLS[2], lineStyle: { type: DASHES[1] } },
    ],
  };
  const table = {
    columns: ['hour', ...t.stages.map((s) => s.stage), 'accepted', 'rejected'],
    rows: t.hours.map((h, i) => [h, ...t.stages.map((s) => s.done[i] ?? 0), t.accepted[i] ?? 0, t.rejected[i] ?? 0]),
  };
  return <ChartCard id="throughput" title="Throughput per hour by stage" option={option} table={table} />;
}
