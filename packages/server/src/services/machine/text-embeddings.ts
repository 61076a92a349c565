// The sentence embeddings of a text project's items for a learning round: those stored for the
// shipped encoder's version are read back, the rest embedded (a batch at a time, cancellable) and
// stored, so an item is embedded once however many rounds the project runs. Without the encoder
// (it failed to load) the round learns from the hashed features alone and says so once.
import { learning } from '@cadre/db';
import { loadSentenceEncoder, type SentenceEncoder } from '@cadre/models';
import type { ServiceDeps } from '../context.ts';

/** Texts embedded and stored together: a cancel is seen within one such batch (~5 s). */
const STORE_BATCH = 512;

export interface Embedded { dimension: number; of: ReadonlyMap<string, Float32Array> }

let warned = false;

async function encoder(): Promise<SentenceEncoder | null> {
  try {
    return await loadSentenceEncoder();
  } catch (e) {
    if (!warned) console.warn(`text learning goes on without the sentence encoder: ${(e as Error).message}`);
    warned = true;
    return null;
  }
}

/**
 * Every item's embedding (by item id); null without the encoder; 'stopped' when `goOn` said stop
 * (what was embedded by then stays stored).
 */
export async function embeddingsOf(deps: ServiceDeps, projectId: string, items: ReadonlyArray<{ item_id: string; content: string }>, goOn: (embedded: number, total: number) => Promise<boolean>): Promise<Embedded | null | 'stopped'> {
  const enc = await encoder();
  if (!enc) return null;
  const of = await learning.embeddings(deps.db, projectId, enc.version);
  const missing = items.filter((i) => !of.has(i.item_id));
  for (let at = 0; at < missing.length; at += STORE_BATCH) {
    const part = missing.slice(at, at + STORE_BATCH);
    const vectors = await enc.embed(part.map((p) => p.content));
    await learning.saveEmbeddings(deps.db, enc.version, part.map((p, k) => ({ itemId: p.item_id, vector: vectors[k]! })));
    part.forEach((p, k) => of.set(p.item_id, vectors[k]!));
    if (!(await goOn(at + part.length, missing.length))) return 'stopped';
  }
  return { dimension: enc.dimension, of };
}
