// The one way the app talks to the server: JSON in, JSON out, errors as ApiError with the server's code.
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    const e = (json as { error?: { code: string; message: string; details?: unknown } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.details);
  }
  return json as T;
}

export interface User { id: string; email: string; name: string; isAdmin: boolean }
export interface Project {
  id: string; name: string; description: string; createdAt: string;
  ontology: { classes: { name: string; kind: string; color?: string; hotkey?: string }[] };
  settings: { leaseSeconds: number; maxHeldTasks: number; stage: string; granularity?: 'token' | 'char'; allowOverlap?: boolean; multiLabel?: boolean };
  counts?: Record<string, number>; items?: number;
  /** Set while the project is archived. */
  archivedAt?: string | null;
}
export interface TaskSummary { id: string; itemId: string; stage?: string; status: string; priority: number; attempts: number; assigneeId: string | null; leaseExpiresAt: string | null }
export interface TaskView {
  task: { id: string; projectId: string; itemId: string; status: string; leaseExpiresAt: string | null; stage?: string; rejections?: number };
  item: { id: string; kind: string; asset: string | null; text: string | null; frames?: unknown; metadata: unknown };
  predictions: { id: string; modelVersion: string | null; score: number | null; payload: unknown; objects: unknown[] }[];
  draft: unknown;
  /** Set when `draft` is someone else's: their lease ran out and this person took the task over. */
  draftBy?: { userId: string; name: string; savedAt: string } | null;
  // The production workflow's part of the view (docs/workflow.md); optional, an older server leaves it out.
  /** The annotation under review or QA, or the rejected one being reworked. */
  base?: BaseAnnotation | null;
  /** Why this work came back (rework), else empty. */
  reasons?: Reason[];
  rejectReasons?: RejectReason[];
  /** The project's machine-check settings, defaults filled in. */
  checks?: Record<string, unknown>;
}

export interface BaseAnnotation { id: string; version: number; authorId: string | null; authorName: string | null; payload: unknown }
export interface RejectReason { code: string; label: string }
export interface Reason {
  code: string; label: string; objectId: string | null; note: string; source: 'human' | 'machine';
  check?: string; measured?: number; limit?: number; unit?: string;
}
