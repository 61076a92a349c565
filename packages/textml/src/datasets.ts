import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '@cadre/core';
import type { LabeledText } from './simulate.ts';
import { readConll, type TaggedSentence } from './tagger.ts';

/**
 * The public text datasets in the shared data folder (see its SOURCES.md), read for the tests and
 * the benchmarks: banking77 (10,003 queries, 77 intents) and the NCBI disease corpus.
 */
export function banking77(dataDir: string): LabeledText[] {
  const rows = parseCsv(readFileSync(join(dataDir, 'text/banking77/train.csv'), 'utf8'));
  return rows.slice(1).filter((r) => r.length >= 2).map((r) => ({ text: r[0]!, label: r[1]! }));
}

export function ncbiDisease(dataDir: string, split: 'train' | 'devel'): TaggedSentence[] {
  const file = join(dataDir, `text/ncbi-disease/${split}.tsv`);
  return readConll(readFileSync(file, 'utf8'), file);
}

/** The split the benchmark and the tests report on: 2,000 queries held out, drawn with a seed not used in tuning. */
export const BANKING77_TEST_SIZE = 2000;
export const BANKING77_REPORT_SEED = 'report';
