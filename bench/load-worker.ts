// Runs the load generator (load.ts) in a worker thread of this process.
import { Worker } from 'node:worker_threads';
import type { LoadOptions, LoadResult } from './load.ts';

/** Runs load.ts in a worker; tsx is registered inside it because workers do not inherit loader hooks. */
export function runWorker(o: LoadOptions): Promise<LoadResult> {
  const tsx = import.meta.resolve('tsx/esm/api');
  const load = new URL('./load.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(load)}); })`;
  // A roomy young generation: the generator's short-lived garbage dies there instead of
  // triggering old-generation collections that would pause it and inflate what it measures.
  const worker = new Worker(code, { eval: true, workerData: o, resourceLimits: { maxYoungGenerationSizeMb: 256 } });
  return new Promise((resolve, reject) => {
    worker.once('message', (r: LoadResult) => { resolve(r); void worker.terminate(); });
    worker.once('error', reject);
    worker.once('exit', (c) => reject(new Error(`load worker exited (${c}) without a result`)));
  });
}
