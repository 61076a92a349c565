import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { needsSharedData, SHARED_DATA } from '@cadre/core/testing';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/cadre.mjs', import.meta.url));
const cadre = (...args: string[]) => run(process.execPath, [bin, ...args]);
const fails = (...args: string[]) => cadre(...args).then(() => assert.fail('expected a failure'), (e: { code: number; stderr: string }) => e);
const banking = join(SHARED_DATA, 'text/banking77/train.csv');
const base = ['text', 'simulate', '--pool', banking, '--holdout', '2000', '--text-column', 'text', '--label-column', 'category'];
type Line = { labels?: number; accuracy?: number; labels_to_target?: number | null; final?: { labels: number; accuracy: number } };
const lines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);

test('cadre text simulate prints the curve, then the summary; the shipped encoder\'s vectors lift it, and without them rounds learn from the unlabelled pool unless --no-self-train', needsSharedData, async () => {
  const encoded = await cadre(...base, '--strategy', 'margin', '--max-labels', '300');
  const withEncoder = lines(encoded.stdout);
  assert.deepEqual(withEncoder.slice(0, -1).map((l) => l.labels), [100, 200, 300]);
  assert.ok(withEncoder.slice(0, -1).every((l) => typeof l.accuracy === 'number' && l.accuracy > 0 && l.accuracy < 1));
  assert.deepEqual(withEncoder.at(-1)!.final, { labels: 300, accuracy: withEncoder.at(-2)!.accuracy });
  assert.match(encoded.stderr, /encoder: 10003 of 10003 texts embedded/);
  const pooled = lines((await cadre(...base, '--strategy', 'margin', '--max-labels', '300', '--no-encoder')).stdout);
  assert.ok(withEncoder.at(-2)!.accuracy! > pooled.at(-2)!.accuracy! + 0.02, `at 300 labels: ${withEncoder.at(-2)!.accuracy} with the encoder, ${pooled.at(-2)!.accuracy} without`);
  const alone = lines((await cadre(...base, '--strategy', 'margin', '--max-labels', '300', '--no-encoder', '--no-self-train')).stdout);
  // The first 100 labels are the same random draw; what the model learns from them differs.
  assert.notEqual(alone[0]!.accuracy, pooled[0]!.accuracy);
  assert.ok(pooled.at(-2)!.accuracy! > alone.at(-2)!.accuracy!, `at 300 labels: ${pooled.at(-2)!.accuracy} with the pool, ${alone.at(-2)!.accuracy} from the labels alone`);
});

test('cadre text simulate names what is wrong with its input', needsSharedData, async () => {
  assert.match((await fails(...base, '--strategy', 'loudest')).stderr, /--strategy must be one of random, margin, entropy, got "loudest"/);
  assert.match((await fails('text', 'simulate', '--pool', banking, '--text-column', 'text', '--label-column', 'category')).stderr, /--test FILE, or hold part of the pool out with --holdout N/);
  assert.match((await fails('text', 'simulate', '--pool', banking, '--holdout', '10', '--text-column', 'query', '--label-column', 'category')).stderr, /--text-column/);
  const dir = mkdtempSync(join(tmpdir(), 'cadre-simulate-'));
  writeFileSync(join(dir, 'pool.csv'), 'text,category\nwhere is my card,card_arrival\n,card_arrival\n');
  assert.match((await fails('text', 'simulate', '--pool', join(dir, 'pool.csv'), '--holdout', '1', '--text-column', 'text', '--label-column', 'category')).stderr, /pool\.csv:3: column "text" is empty/);
});
