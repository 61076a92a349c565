import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSentenceEncoder, ENCODER_DIMENSION } from './index.ts';
import { PieceVocabulary, SPACE } from './pieces.ts';

const reserved: Array<[string, number]> = [['<unk>', 0], ['<s>', 0], ['</s>', 0], ['x1', 0], ['x2', 0], ['x3', 0]];

test('the tokenizer cuts a text into the pieces of highest total score; characters no piece covers become one unknown', () => {
  const v = new PieceVocabulary([...reserved, [`${SPACE}card`, -3], [`${SPACE}ca`, -2], ['rd', -2], [SPACE, -1], ['c', -4], ['a', -4], ['r', -4], ['d', -4], ['s', -3]]);
  // '▁card' alone (-3) beats '▁ca' + 'rd' (-4).
  assert.deepEqual(v.encode('card'), [6]);
  assert.deepEqual(v.encode('cards'), [6, 14]);
  // 'é' and 'ü' are covered by no piece: one unknown (id 0) for the two, then the space.
  assert.deepEqual(v.encode('card éü card'), [6, 9, 0, 6]);
  assert.deepEqual(v.encode(''), []);
  assert.throws(() => new PieceVocabulary([...reserved, ['a', Number.NaN]]), /vocabulary entry 6 is not \[piece, score\]/);
});

test('the shipped sentence encoder places texts of like meaning near each other', async () => {
  const encoder = await loadSentenceEncoder();
  assert.match(encoder.version, /^use-lite-\d+\.\d+\.\d+\+[0-9a-f]{12}$/);
  const texts = ['How do I activate my card?', 'I want to start using my new card, how do I turn it on?', 'What exchange rate do you use for euros?', '', 'How do I activate my card?'];
  const [activate, startUsing, exchange, empty, again] = await encoder.embed(texts);
  for (const v of [activate, startUsing, exchange, empty]) {
    assert.equal(v!.length, ENCODER_DIMENSION);
    const norm = Math.hypot(...v!);
    assert.ok(Math.abs(norm - 1) < 1e-3, `norm ${norm}`);
  }
  const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
  assert.ok(dot(activate!, startUsing!) > dot(activate!, exchange!) + 0.1, `activate·start ${dot(activate!, startUsing!)}, activate·exchange ${dot(activate!, exchange!)}`);
  assert.deepEqual(again, activate);
  // Batches do not change a text's vector.
  const [alone] = await encoder.embed(['What exchange rate do you use for euros?']);
  assert.ok(dot(alone!, exchange!) > 0.9999);
});
