// What a machine's prediction on one item cost. A prediction stores its cost when it is made
// (`cost_minor`: what a remote model's API charged, or the machine time at the model's hour rate
// then; see services/machine/prelabel.ts); one stored without a cost is priced by its machine time
// at the model's hour rate now (set by the administrator, in the project's currency's minor units).
import { divRound } from '../pay/money.ts';

export const MS_PER_HOUR = 3_600_000;

export interface MachineUse { ms: number | null; hourRateMinor: number | null; costMinor: number | null }

/** cost_minor where the prediction has one, else machine_ms × hour_rate_minor / 3,600,000 rounded half up. */
export function machineCostMinor(u: MachineUse): number {
  if (u.costMinor !== null) return u.costMinor;
  return u.ms && u.hourRateMinor ? divRound(u.ms * u.hourRateMinor, MS_PER_HOUR) : 0;
}
