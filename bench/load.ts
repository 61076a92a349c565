// The HTTP load generator; runs in its own worker thread so it does not share the server's event loop.
// Each simulated annotator uses its own API token and loops: claim -> think -> submit.
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Pool } from 'undici';

export interface LoadOptions {
  origin: string;
  projectId: string;
  tokens: string[];
  seconds: number;
  /** Think time between claim and submit, uniformly random in [min, max] ms. */
  thinkMs: [number, number];
  connections: number;
  /** Annotator starts are spread evenly over this many ms. */
  rampMs: number;
  maxCycles: number;
}

export interface LoadResult {
  /** Claim + submit cycles finished inside the window; `drained` finished after it (started inside). */
  cycles: number; drained: number; seconds: number;
  claimMs: number[]; submitMs: number[];
  /** When each sample started, in seconds since the run began (same order as claimMs / submitMs). */
  claimAt: number[]; submitAt: number[];
  errors: number; messages: string[]; empty: number;
  /** The generator's own event-loop stalls (GC, bursts): a latency figure is only as good as these. */
  generatorStallP99Ms: number; generatorStallMaxMs: number;
}

const ANNOTATION = {
  schemaVersion: 1,
  objects: [{ id: 'o1', label: 'car', kind: 'bbox2d', geometry: { x: 10, y: 10, width: 20, height: 20 }, attributes: {} }],
};
const MAX_MESSAGES = 5;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Reply = { ok: true; json: unknown } | { ok: false; message: string };

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(o.origin, { connections: o.connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const r: LoadResult = { cycles: 0, drained: 0, seconds: o.seconds, claimMs: [], submitMs: [], claimAt: [], submitAt: [], errors: 0, messages: [], empty: 0, generatorStallP99Ms: 0, generatorStallMaxMs: 0 };
  const fail = (message: string) => {
    r.errors++;
    if (r.messages.length < MAX_MESSAGES && !r.messages.includes(message)) r.messages.push(message);
  };
  const post = async (path: string, token: string, body?: string): Promise<Reply> => {
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await pool.request({ path, method: 'POST', headers, body: body ?? null });
      const text = await res.body.text();
      if (res.statusCode >= 200 && res.statusCode < 300) return { ok: true, json: JSON.parse(text) };
      const e = (() => { try { return (JSON.parse(text) as { error?: { code?: string; message?: string } }).error; } catch { return undefined; } })();
      return { ok: false, message: `${res.statusCode} ${e?.code ?? ''}: ${(e?.message ?? text).slice(0, 160)}` };
    } catch (e) {
      return { ok: false, message: `network: ${e instanceof Error ? e.message : String(e)}` };
    }
  };
  const think = () => {
    const [min, max] = o.thinkMs;
    return max > 0 ? sleep(min + Math.random() * (max - min)) : Promise.resolve();
  };
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const start = performance.now();
  const deadline = start + o.seconds * 1000;
  const annotator = async (token: string, i: number) => {
    await sleep((o.rampMs * i) / o.tokens.length);
    while (performance.now() < deadline && r.cycles < o.maxCycles) {
      const t0 = performance.now();
      const claimed = await post(`/api/projects/${o.projectId}/tasks/next`, token);
      r.claimMs.push(performance.now() - t0);
      r.claimAt.push((t0 - start) / 1000);
      if (!claimed.ok) { fail(claimed.message); await sleep(10); await think(); continue; }
      const task = (claimed.json as { task: { task: { id: string } } | null }).task;
      if (!task) { r.empty++; await sleep(100); await think(); continue; }
      await think();
      const t1 = performance.now();
      const body = JSON.stringify({ submissionId: randomUUID(), annotation: ANNOTATION });
      const submitted = await post(`/api/tasks/${task.task.id}/submit`, token, body);
      r.submitMs.push(performance.now() - t1);
      r.submitAt.push((t1 - start) / 1000);
      if (!submitted.ok) { fail(submitted.message); await sleep(10); continue; }
      if (performance.now() <= deadline) r.cycles++;
      else r.drained++;
    }
  };
  await Promise.all(o.tokens.map(annotator));
  stalls.disable();
  await pool.close();
  return { ...r, generatorStallP99Ms: stalls.percentile(99) / 1e6, generatorStallMaxMs: stalls.max / 1e6 };
}

if (parentPort && workerData) parentPort.postMessage(await runLoad(workerData as LoadOptions));
