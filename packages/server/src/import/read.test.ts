import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collect } from './testing.ts';
import type { ImportFormat, RowResult } from './types.ts';

// Values CSV can carry (strings) with the characters that trip up splitters: quotes, commas,
// brackets, backslashes, newlines inside a value and multibyte characters.
const TASKS = [
  { data: { image: 's3://b/img_1.jpg', caption: 'a "quoted", comma' }, priority: 0 },
  { data: { image: 'https://x.test/b.png', caption: 'ünïcødé 日本 🚀 €' }, priority: 5 },
  { data: { image: '/abs/c.jpg', caption: 'one ] two } three \\ "four"\nsecond line' }, priority: -2 },
  { data: { image: 'd.jpg', caption: '' }, priority: 3 },
];

function csvField(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The same tasks in each format, with the line each row starts on. */
const WRITERS: { [f in ImportFormat]: (eol: string) => { text: string; lines: number[] } } = {
  json: (eol) => {
    const text = JSON.stringify(TASKS, null, 2).replaceAll('\n', eol);
    const lines = text.split(eol).flatMap((l, i) => (l === '  {' ? [i + 1] : []));
    return { text, lines };
  },
  jsonl: (eol) => ({ text: TASKS.map((t) => JSON.stringify(t)).join(eol) + eol, lines: [1, 2, 3, 4] }),
  csv: (eol) => {
    const rows = TASKS.map((t) => [t.data.image, t.data.caption, t.priority].map(csvField).join(','));
    return { text: ['image,caption,priority', ...rows].join(eol) + eol, lines: [2, 3, 4, 6] };
  },
};

const rowsOf = (results: RowResult[]) => results.map((r) => (r.ok ? r.row : assert.fail(JSON.stringify(r.error))));

for (const format of ['json', 'jsonl', 'csv'] as const) {
  describe(`reading ${format}`, () => {
    for (const eol of ['\n', '\r\n']) {
      for (const size of [1, 7, 1 << 16]) {
        test(`same tasks, lines right (${JSON.stringify(eol)}, ${size}-byte chunks)`, async () => {
          const { text, lines } = WRITERS[format](eol);
          const rows = rowsOf(await collect(text, format, size));
          const expected = TASKS.map((t) => ({ data: t.data, predictions: [], priority: t.priority }));
          assert.deepEqual(rows.map(({ line: _, ...r }) => r), expected);
          assert.deepEqual(rows.map((r) => r.line), lines);
        });
      }
    }

    test('a bad priority names its line and the reader goes on', async () => {
      const bad = TASKS.map((t, i) => (i === 2 ? { ...t, priority: 'high' } : t));
      const { text, lines } = format === 'csv'
        ? { text: `image,caption,priority\na.jpg,x,1\nb.jpg,"two\nlines",high\nc.jpg,y,2\n`, lines: [2, 3, 5] }
        : format === 'json'
          ? { text: JSON.stringify(bad, null, 2), lines: WRITERS.json('\n').lines }
          : { text: '\n' + bad.map((t) => JSON.stringify(t)).join('\n\n'), lines: [2, 4, 6, 8] };
      const results = await collect(text, format, 5);
      assert.deepEqual(results.map((r) => r.ok), format === 'csv' ? [true, false, true] : [true, true, false, true]);
      const error = results.find((r) => !r.ok);
      assert.ok(error && !error.ok);
      assert.deepEqual(
        { ...error.error, message: '' },
        { file: `tasks.${format}`, line: lines[format === 'csv' ? 1 : 2], field: 'priority', message: '' },
      );
      assert.match(error.error.message, /expected a whole number .* got "high"/);
      assert.deepEqual(results.map((r) => (r.ok ? r.row.line : r.error.line)), lines.slice(0, results.length));
    });
  });
}

describe('row shape', () => {
  const one = async (row: unknown) => (await collect(JSON.stringify(row) + '\n', 'jsonl'))[0]!;

  test('predictions are read with model version and score', async () => {
    const r = await one({ data: { text: 'hi' }, predictions: [{ model_version: 'v1', score: 0.5, result: [{ type: 'choices' }] }, { result: [] }] });
    assert.ok(r.ok);
    assert.deepEqual(r.row.predictions, [
      { modelVersion: 'v1', score: 0.5, result: [{ type: 'choices' }] },
      { modelVersion: null, score: null, result: [] },
    ]);
  });

  const cases: Array<[string, unknown, string, RegExp]> = [
    ['score not a number', { data: {}, predictions: [{ score: 'high', result: [] }] }, 'predictions[0].score', /^expected a number between 0 and 1, got "high"$/],
    ['score above 1', { data: {}, predictions: [{ score: 1.5, result: [] }] }, 'predictions[0].score', /got 1.5/],
    ['result missing', { data: {}, predictions: [{ result: [] }, { score: 0.1 }] }, 'predictions[1].result', /expected an array of regions, it is missing/],
    ['result entry not an object', { data: {}, predictions: [{ result: [{}, 3] }] }, 'predictions[0].result[1]', /expected an object, got 3/],
    ['predictions not an array', { data: {}, predictions: { result: [] } }, 'predictions', /expected an array of predictions, got an object/],
    ['model_version not a string', { data: {}, predictions: [{ model_version: 2, result: [] }] }, 'predictions[0].model_version', /expected a string, got 2/],
    ['data not an object', { data: 'x.jpg' }, 'data', /expected an object, got "x.jpg"/],
    ['predictions without data', { image: 'x.jpg', predictions: [] }, 'data', /must put its fields under "data"/],
    ['fractional priority', { data: {}, priority: 2.5 }, 'priority', /got 2.5/],
    ['a row that is not an object', [1, 2], 'row', /expected a JSON object, got an array/],
  ];
  for (const [name, row, field, message] of cases) {
    test(`rejects ${name}`, async () => {
      const r = await one(row);
      assert.ok(!r.ok);
      assert.equal(r.error.field, field);
      assert.match(r.error.message, message);
    });
  }

  test('a plain object without "data" is the data itself', async () => {
    const r = await one({ image: 'x.jpg', priority: 2 });
    assert.deepEqual(r, { ok: true, row: { line: 1, data: { image: 'x.jpg', priority: 2 }, predictions: [], priority: 0 } });
  });

  test('a JSON file may hold one object instead of an array', async () => {
    const rows = rowsOf(await collect('\n\n{ "data": {"text": "only"},\n "priority": 1 }\n', 'json', 3));
    assert.deepEqual(rows, [{ line: 3, data: { text: 'only' }, predictions: [], priority: 1 }]);
  });

  test('empty array and BOM', async () => {
    assert.deepEqual(await collect('\uFEFF[ ]', 'json', 1), []);
    assert.equal((await collect('\uFEFF{"text":"a"}\n', 'jsonl', 2)).length, 1);
    assert.deepEqual(rowsOf(await collect('\uFEFFtext\nhello\n', 'csv', 1)).map((r) => r.data), [{ text: 'hello' }]);
  });

  test('CSV rows with the wrong number of columns are row errors', async () => {
    const results = await collect('a,b\n1,2\n3\n4,5,6\n7,8\n', 'csv');
    assert.deepEqual(results.map((r) => (r.ok ? 'ok' : `${r.error.line} ${r.error.message}`)), [
      'ok', '3 expected 2 columns as in the header, got 1', '4 expected 2 columns as in the header, got 3', 'ok',
    ]);
  });
});
