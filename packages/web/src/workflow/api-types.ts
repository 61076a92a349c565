// The workflow pages' answers from the server (docs/workflow.md, HTTP API).
import type { Reason } from '../api.ts';

export interface Batch {
  id: string; annotatorId: string; annotatorName: string; key: string; size: number; sampled: number;
  inspected: number; correct: number; accuracy: number | null; status: 'open' | 'sampling' | 'accepted' | 'rejected'; closedAt: string | null; decidedAt?: string | null;
}

export interface Returned { taskId: string; itemId: string; rejections: number; status?: string; reasons: Reason[]; rejectedAt: string; reviewerName: string | null }

export interface StageBacklog { stage: string; open: number; leased: number; waiting: number; done?: number }

export interface Quality {
  annotators: {
    userId: string; name: string; submitted: number; accepted: number; rejected: number; rejectionRate: number | null;
    qaInspected?: number; qaAccuracy?: number | null; goldScored: number; goldAccuracy: number | null; agreement: number | null;
  }[];
  classes: { name: string; objects: number; rejected: number; rejectionRate: number | null }[];
  reasons: { code: string; label: string; count: number }[];
}

export const percent = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : `${Math.round(v * 1000) / 10}%`);
