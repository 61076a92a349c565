// CoNLL import figure for issue 5: sentences/s through Cadre's CoNLL path (file -> readConllRows ->
// importRows -> COPY items, tasks, predictions; Disease added to the ontology; one transaction),
// on a fresh bench database. Part of `npm run bench` (text); run alone:
//   node --import tsx bench/text-import.ts [copies] [--merge]   (prints {"import_conll_sentences_per_s": N, ...})
// --merge (10 copies only) writes the figure into bench/results/latest.json's `text`, with the commit measured.
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeResults } from './load-bench.ts';
import { provenance } from './provenance.ts';
import { connect, migrateToLatest } from '@cadre/db';
import { projectService, textImporter, type Actor, type ServiceDeps } from '@cadre/server';
import { SHARED_DATA } from '../packages/server/src/import/testing.ts';
import { openBenchDatabase } from './database.ts';
import { createAdmin } from './setup.ts';

export interface ConllBenchDetail { import_conll_sentences_per_s: number; sentences: number; bytes: number; seconds: number; copies: number }

const TRAIN = fileURLToPath(new URL('text/ncbi-disease/train.tsv', SHARED_DATA));

/** train.tsv written `copies` times one after another (5,432 sentences, 1.1 MB each): a larger corpus of the same shape. */
async function writeCorpus(path: string, copies: number): Promise<{ sentences: number; bytes: number }> {
  const train = readFileSync(TRAIN);
  const out = createWriteStream(path);
  for (let i = 0; i < copies; i++) if (!out.write(train)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return { sentences: (train.toString('utf8').split('\n\n').length - 1) * copies, bytes: train.length * copies };
}

async function importOnce(deps: ServiceDeps, admin: Actor, path: string, name: string): Promise<{ imported: number; seconds: number }> {
  const { id } = await projectService.createProject(deps, admin, { name, ontology: { classes: [] } });
  const t0 = performance.now();
  const report = await textImporter.importConll(deps, admin, createReadStream(path, { highWaterMark: 1 << 20 }), { projectId: id, file: 'train.tsv', skipInvalid: false });
  return { imported: report.imported, seconds: (performance.now() - t0) / 1000 };
}

/** Imports train.tsv ×`copies` (default 10: 54,320 sentences) into a fresh project, after one untimed warm-up import of train.tsv. */
export async function conllImportBench(copies = 10): Promise<ConllBenchDetail> {
  if (!existsSync(TRAIN)) throw new Error(`the CoNLL bench needs ${TRAIN} (set CADRE_SHARED_DATA)`);
  const database = await openBenchDatabase();
  const { db, pool } = connect({ url: database.url, max: 4 });
  try {
    await migrateToLatest(db);
    const deps: ServiceDeps = { db, pool };
    const admin = await createAdmin(deps);
    await importOnce(deps, admin, TRAIN, 'conll warm-up');
    const path = join(database.dir, 'corpus.tsv');
    const { sentences, bytes } = await writeCorpus(path, copies);
    const { imported, seconds } = await importOnce(deps, admin, path, 'conll bench');
    if (imported !== sentences) throw new Error(`imported ${imported} sentences, expected ${sentences}`);
    return { import_conll_sentences_per_s: Math.round(sentences / seconds), sentences, bytes, seconds: Math.round(seconds * 1000) / 1000, copies };
  } finally {
    await db.destroy().catch(() => undefined);
    await database.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const merge = args.includes('--merge');
  const given = args.find((a) => a !== '--merge');
  const copies = given ? Number(given) : 10;
  if (!Number.isInteger(copies) || copies < 1) throw new Error(`copies must be a whole number ≥ 1, got ${given}`);
  const measured = provenance();
  const figures = await conllImportBench(copies);
  console.log(JSON.stringify(figures));
  if (merge) {
    if (copies !== 10) throw new Error('--merge writes the full run only (10 copies)');
    const file = new URL('results/latest.json', import.meta.url);
    const text = (JSON.parse(readFileSync(file, 'utf8')) as { text?: Record<string, unknown> }).text ?? {};
    mergeResults(file, { text: { ...text, import_conll_sentences_per_s: figures.import_conll_sentences_per_s, conll_sentences: figures.sentences, conll_bytes: figures.bytes, import_conll_provenance: measured } });
  }
}
