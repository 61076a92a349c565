// People beside the team's median: items per hour and rejection rate per person (the median drawn
// across), and rejection rate and QA accuracy per day for the team's median and one chosen person.
import { useState } from 'react';
import { ChartCard } from './chart-card.tsx';
import { DASHES, SYMBOLS } from './echarts.ts';
import { pct, type ChartData } from './format.ts';

type Row = ChartData['people']['rows'][number];

function PersonBars({ id, title, rows, value, median, unit, axis }: {
  id: string; title: string; rows: Row[]; value: (r: Row) => number | null; median: number | null; unit: string; axis: string;
}) {
  const sorted = [...rows].filter((r) => value(r) !== null).sort((a, b) => value(b)! - value(a)!);
  const option = {
    tooltip: { trigger: 'axis' as const },
    grid: { left: 120, right: 48, top: 36, bottom: 32 },
    xAxis: { type: 'value' as const, name: axis },
    yAxis: { type: 'category' as const, data: sorted.map((r) => r.name), inverse: true },
    series: [{
      type: 'bar' as const, name: title, data: sorted.map((r) => value(r)), label: { show: true, position: 'right' as const, formatter: `{c}${unit}` },
      ...(median !== null ? { markLine: { symbol: 'none', data: [{ xAxis: median, name: 'team median', label: { formatter: `team median ${median}${unit}` }, lineStyle: { type: 'dashed' as const, color: '#333' } }] } } : {}),
    }],
  };
  const table = { columns: ['person', axis, 'team median'], rows: sorted.map((r) => [r.name, value(r), median]) };
  return <ChartCard id={id} title={title} option={option} table={table} height={Math.max(160, 28 * sorted.length + 70)} />;
}

export function PeopleCharts({ d }: { d: ChartData }) {
  const p = d.people;
  const [chosen, setChosen] = useState<string>(() => [...p.rows].sort((a, b) => (b.rejectionRate ?? -1) - (a.rejectionRate ?? -1))[0]?.userId ?? '');
  const person = p.rows.find((r) => r.userId === chosen);
  const mine = p.series.find((s) => s.userId === chosen);
  const line = (name: string, data: (number | null)[], i: number) => ({ type: 'line' as const, name, data: data.map(pct), connectNulls: true, symbol: SYMBOLS[i], lineStyle: { type: DASHES[i % DASHES.length] }, endLabel: { show: true, formatter: name } });
  const option = {
    xAxis: { type: 'category' as const, data: p.days },
    yAxis: { type: 'value' as const, name: '%', min: 0, max: 100 },
    grid: { left: 48, right: 170, top: 36, bottom: 40 },
    series: [
      line('team median rejection', p.medianSeries.rejectionRate, 0),
      line('team median QA accuracy', p.medianSeries.qaAccuracy, 1),
      ...(mine && person ? [line(`${person.name} rejection`, mine.rejectionRate, 2), line(`${person.name} QA accuracy`, mine.qaAccuracy, 3)] : []),
    ],
  };
  const table = {
    columns: ['day', 'team median rejection %', 'team median QA accuracy %', ...(person ? [`${person.name} rejection %`, `${person.name} QA accuracy %`] : [])],
    rows: p.days.map((day, i) => [day, pct(p.medianSeries.rejectionRate[i]), pct(p.medianSeries.qaAccuracy[i]), ...(mine ? [pct(mine.rejectionRate[i]), pct(mine.qaAccuracy[i])] : [])]),
  };
  return (
    <>
      <PersonBars id="people-pace" title="Items per hour of work, by person" rows={p.rows} value={(r) => r.itemsPerHour} median={p.median.itemsPerHour} unit="" axis="items / hour" />
      <PersonBars id="people-rejection" title="Rejection rate, by person" rows={p.rows} value={(r) => pct(r.rejectionRate)} median={pct(p.median.rejectionRate)} unit="%" axis="rejected %" />
      <ChartCard id="people-days" title="Rejection rate and QA accuracy per day" option={option} table={table}
        note={<label>Person <select aria-label="person" value={chosen} onChange={(e) => setChosen(e.target.value)}>{p.rows.map((r) => <option key={r.userId} value={r.userId}>{r.name}</option>)}</select></label>} />
    </>
  );
}
