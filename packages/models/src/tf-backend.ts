// tfjs's WebAssembly backend (one thread), started once a process for the shipped models (the COCO
// detector, the sentence encoder); tfjs's plain JavaScript backend when WebAssembly cannot start.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Tf = typeof import('@tensorflow/tfjs');

/** A tfjs graph model's model.json, as the converter writes it. */
export interface GraphJson { modelTopology: object; weightsManifest: Array<{ paths?: string[]; weights: unknown[] }>; format?: string; generatedBy?: string; convertedBy?: string; signature?: object }

/** The graph from the contents of its files: tfjs is handed them and never fetches anything. */
export function graphFromMemory(tf: Tf, json: GraphJson, weights: Buffer): Promise<import('@tensorflow/tfjs').GraphModel> {
  return tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights) as never,
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
    format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy, signature: json.signature,
  }));
}

// One WebAssembly thread for every shipped model: graph calls from anywhere in the process (the
// detector's images, the encoder's batches) take turns, so two never hold their memory at once.
let queue: Promise<unknown> = Promise.resolve();
export function inTurn<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

let started: Promise<string> | undefined;

/**
 * 'wasm', or 'cpu' when WebAssembly could not start (said once on the console, naming `who`, the
 * model that asked first). Started once a process: every later caller gets the same answer.
 */
export function startBackend(tf: Tf, who: string): Promise<string> {
  started ??= start(tf, who);
  return started;
}

async function start(tf: Tf, who: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(`${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`);
  wasm.setThreadsCount(1);
  // The Emscripten runtime adds process-wide handlers that rethrow every uncaught error from inside
  // its own file; they are taken off again so the process's errors read as before.
  const events = ['uncaughtException', 'unhandledRejection'] as const;
  const before = events.map((event) => new Set<unknown>(process.listeners(event as 'uncaughtException')));
  let ok = false;
  let why = '';
  try {
    ok = await tf.setBackend('wasm');
    await tf.ready();
  } catch (e) {
    ok = false;
    why = `: ${(e as Error).message}`;
  } finally {
    events.forEach((event, i) => {
      for (const l of process.listeners(event as 'uncaughtException')) if (!before[i]!.has(l)) process.removeListener(event as 'uncaughtException', l);
    });
  }
  if (ok && tf.getBackend() === 'wasm') return 'wasm';
  console.warn(`${who}: the WebAssembly backend did not start${why}; running on tfjs's plain JavaScript backend (several times slower)`);
  await tf.setBackend('cpu');
  await tf.ready();
  return 'cpu';
}
