// Live dashboards during the load: server-sent-event clients that stay connected for the whole run
// (reconnecting like EventSource when their server goes away), and fan-out probes: a person who
// submits through one Cadre process while their own dashboard is open on the other, timing how
// long the other process takes to show it.
import { Client } from 'undici';

export interface StreamSpec { label: string; origin: string; path: string; token: string }
export interface StreamResult {
  label: string; origin: string;
  /** Request to response headers (the route builds the first snapshot before it answers), per connect. */
  connectMs: number[];
  events: number; bytes: number; reconnects: number; errors: string[];
}

/** Submits through `submitVia` every `everyMs` while `watch` (this person's `me` view on the other process) is open. */
export interface ProbeSpec { label: string; submitVia: string; token: string; watch: StreamSpec; everyMs: number }
export interface ProbeResult {
  label: string; submits: number;
  /** Submit acknowledged on one process -> a snapshot counting it arrives from the other. */
  fanoutMs: number[];
  /** Submits never seen on the other process before the end. */
  unseen: number;
  stream: StreamResult;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Reads one stream until `running()` turns false, handing each `data:` payload to `onData`. */
async function follow(spec: StreamSpec, running: () => boolean, onData: (json: unknown) => void): Promise<StreamResult> {
  const out: StreamResult = { label: spec.label, origin: spec.origin, connectMs: [], events: 0, bytes: 0, reconnects: 0, errors: [] };
  const note = (m: string) => { if (out.errors.length < 5 && !out.errors.includes(m)) out.errors.push(m); };
  const client = new Client(spec.origin, { bodyTimeout: 0, headersTimeout: 60_000 });
  const stop = new AbortController();
  const watchdog = setInterval(() => { if (!running()) stop.abort(); }, 200);
  for (let first = true; running(); first = false) {
    if (!first) { out.reconnects++; await sleep(1000); if (!running()) break; }
    try {
      const t0 = performance.now();
      const res = await client.request({ path: spec.path, method: 'GET', headers: { authorization: `Bearer ${spec.token}`, accept: 'text/event-stream' }, signal: stop.signal });
      if (res.statusCode !== 200) { note(`${res.statusCode}: ${(await res.body.text()).slice(0, 160)}`); continue; }
      out.connectMs.push(performance.now() - t0);
      let buffer = '';
      for await (const chunk of res.body) {
        const text = (chunk as Buffer).toString();
        out.bytes += text.length;
        buffer += text;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (!data) continue;
          out.events++;
          try { onData(JSON.parse(data)); } catch { note('a data line that is not JSON'); }
        }
      }
    } catch (e) {
      if (running()) note(`network: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  clearInterval(watchdog);
  await client.destroy().catch(() => undefined);
  return out;
}

export function runStreams(specs: StreamSpec[], _start: number, running: () => boolean): Promise<StreamResult[]> {
  return Promise.all(specs.map((s) => follow(s, running, () => undefined)));
}

/** Probes submit until 8 s before `deadline` (performance.now() time), so the last submit has time to show. */
export function runProbes(specs: ProbeSpec[], projectId: string, deadline: number, running: () => boolean): Promise<ProbeResult[]> {
  return Promise.all(specs.map((p) => probe(p, projectId, () => running() && performance.now() < deadline - 8000)));
}

async function probe(p: ProbeSpec, projectId: string, submitting: () => boolean): Promise<ProbeResult> {
  const acks: number[] = [];
  const fanoutMs: number[] = [];
  let base: number | null = null; // the count in the first snapshot
  let seen = 0; // submits (of this run) the other process has shown
  let watching = true;
  const stream = follow(p.watch, () => watching, (json) => {
    const submitted = (json as { today?: { submitted?: number } }).today?.submitted;
    if (typeof submitted !== 'number') return;
    if (base === null) { base = submitted; return; }
    const now = performance.now();
    for (; seen < submitted - base && seen < acks.length; seen++) fanoutMs.push(Math.max(0, now - acks[seen]!));
  });
  const client = new Client(p.submitVia);
  const post = async (path: string, body?: unknown) => {
    const res = await client.request({
      path, method: 'POST',
      headers: { authorization: `Bearer ${p.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : null,
    });
    const json = await res.body.json() as Record<string, unknown>;
    return { status: res.statusCode, json };
  };
  await sleep(2000); // the stream's first snapshot sets the base
  while (submitting()) {
    const next = performance.now() + p.everyMs;
    try {
      const claimed = await post(`/api/projects/${projectId}/tasks/next`);
      const task = (claimed.json.task as { task: { id: string } } | null | undefined)?.task;
      if (claimed.status === 200 && task) {
        const sent = await post(`/api/tasks/${task.id}/submit`, {
          submissionId: crypto.randomUUID(),
          annotation: { schemaVersion: 1, objects: [{ id: 'p1', label: 'car', kind: 'bbox2d', geometry: { x: 1, y: 1, width: 5, height: 5 }, attributes: {} }] },
        });
        if (sent.status === 200) acks.push(performance.now());
      }
    } catch {
      // A probe whose server is away tries again at its next turn.
    }
    await sleep(Math.max(0, next - performance.now()));
  }
  // Until the last submit shows, or 8 s.
  for (let i = 0; i < 80 && seen < acks.length; i++) await sleep(100);
  watching = false;
  const s = await stream;
  await client.destroy().catch(() => undefined);
  return { label: p.label, submits: acks.length, fanoutMs, unseen: acks.length - seen, stream: s };
}
