// Compares a run's HTTP saturation with the last committed results: more than 10% below says so loudly.
import { committedResults } from './provenance.ts';

export const ALLOWED_DROP = 0.1;

export interface Comparison {
  /** The committed run compared with, and its figures. */
  against: { commit: string | null; measured_at: string | null; saturation_cycles_per_s: number; saturation_ratio: number | null };
  /** This run over the committed one (1 = the same). */
  saturation_change: number;
  slower: boolean;
}

interface Committed { http?: { saturation_cycles_per_s?: number; saturation_ratio?: number }; provenance?: { commit?: string; measured_at?: string }; generated_at?: string }

export function compareWithCommitted(saturation: number): Comparison | null {
  const last = committedResults() as Committed | null;
  const before = last?.http?.saturation_cycles_per_s;
  if (typeof before !== 'number' || !(before > 0)) return null;
  const change = saturation / before;
  return {
    against: {
      commit: last?.provenance?.commit ?? null, measured_at: last?.provenance?.measured_at ?? last?.generated_at ?? null,
      saturation_cycles_per_s: before, saturation_ratio: last?.http?.saturation_ratio ?? null,
    },
    saturation_change: Math.round(change * 100) / 100,
    slower: change < 1 - ALLOWED_DROP,
  };
}

/** The warning printed at the end of a run (empty when there is nothing to say). */
export function regressionWarning(c: Comparison | null, saturation: number): string {
  if (!c?.slower) return '';
  const pct = Math.round((1 - c.saturation_change) * 100);
  const bar = '!'.repeat(78);
  return [
    bar,
    `!! HTTP SATURATION FELL ${pct}% BELOW THE LAST COMMITTED RUN (more than ${ALLOWED_DROP * 100}% allowed)`,
    `!!   this run ${saturation.toFixed(1)} cycles/s; committed ${c.against.saturation_cycles_per_s} cycles/s`,
    `!!   (commit ${c.against.commit?.slice(0, 12) ?? 'unknown'}, measured ${c.against.measured_at ?? 'unknown'})`,
    '!!   the machine may be busier than then: saturation_ratio (Cadre over bare, same run) tells code from load',
    bar,
  ].join('\n');
}
