// Money: cost per accepted item by method per day, and revenue, labour, machine cost and margin
// per pay period.
import { ChartCard } from './chart-card.tsx';
import { DASHES, SYMBOLS } from './echarts.ts';
import { major, money, type ChartData } from './format.ts';

export function MoneyCharts({ d }: { d: ChartData }) {
  const m = d.money;
  const asMajor = (n: number | null) => major(n, m.currency);
  const fmt = (n: number | null) => (n === null ? '—' : money(n, m.currency));
  const perItem = {
    xAxis: { type: 'category' as const, data: m.days },
    yAxis: { type: 'value' as const, name: `${m.currency} / item` },
    series: m.costPerItem.map((c, i) => ({
      type: 'line' as const, name: c.method, data: c.perItemMinor.map(asMajor), connectNulls: true, symbol: SYMBOLS[i], lineStyle: { type: DASHES[i % DASHES.length] },
      endLabel: { show: true, formatter: c.method },
    })),
    grid: { left: 64, right: 100, top: 36, bottom: 40 },
  };
  const perItemTable = {
    columns: ['day', ...m.costPerItem.flatMap((c) => [`${c.method} items`, `${c.method} cost per item`])],
    rows: m.days.map((day, i) => [day, ...m.costPerItem.flatMap((c) => [c.items[i] ?? 0, fmt(c.perItemMinor[i] ?? null)])]),
  };
  const parts = [['revenue', 'revenueMinor'], ['labour', 'labourMinor'], ['machine', 'machineMinor'], ['margin', 'marginMinor']] as const;
  const periods = {
    xAxis: { type: 'category' as const, data: m.periods.map((p) => p.period) },
    yAxis: { type: 'value' as const, name: m.currency },
    series: parts.map(([name, key]) => ({ type: 'bar' as const, name, data: m.periods.map((p) => asMajor(p[key])), label: { show: m.periods.length <= 6, position: 'top' as const } })),
  };
  const periodsTable = { columns: ['period', ...parts.map(([name]) => name)], rows: m.periods.map((p) => [p.period, ...parts.map(([, key]) => fmt(p[key]))]) };
  return (
    <>
      <ChartCard id="cost-per-item" title={`Cost per accepted item by method (${m.currency})`} option={perItem} table={perItemTable} />
      <ChartCard id="money-periods" title={`Revenue, labour, machine cost and margin per pay period (${m.currency})`} option={periods} table={periodsTable} />
    </>
  );
}
