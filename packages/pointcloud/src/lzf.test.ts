import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lzfDecompress } from './lzf.ts';
import { errorOf, lzfCompress } from './testing.ts';

test('literal-only LZF decompresses to its literals', () => {
  // Control byte 2 = a run of 3 literal bytes; then 0 = a run of 1.
  assert.deepEqual(lzfDecompress(Uint8Array.of(2, 10, 20, 30, 0, 40), 4), Uint8Array.of(10, 20, 30, 40));
});

test('back-references, overlapping runs and long lengths round-trip', () => {
  const input = new Uint8Array(5000);
  for (let i = 0; i < input.length; i++) input[i] = i < 1000 ? 7 : (i * 31) % 251;
  const packed = lzfCompress(input);
  assert.ok(packed.length < input.length / 2, `compressor should find matches (${packed.length} bytes)`);
  assert.deepEqual(lzfDecompress(packed, input.length), input);
});

test('a back-reference before the start of the output is malformed, not a wild read', () => {
  const e = errorOf(() => lzfDecompress(Uint8Array.of(0, 1, 0x20, 5), 10));
  assert.equal(e.code, 'malformed');
  assert.match(e.message, /before the start of the output/);
});

test('output beyond the stated size is refused', () => {
  const e = errorOf(() => lzfDecompress(Uint8Array.of(3, 1, 2, 3, 4), 2));
  assert.match(e.message, /exceed the stated 2 bytes/);
});

test('a literal run cut short, or too little output, is reported', () => {
  assert.match(errorOf(() => lzfDecompress(Uint8Array.of(5, 1, 2), 6)).message, /passes the end of the input/);
  const e = errorOf(() => lzfDecompress(Uint8Array.of(1, 1, 2), 6));
  assert.equal(e.code, 'truncated');
  assert.match(e.message, /decompresses to 2 bytes but the header states 6/);
});
