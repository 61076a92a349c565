// Simulated annotators for the outage tests: each claims a task over HTTP and submits it, in a loop,
// retrying a 503 the way the web app does (the same submission id, so a retry is stored once).
import { randomUUID } from 'node:crypto';
import { box, payload } from './harness.ts';
import { sleep } from './cadre-process.ts';

export interface Answer { route: 'claim' | 'submit'; status: number | 'reset'; code?: string; retryAfter?: string | null; at: number }
export interface Acknowledged { taskId: string; submissionId: string; at: number }
export interface LoadLog { answers: Answer[]; acknowledged: Acknowledged[] }

/** Runs `tokens.length` annotators against `projectId` until `running()` turns false, writing to `log` as they go. */
export async function annotate(base: string, projectId: string, tokens: string[], running: () => boolean, log: LoadLog = { answers: [], acknowledged: [] }): Promise<LoadLog> {
  const call = async (route: Answer['route'], path: string, token: string, body?: unknown) => {
    try {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json = (await res.json()) as Record<string, unknown> & { error?: { code: string; details?: { held?: string[] } } };
      log.answers.push({ route, status: res.status, code: json.error?.code, retryAfter: res.headers.get('retry-after'), at: Date.now() });
      return { status: res.status, json };
    } catch {
      log.answers.push({ route, status: 'reset', at: Date.now() });
      return { status: 0, json: {} as Record<string, never> };
    }
  };
  const one = async (token: string, worker: number) => {
    for (let n = 0; running(); n++) {
      const claimed = await call('claim', `/api/projects/${projectId}/tasks/next`, token);
      let taskId: string | undefined;
      if (claimed.status === 200) {
        const task = claimed.json.task as { task: { id: string } } | null;
        if (!task) return; // the queue is empty
        taskId = task.task.id;
      } else if (claimed.json.error?.code === 'lease_limit') {
        taskId = claimed.json.error.details?.held?.[0]; // claims whose answer was lost hold tasks: finish those
      }
      if (!taskId) { await sleep(50); continue; }
      const submissionId = randomUUID();
      const annotation = payload(box(`w${worker}-${n}`));
      // Retried while the shift goes on; a server that never answers again ends the loop with the shift.
      while (running()) {
        const sent = await call('submit', `/api/tasks/${taskId}/submit`, token, { submissionId, annotation });
        if (sent.status === 200) { log.acknowledged.push({ taskId, submissionId, at: Date.now() }); break; }
        if (sent.status !== 503 && sent.status !== 0) break;
        await sleep(50);
      }
    }
  };
  await Promise.all(tokens.map((t, i) => one(t, i)));
  return log;
}

/** What the outage tests require of every answer: 2xx, 503 with Retry-After and the house error, or a named 4xx. */
export function unexpectedAnswers(log: LoadLog): Answer[] {
  return log.answers.filter((a) => {
    if (a.status === 200) return false;
    if (a.status === 503) return a.code !== 'database_unavailable' || !a.retryAfter;
    return !(a.status === 409 && a.code === 'lease_limit');
  });
}

/** Waits (up to two minutes, for a busy machine) until `n` submits were acknowledged after `since`. */
export async function acknowledgedAfter(log: LoadLog, since: number, n: number): Promise<void> {
  for (let i = 0; i < 600 && log.acknowledged.filter((a) => a.at > since).length < n; i++) await sleep(200);
}
