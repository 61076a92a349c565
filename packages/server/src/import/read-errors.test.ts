import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readTaskRows } from './read.ts';
import { failure } from './testing.ts';
import { ImportFileError } from './types.ts';
import type { ImportFileErrorCode, ImportFormat } from './types.ts';

async function fails(text: Buffer | string, format: ImportFormat, code: ImportFileErrorCode, line: number, chunkSize?: number) {
  const { error, before } = await failure(text, format, chunkSize);
  assert.ok(error instanceof ImportFileError, String(error));
  assert.deepEqual({ file: error.file, line: error.line, code: error.code }, { file: `tasks.${format}`, line, code });
  assert.ok(error.message.startsWith(`tasks.${format}:${line}: `), error.message);
  return { error, before };
}

describe('truncated and broken files', () => {
  test('JSON array never closed', async () => {
    const { before } = await fails('[\n {"data": {"a": 1}},\n {"data": {"a": 2}}', 'json', 'truncated', 3, 4);
    assert.equal(before.length, 1, 'rows before the cut are still yielded');
  });
  test('JSON cut inside a string', async () => {
    const { error } = await fails('[\n{"data": {"a": "unterminated', 'json', 'truncated', 2);
    assert.match(error.detail, /inside a string/);
  });
  test('JSON cut right after a comma', async () => {
    await fails('[{"data":{}},\n', 'json', 'truncated', 2);
  });
  test('empty JSON file', async () => {
    await fails('  \n', 'json', 'syntax', 2);
  });
  test('JSONL last line cut mid-object', async () => {
    const { error, before } = await fails('{"data":{"a":1}}\n{"data":{"a":2}}\n{"data":{"a":', 'jsonl', 'truncated', 3, 5);
    assert.equal(before.length, 2);
    assert.match(error.detail, /truncated/);
  });
  test('JSON syntax error names the line inside a pretty-printed element', async () => {
    const { error } = await fails('[\n  {\n    "data": {\n      "a": 1,\n      "b": 2 "c"\n    }\n  }\n]', 'json', 'syntax', 5);
    assert.match(error.detail, /JSON syntax error/);
  });
  test('a JSONL line that is not JSON', async () => {
    await fails('{"data":{}}\n{"data": nope}\n{"data":{}}\n', 'jsonl', 'syntax', 2);
  });
  test('JSON Lines named .json', async () => {
    const { error } = await fails('{"data":{}}\n{"data":{}}\n', 'json', 'syntax', 2);
    assert.match(error.detail, /JSON Lines/);
  });
  test('trailing comma and stray comma in the array', async () => {
    await fails('[{"data":{}},\n]', 'json', 'syntax', 2);
    await fails('[\n,{"data":{}}]', 'json', 'syntax', 2);
  });
  test('CSV with an unclosed quote', async () => {
    await fails('text,label\n"ok",a\n"never closed,b\nmore,c\n', 'csv', 'truncated', 3, 3);
  });
  test('CSV header with a duplicate column', async () => {
    await fails('text,text\na,b\n', 'csv', 'syntax', 1);
  });
});

describe('invalid UTF-8', () => {
  for (const format of ['json', 'jsonl', 'csv'] as const) {
    test(`${format}: a stray byte names its line`, async () => {
      const text = { json: '[\n{"data":{"text":"ok"}},\n{"data":{"text":"X"}}]', jsonl: '{"text":"ok"}\n{"text":"ok"}\n{"text":"X"}\n', csv: 'text\nok\nok\nX\n' }[format];
      const bytes = Buffer.from(text.replace('X', 'a\uFFFFb'));
      bytes[bytes.indexOf(0xef)] = 0xff; // an invalid byte inside a valid-looking row
      await fails(bytes, format, 'encoding', format === 'json' ? 3 : format === 'jsonl' ? 3 : 4, 5);
    });
  }
  test('a character cut by the end of the file', async () => {
    await fails(Buffer.from([...Buffer.from('{"text":"'), 0xe2, 0x82]), 'jsonl', 'encoding', 1, 1);
  });
  test('a lead byte followed by ASCII in the next chunk', async () => {
    await fails(Buffer.from([...Buffer.from('{"t":"'), 0xe2, 0x41, 0x41, ...Buffer.from('"}\n')]), 'jsonl', 'encoding', 1, 7);
  });
});

describe('oversized rows fail fast', () => {
  for (const format of ['json', 'jsonl', 'csv'] as const) {
    test(`${format}: an endless row stops after about maxRowBytes`, async () => {
      const MiB = 1 << 20;
      let reads = 0;
      async function* endless() {
        yield Buffer.from({ json: '[{"data":{"text":"', jsonl: '{"data":{"text":"', csv: 'text\n"' }[format]);
        const filler = Buffer.alloc(MiB, 'a');
        for (;;) {
          reads++;
          if (reads > 1000) throw new Error('kept reading a 1 GiB row');
          yield filler;
        }
      }
      const rows = readTaskRows(endless(), { format, file: 'big', maxRowBytes: 4 * MiB });
      await assert.rejects(async () => {
        for await (const _ of rows);
      }, (e: unknown) => e instanceof ImportFileError && e.code === 'row_too_large' && e.line === (format === 'csv' ? 2 : 1));
      assert.ok(reads <= 6, `read ${reads} MiB for a 4 MiB limit`);
    });
  }
});
