// The backlog per stage over time, the alert level as a red line, the deadline, and the forecast.
import { ChartCard } from './chart-card.tsx';
import { DASHES, SYMBOLS } from './echarts.ts';
import type { ChartData } from './format.ts';

export function BacklogChart({ d }: { d: ChartData }) {
  const b = d.backlog;
  const total = b.forecast.remaining;
  const lastAt = b.stages[0]?.points.at(-1)?.at ?? d.at;
  const levels = b.stages.filter((s) => s.level !== null).map((s) => `${s.stage} above ${s.level}`);
  // One red line per level (stages sharing a level share it), labelled with its stages so it reads
  // without colour, inside the plot; the deadline on the first series.
  const byLevel = new Map<number, string[]>();
  for (const s of b.stages) if (s.level !== null) byLevel.set(s.level, [...(byLevel.get(s.level) ?? []), s.stage]);
  const marks = (i: number) => [
    ...(i === 0 ? [...byLevel].map(([level, stages]) => ({
      yAxis: level, name: 'alert level', label: { formatter: `alert level ${level}: ${stages.join(', ')}`, position: 'insideEndTop' as const },
      lineStyle: { color: '#c0392b', type: 'solid' as const, width: 2 },
    })) : []),
    ...(i === 0 && b.deadline ? [{ xAxis: b.deadline, name: 'deadline', label: { formatter: 'deadline', position: 'insideEndTop' as const }, lineStyle: { color: '#333', type: 'dashed' as const } }] : []),
  ];
  // The axis runs to the latest of now, the forecast and the deadline, so the deadline is always in sight.
  const end = Math.max(Date.parse(lastAt), ...[b.forecast.completesAt, b.deadline].filter((t): t is string => t !== null).map(Date.parse));
  const option = {
    grid: { left: 48, right: 72, top: 36, bottom: 40 }, // room for the lines' end labels
    xAxis: { type: 'time' as const, max: end },
    yAxis: { type: 'value' as const, name: 'tasks queued', minInterval: 1 },
    series: [
      ...b.stages.map((s, i) => ({
        type: 'line' as const, name: s.stage, data: s.points.map((p) => [p.at, p.queued]), symbol: SYMBOLS[i % SYMBOLS.length],
        lineStyle: { type: DASHES[i % DASHES.length] }, endLabel: { show: true, formatter: s.stage },
        ...(marks(i).length ? { markLine: { symbol: 'none', data: marks(i) } } : {}),
      })),
      ...(b.forecast.completesAt && total > 0 ? [{
        type: 'line' as const, name: 'forecast (all stages)', data: [[lastAt, total], [b.forecast.completesAt, 0]], symbol: 'none',
        lineStyle: { type: 'dotted' as const, width: 2 }, endLabel: { show: true, formatter: 'forecast' },
      }] : []),
    ],
  };
  const times = [...new Set(b.stages.flatMap((s) => s.points.map((p) => p.at)))].sort();
  const table = {
    columns: ['time', ...b.stages.map((s) => s.stage)],
    rows: times.map((at) => [at, ...b.stages.map((s) => s.points.find((p) => p.at === at)?.queued ?? null)]),
  };
  const f = b.forecast;
  const note = <>
    {f.remaining} tasks to go; at {f.acceptedPerHour} accepted an hour, done {f.completesAt ? new Date(f.completesAt).toLocaleString() : 'when work is accepted again (none in 24 h)'}
    {b.deadline && <> · deadline {new Date(b.deadline).toLocaleString()}{f.pastDeadline === true && <strong className="past-deadline"> · past the deadline</strong>}</>}
    {levels.length > 0 && <> · alert when {levels.join(', ')} queued</>}
  </>;
  return <ChartCard id="backlog" title="Backlog by stage" note={note} option={option} table={table} />;
}
