// Money: cost per accepted item by method (hand, pre-labelled, automatic) per day, and revenue,
// labour, machine cost and margin per pay period (the entries no period holds yet as "open").
import { charts } from '@cadre/db';
import type { ServiceDeps } from '../context.ts';
import { currencyOf, divRound } from '../pay/index.ts';
import { onAxis } from './axes.ts';

const METHODS = ['manual', 'prelabeled', 'automatic'];

export async function moneyFigures(deps: ServiceDeps, projectId: string, since: Date, days: string[], timeZone: string) {
  const [currency, perDay, periods] = await Promise.all([
    currencyOf(deps.db, projectId), charts.costPerDay(deps.db, projectId, since, timeZone), charts.moneyPerPeriod(deps.db, projectId),
  ]);
  return {
    currency, days,
    costPerItem: METHODS.map((method) => {
      const mine = perDay.filter((r) => r.method === method);
      return {
        method,
        items: onAxis(days, mine, (r) => r.day, (r) => r.items, 0),
        perItemMinor: onAxis(days, mine, (r) => r.day, (r) => (r.items > 0 ? divRound(Number(r.cost), r.items) : null), null as number | null),
      };
    }),
    periods: periods.map((p) => {
      const revenueMinor = Number(p.revenue), labourMinor = Number(p.labour), machineMinor = Number(p.machine);
      return { period: p.period ?? 'open (not yet closed)', revenueMinor, labourMinor, machineMinor, marginMinor: revenueMinor - labourMinor - machineMinor };
    }),
  };
}
