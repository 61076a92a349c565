import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePcd } from './pcd.ts';
import { errorOf, needsSharedData, packLE, pcdFile, readShared } from './testing.ts';

const head = (over: Record<string, string | null> = {}): string[] => {
  const lines: Record<string, string | null> = {
    VERSION: '0.7', FIELDS: 'x y z intensity', SIZE: '4 4 4 4', TYPE: 'F F F F', COUNT: '1 1 1 1',
    WIDTH: '2', HEIGHT: '1', VIEWPOINT: '0 0 0 1 0 0 0', POINTS: '2', DATA: 'binary', ...over,
  };
  return Object.entries(lines).filter(([, v]) => v !== null).map(([k, v]) => `${k} ${v}`);
};
const twoPoints = packLE(Array.from({ length: 8 }, (_, i): [string, number] => ['f32', i]));

test('the crafted header parses when nothing is wrong', () => {
  assert.equal(parsePcd(pcdFile(head(), twoPoints)).count, 2);
});

const cases: Array<[string, Uint8Array, string, RegExp]> = [
  ['FIELDS and SIZE disagree', pcdFile(head({ SIZE: '4 4 4' }), twoPoints), 'malformed', /PCD header: FIELDS has 4 names but SIZE has 3 values/],
  ['FIELDS and COUNT disagree', pcdFile(head({ COUNT: '1 1 1 1 1' }), twoPoints), 'malformed', /FIELDS has 4 names but COUNT has 5 values/],
  ['POINTS ≠ WIDTH×HEIGHT', pcdFile(head({ POINTS: '3' }), twoPoints), 'malformed', /POINTS is 3 but WIDTH×HEIGHT is 2×1 = 2/],
  ['missing TYPE line', pcdFile(head({ TYPE: null }), twoPoints), 'malformed', /TYPE line is missing/],
  ['missing DATA line', pcdFile(head({ DATA: null })), 'truncated', /no DATA line before the end of the file/],
  ['no x field', pcdFile(head({ FIELDS: 'a y z intensity' }), twoPoints), 'malformed', /has no 'x'/],
  ['non-numeric WIDTH', pcdFile(head({ WIDTH: 'two' }), twoPoints), 'malformed', /WIDTH is 'two', not a whole number/],
  ['F of size 2', pcdFile(head({ SIZE: '4 4 4 2' }), twoPoints), 'unsupported', /field 'intensity' has TYPE F with SIZE 2/],
  ['DATA of an unknown kind', pcdFile(head({ DATA: 'binary_lz4' }), twoPoints), 'unsupported', /DATA 'binary_lz4' is not supported/],
  ['VERSION 0.5', pcdFile(head({ VERSION: '0.5' }), twoPoints), 'unsupported', /VERSION 0.5 is not supported/],
  ['unknown keyword', pcdFile(['VERSION 0.7', 'COLOUR red', ...head().slice(1)]), 'malformed', /line 2 starts with 'COLOUR'/],
  ['truncated binary body', pcdFile(head(), twoPoints.subarray(0, 20)), 'truncated', /binary PCD body holds 20 bytes but 2 points × 16 bytes need 32 \(file truncated\?\)/],
  ['huge POINTS with a tiny body', pcdFile(head({ WIDTH: '4000000000', POINTS: '4000000000' }), twoPoints), 'truncated', /4,000,000,000 points × 16 bytes need 64,000,000,000/],
  ['ascii line too short', pcdFile(head({ DATA: 'ascii' }), '1 2 3 4\n5 6 7\n'), 'malformed', /ascii PCD body line 2: 3 numbers but the fields need 4/],
  ['ascii word', pcdFile(head({ DATA: 'ascii' }), '1 2 3 4\n5 six 7 8\n'), 'malformed', /line 2, value 2: 'six' is not a number/],
  ['ascii too few lines', pcdFile(head({ DATA: 'ascii', WIDTH: '3', POINTS: '3' }), '1 2 3 4\n5 6 7 8\n'), 'truncated', /has 2 points but POINTS says 3/],
  ['compressed size beyond the file', pcdFile(head({ DATA: 'binary_compressed' }), packLE([['u32', 500], ['u32', 32], ['u8', 0]])), 'truncated', /states 500 compressed bytes but only 1 follow/],
  ['compressed size disagreeing with POINTS', pcdFile(head({ DATA: 'binary_compressed' }), packLE([['u32', 1], ['u32', 99], ['u8', 0]])), 'malformed', /states 99 uncompressed bytes but 2 points × 16 bytes are 32/],
  ['compression ratio no LZF can reach', pcdFile(head({ DATA: 'binary_compressed', WIDTH: '1000', POINTS: '1000' }), packLE([['u32', 1], ['u32', 16000], ['u8', 0]])), 'malformed', /more than LZF can expand to/],
  ['empty file', new Uint8Array(0), 'truncated', /PCD file is empty/],
];

for (const [name, bytes, code, message] of cases) {
  test(`PCD error: ${name}`, () => {
    const e = errorOf(() => parsePcd(bytes));
    assert.equal(e.code, code);
    assert.match(e.message, message);
  });
}

test('random bytes are refused quickly, whatever the seed', () => {
  let seed = 12345;
  for (let round = 0; round < 200; round++) {
    const bytes = new Uint8Array(1 + (round * 37) % 4000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    const e = errorOf(() => parsePcd(bytes));
    assert.ok(['malformed', 'truncated'].includes(e.code), e.message);
  }
});

test('a real SUSTech frame cut mid-body says how many bytes are missing', needsSharedData, () => {
  const bytes = readShared('lidar/sustech-seq/lidar/000950.pcd');
  const e = errorOf(() => parsePcd(bytes.subarray(0, 1_234_808)));
  assert.equal(e.code, 'truncated');
  assert.match(e.message, /body holds 1,234,560 bytes but 68,242 points × 48 bytes need 3,275,616/);
});

test('garbage where the header should continue is named by line', () => {
  const bytes = new Uint8Array([...pcdFile(['VERSION 0.7']), 0x00, 0xff, 0x10, 10]);
  assert.match(errorOf(() => parsePcd(bytes)).message, /line 2 holds byte 0x00 \(not text\)/);
});
