import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsv } from './csv.ts';

test('parseCsv handles quoted commas, doubled quotes, line breaks in quotes and CRLF', () => {
  const text = 'phrase,prompt\r\n"My knee hurts, a lot",Knee pain\r\n"She said ""ouch""\nthen left",Emotional pain\r\nplain,Cough\n';
  assert.deepEqual(parseCsv(text), [
    ['phrase', 'prompt'],
    ['My knee hurts, a lot', 'Knee pain'],
    ['She said "ouch"\nthen left', 'Emotional pain'],
    ['plain', 'Cough'],
  ]);
  assert.deepEqual(parseCsv('a,,b'), [['a', '', 'b']]);
});
