// A machine job kept current: the server's event stream (one `data: <MachineJob>` per change) while
// the browser has it, polling once a second when the stream cannot be opened or drops. Ends with
// the job (done, failed or cancelled).
import { useEffect, useState } from 'react';
import type { MachineJob } from '@cadre/contract';
import { api, urlOf } from '../api.ts';

export const jobEnded = (j: Pick<MachineJob, 'state'>) => j.state === 'done' || j.state === 'failed' || j.state === 'cancelled';

export function useJob(initial: MachineJob | null): { job: MachineJob | null; error: string | null; live: 'stream' | 'polling' | null } {
  const [job, setJob] = useState<MachineJob | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState<'stream' | 'polling' | null>(null);
  const jobId = initial?.id ?? null;
  const startedEnded = initial ? jobEnded(initial) : true;

  useEffect(() => { setJob(initial); }, [initial]);

  useEffect(() => {
    if (!jobId || startedEnded) { setLive(null); return; }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let source: EventSource | undefined;
    const poll = () => {
      if (stopped) return;
      setLive('polling');
      api('GET /api/jobs/:jobId', { params: { jobId } }).then((j) => {
        if (stopped) return;
        setJob(j);
        setError(null);
        if (!jobEnded(j)) timer = setTimeout(poll, 1000);
        else setLive(null);
      }, (e: Error) => {
        if (stopped) return;
        setError(`could not read the job's progress: ${e.message}; trying again`);
        timer = setTimeout(poll, 2000);
      });
    };
    if (typeof EventSource === 'undefined') poll();
    else {
      source = new EventSource(urlOf('GET /api/jobs/:jobId/stream', { params: { jobId } }));
      setLive('stream');
      source.onmessage = (e) => {
        let j: MachineJob;
        try { j = JSON.parse(e.data as string) as MachineJob; } catch { return; }
        setJob(j);
        setError(null);
        if (jobEnded(j)) { source?.close(); setLive(null); }
      };
      // The stream is closed by the server after the job ends, or could not be opened: poll instead
      // (the poll stops at once when the job has ended).
      source.onerror = () => { source?.close(); if (!stopped) poll(); };
    }
    return () => { stopped = true; source?.close(); if (timer) clearTimeout(timer); };
  }, [jobId, startedEnded]);

  return { job, error, live };
}
