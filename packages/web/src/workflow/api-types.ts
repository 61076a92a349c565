// The workflow pages' answers from the server: the contract's types (@cadre/contract, workflow.ts).
export type { Batch, Quality, Returned, StageBacklog } from '@cadre/contract';

export const percent = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : `${Math.round(v * 1000) / 10}%`);
