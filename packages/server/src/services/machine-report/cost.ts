// What a machine's predictions on one item cost: its machine time at the model's hour rate (set by
// the administrator, in the project's currency's minor units) plus what an API charged for the call.
import { divRound } from '../pay/money.ts';

export const MS_PER_HOUR = 3_600_000;

export interface MachineUse { ms: number | null; hourRateMinor: number | null; costMinor: number | null }

/** machine_ms × hour_rate_minor / 3,600,000, rounded half up once per prediction, plus the API cost. */
export function machineCostMinor(u: MachineUse): number {
  const time = u.ms && u.hourRateMinor ? divRound(u.ms * u.hourRateMinor, MS_PER_HOUR) : 0;
  return time + (u.costMinor ?? 0);
}
