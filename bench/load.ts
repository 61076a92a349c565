// The HTTP load generator; runs in its own worker thread so it does not share the server's event loop.
// Each simulated annotator uses its own API token and loops: claim -> think -> submit.
// With several origins each annotator sticks to one server (annotator i to origins[i % n]), as a
// browser behind a sticky load balancer does. Options add what the load and fault phases need:
// every lease kept for the double-lease check, submits retried with the same submission id across
// a dead server, dashboard streams and fan-out probes (sse-clients.ts).
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Pool } from 'undici';
import { runProbes, runStreams, type ProbeResult, type ProbeSpec, type StreamResult, type StreamSpec } from './sse-clients.ts';

export interface LoadOptions {
  origin: string;
  /** When given, annotator i talks only to origins[i % origins.length]. */
  origins?: string[];
  projectId: string;
  tokens: string[];
  seconds: number;
  /** Think time between claim and submit, uniformly random in [min, max] ms. */
  thinkMs: [number, number];
  /** Connections per origin. */
  connections: number;
  /** Annotator starts are spread evenly over this many ms. */
  rampMs: number;
  maxCycles: number;
  /** Keep every lease and every acknowledged submit (the double-lease and lost-submit checks). */
  record?: boolean;
  /**
   * Faults: a submit answered 503 or cut off is sent again with the same submission id until it is
   * acknowledged or this many ms after the end; such answers (and `lease_limit`, after claims whose
   * answer was lost) are then expected, not errors.
   */
  retryGraceMs?: number;
  /** Faults: the share of people whose submit was cut off who walk away from the task (their lease must expire). */
  abandonShare?: number;
  /** The project's lease: a retried submit refused as lease_lost after it (an outage longer than the lease) is expected. */
  leaseMs?: number;
  streams?: StreamSpec[];
  probes?: ProbeSpec[];
}

/** One lease as the client saw it (ms since the run began): held for certain from `got` until `sent`. */
export interface LeaseRecord {
  task: string; who: number;
  /** The claim was sent / answered. */
  asked: number; got: number;
  /** The first submit was sent (null: never); acknowledged (200) at `acked`. */
  sent: number | null; acked: number | null; submissionId: string | null;
  /** Taken up from a lease_limit answer (a claim whose answer was lost): when it began is unknown. */
  adopted?: boolean;
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
  /** With `record`. */
  leases?: LeaseRecord[];
  /** Answers by route and kind ('claim 200', 'submit 503', 'claim reset', 'submit 409 lease_limit'), with `record`. */
  answers?: Record<string, number>;
  /** Leases walked away from when the server died (`abandonShare`): task, annotator index, when. */
  abandoned?: { task: string; who: number; at: number }[];
  streams?: StreamResult[];
  probes?: ProbeResult[];
}

const ANNOTATION = {
  schemaVersion: 1,
  objects: [{ id: 'o1', label: 'car', kind: 'bbox2d', geometry: { x: 10, y: 10, width: 20, height: 20 }, attributes: {} }],
};
const MAX_MESSAGES = 5;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Reply = { ok: true; json: unknown } | { ok: false; status: number; code: string; message: string; json?: unknown };

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const origins = o.origins ?? [o.origin];
  const pools = origins.map((origin) => new Pool(origin, { connections: o.connections, pipelining: 1, keepAliveTimeout: 60_000 }));
  const r: LoadResult = { cycles: 0, drained: 0, seconds: o.seconds, claimMs: [], submitMs: [], claimAt: [], submitAt: [], errors: 0, messages: [], empty: 0, generatorStallP99Ms: 0, generatorStallMaxMs: 0 };
  const leases: LeaseRecord[] = [];
  const answers: Record<string, number> = {};
  const abandoned: { task: string; who: number; at: number }[] = [];
  const faults = o.retryGraceMs !== undefined;
  const fail = (message: string) => {
    r.errors++;
    if (r.messages.length < MAX_MESSAGES && !r.messages.includes(message)) r.messages.push(message);
  };
  const post = async (pool: Pool, route: string, path: string, token: string, body?: string): Promise<Reply> => {
    let reply: Reply;
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await pool.request({ path, method: 'POST', headers, body: body ?? null });
      const text = await res.body.text();
      if (res.statusCode >= 200 && res.statusCode < 300) reply = { ok: true, json: JSON.parse(text) };
      else {
        const json = (() => { try { return JSON.parse(text) as { error?: { code?: string; message?: string } }; } catch { return undefined; } })();
        const e = json?.error;
        reply = { ok: false, status: res.statusCode, code: e?.code ?? '', json, message: `${res.statusCode} ${e?.code ?? ''}: ${(e?.message ?? text).slice(0, 160)}` };
      }
    } catch (e) {
      reply = { ok: false, status: 0, code: 'reset', message: `network: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (o.record) {
      const kind = reply.ok ? `${route} 200` : reply.status === 0 ? `${route} reset` : `${route} ${reply.status} ${reply.code}`.trim();
      answers[kind] = (answers[kind] ?? 0) + 1;
    }
    return reply;
  };
  /** During faults a dead server's answers (503, a reset) and lease_limit are part of the test, not errors. */
  const expected = (reply: Extract<Reply, { ok: false }>) => faults && (reply.status === 0 || reply.status === 503 || reply.code === 'lease_limit');
  const think = () => {
    const [min, max] = o.thinkMs;
    return max > 0 ? sleep(min + Math.random() * (max - min)) : Promise.resolve();
  };
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const start = performance.now();
  const now = () => performance.now() - start;
  const deadline = start + o.seconds * 1000;
  const graceEnd = deadline + (o.retryGraceMs ?? 0);
  const running = () => performance.now() < deadline;
  const side = runSides(o, start, deadline, running);
  const annotator = async (token: string, i: number) => {
    const pool = pools[i % pools.length]!;
    await sleep((o.rampMs * i) / o.tokens.length);
    while (performance.now() < deadline && r.cycles < o.maxCycles) {
      const t0 = performance.now();
      const claimed = await post(pool, 'claim', `/api/projects/${o.projectId}/tasks/next`, token);
      const got = performance.now();
      r.claimMs.push(got - t0);
      r.claimAt.push((t0 - start) / 1000);
      let taskId: string;
      if (claimed.ok) {
        const task = (claimed.json as { task: { task: { id: string } } | null }).task;
        if (!task) { r.empty++; await sleep(100); await think(); continue; }
        taskId = task.task.id;
      } else {
        if (!expected(claimed)) fail(claimed.message);
        // Claims whose answer was lost hold tasks: finish one of those, as the web app does.
        const held = claimed.code === 'lease_limit' ? (claimed.json as { error?: { details?: { held?: string[] } } })?.error?.details?.held?.[0] : undefined;
        if (!held) { await sleep(faults ? 200 : 10); await think(); continue; }
        taskId = held;
      }
      const lease: LeaseRecord = { task: taskId, who: i, asked: t0 - start, got: got - start, sent: null, acked: null, submissionId: null, ...(claimed.ok ? {} : { adopted: true }) };
      if (o.record) leases.push(lease);
      await think();
      const submissionId = randomUUID();
      const body = JSON.stringify({ submissionId, annotation: ANNOTATION });
      lease.sent = now();
      let walkAway: boolean | null = null; // decided at the first cut-off submit of this task
      for (;;) {
        const t1 = performance.now();
        const submitted = await post(pool, 'submit', `/api/tasks/${taskId}/submit`, token, body);
        r.submitMs.push(performance.now() - t1);
        r.submitAt.push((t1 - start) / 1000);
        if (submitted.ok) {
          lease.acked = now();
          lease.submissionId = submissionId;
          if (performance.now() <= deadline) r.cycles++;
          else r.drained++;
          break;
        }
        walkAway ??= submitted.status === 0 ? Math.random() < (o.abandonShare ?? 0) : null;
        if (walkAway) {
          abandoned.push({ task: taskId, who: i, at: now() });
          break;
        }
        const retry = faults && (submitted.status === 0 || submitted.status === 503) && performance.now() < graceEnd;
        // The server was away longer than the lease: the task went back to the queue, and the person is told so.
        if (faults && walkAway !== null && submitted.code === 'lease_lost' && now() > lease.asked + (o.leaseMs ?? Infinity)) break;
        if (!retry) {
          // During faults a submit still unanswered after the grace is not acknowledged, and says so.
          fail(expected(submitted) ? `not acknowledged before the end: ${submitted.message}` : submitted.message);
          await sleep(10);
          break;
        }
        await sleep(200);
      }
    }
  };
  await Promise.all(o.tokens.map(annotator));
  const { streams, probes } = await side;
  stalls.disable();
  await Promise.all(pools.map((p) => p.close()));
  return {
    ...r, generatorStallP99Ms: stalls.percentile(99) / 1e6, generatorStallMaxMs: stalls.max / 1e6,
    ...(o.record ? { leases, answers, abandoned } : {}),
    ...(o.streams ? { streams } : {}),
    ...(o.probes ? { probes } : {}),
  };
}

/** Dashboard streams and fan-out probes, for as long as the annotators work. */
async function runSides(o: LoadOptions, start: number, deadline: number, running: () => boolean): Promise<{ streams: StreamResult[]; probes: ProbeResult[] }> {
  const [streams, probes] = await Promise.all([
    o.streams ? runStreams(o.streams, start, running) : Promise.resolve([]),
    o.probes ? runProbes(o.probes, o.projectId, deadline, running) : Promise.resolve([]),
  ]);
  return { streams, probes };
}

if (parentPort && workerData) parentPort.postMessage(await runLoad(workerData as LoadOptions));
