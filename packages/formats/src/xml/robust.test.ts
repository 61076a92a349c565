// Every reader of this folder's formats, fed its fixtures cut short at many points and with bytes
// changed: only FormatErrors or row problems, never a TypeError.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cvat } from '../cvat/index.ts';
import { imagesDump, videoDump } from '../cvat/fixtures.ts';
import { datumaro } from '../datumaro/index.ts';
import { defaultJson } from '../datumaro/fixtures.ts';
import { mot } from '../mot/index.ts';
import { gt, seqinfo } from '../mot/fixtures.ts';
import { memorySource, readAll } from '../testing/index.ts';
import { FormatError, type FormatModule } from '../types.ts';
import { voc } from '../voc/index.ts';
import { cvatVoc, voc2007 } from '../voc/fixtures.ts';

const cases: Array<[FormatModule, string, string, Record<string, string>]> = [
  [voc, 'Annotations/a.xml', voc2007, {}],
  [voc, 'Annotations/b.xml', cvatVoc, {}],
  [cvat, 'annotations.xml', imagesDump, {}],
  [cvat, 'annotations.xml', videoDump, {}],
  [datumaro, 'annotations/default.json', defaultJson, {}],
  [mot, 'gt/gt.txt', gt, { 'seqinfo.ini': seqinfo }],
];

const SWAPS = ['"', '<', '>', ',', '-', '0', 'x', '\n', '}', '='];

test('cut short or with a byte changed, each reader gives problems, never a TypeError', async () => {
  for (const [format, path, text, rest] of cases) {
    const step = Math.max(1, Math.floor(text.length / 150));
    for (let at = 0; at < text.length; at += step) {
      for (const variant of [text.slice(0, at), text.slice(0, at) + SWAPS[at % SWAPS.length]! + text.slice(at + 1)]) {
        try {
          const { errors } = await readAll(format, memorySource('x', { [path]: variant, ...rest }));
          for (const e of errors) assert.ok(typeof e.file === 'string' && typeof e.field === 'string' && Number.isInteger(e.line), JSON.stringify(e));
        } catch (e) {
          assert.ok(e instanceof FormatError, `${format.name} ${path} at ${at}: ${(e as Error).stack}`);
        }
      }
    }
  }
});
