// Rows/s of each reader on 1,000,000 small rows; run: node --import tsx packages/server/src/import/parse.bench.ts [rows]
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { readTaskRows } from './read.ts';
import type { ImportFormat } from './types.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const image = (i: number) => `s3://b/img_${String(i).padStart(6, '0')}.jpg`;
const LINES: { [f in ImportFormat]: (i: number) => string } = {
  jsonl: (i) => `{"data":{"image":"${image(i)}","meta":"x"}}\n`,
  json: (i) => `${i === 0 ? '[' : ','}{"data":{"image":"${image(i)}","meta":"x"}}\n`,
  csv: (i) => `${i === 0 ? 'image,meta\n' : ''}${image(i)},x\n`,
};

async function write(path: string, line: (i: number) => string, end: string): Promise<void> {
  const out = createWriteStream(path);
  let batch = '';
  for (let i = 0; i < rows; i++) {
    batch += line(i);
    if (batch.length > 1 << 16) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch + end);
  await once(out, 'finish');
}

const dir = await mkdtemp(join(tmpdir(), 'cadre-bench-'));
try {
  for (const format of ['jsonl', 'json', 'csv'] as const) {
    const path = join(dir, `rows.${format}`);
    await write(path, LINES[format], format === 'json' ? ']\n' : '');
    const { size } = await stat(path);
    const t0 = performance.now();
    let n = 0;
    for await (const r of readTaskRows(createReadStream(path), { format, file: path })) if (r.ok) n++;
    const s = (performance.now() - t0) / 1000;
    if (n !== rows) throw new Error(`${format}: read ${n} rows, expected ${rows}`);
    const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
    console.log(`${format.padEnd(5)} ${n} rows, ${(size / 2 ** 20).toFixed(0)} MiB in ${s.toFixed(2)} s: ${Math.round(n / s).toLocaleString('en')} rows/s (rss ${rss} MiB)`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
