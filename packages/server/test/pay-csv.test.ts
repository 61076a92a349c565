// Statements and invoices as CSV a spreadsheet opens cleanly (RFC 4180, UTF-8 with BOM), money as
// decimal strings from minor units, the rounding rule, and rate-card validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyBps, BOM, divRound, formatMinor, parseRateCard, statementCsv, toCsv, type StatementView } from '../src/services/pay/index.ts';

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes; anything else is an error. */
function parseCsv(text: string): string[][] {
  assert.ok(text.startsWith(BOM), 'starts with the UTF-8 byte order mark');
  const s = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= s.length) throw new Error('unterminated quoted field');
        if (s[i] === '"') {
          if (s[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++; break;
        }
        field += s[i++];
      }
    } else {
      while (i < s.length && s[i] !== ',' && s[i] !== '\r' && s[i] !== '\n') {
        if (s[i] === '"') throw new Error(`a quote inside an unquoted field at ${i}`);
        field += s[i++];
      }
    }
    row.push(field);
    if (s[i] === ',') { i++; continue; }
    if (s[i] === '\r' && s[i + 1] === '\n') { rows.push(row); row = []; i += 2; if (i === s.length) return rows; continue; }
    throw new Error(`expected a comma or CRLF at ${i}, got ${JSON.stringify(s[i])}`);
  }
}

test('a name with a comma, a quote and non-ASCII characters round-trips through a strict RFC 4180 reader', () => {
  const name = 'Zhāng "Xiǎo", 张小明 — Ødegård';
  const statement: StatementView = {
    id: 'x', period: '2026-11', userId: 'u', userName: name, currency: 'CNY', totalMinor: 123_457, units: 3, closedAt: '2026-12-01T00:00:00.000Z',
    lines: [{ description: 'car bbox2d (human)', quantity: 2, amountMinor: 123_450 }, { description: 'note\nwith a line break', quantity: 1, amountMinor: 7 }],
  };
  const csv = statementCsv(statement);
  assert.ok(csv.endsWith('\r\n'));
  assert.ok(!/[^\r]\n/.test(csv.replace('note\nwith', '')), 'every record ends CRLF');
  assert.ok(csv.includes('"Zhāng ""Xiǎo"", 张小明 — Ødegård"'), 'quoted, quotes doubled');
  assert.deepEqual(parseCsv(csv), [
    ['Period', 'Person', 'Work', 'Quantity', 'Amount', 'Currency'],
    ['2026-11', name, 'car bbox2d (human)', '2', '1234.50', 'CNY'],
    ['2026-11', name, 'note\nwith a line break', '1', '0.07', 'CNY'],
    ['2026-11', name, 'Total', '3', '1234.57', 'CNY'],
  ]);
  assert.equal(Buffer.from(csv, 'utf8').subarray(0, 3).toString('hex'), 'efbbbf');
  assert.equal(toCsv([['a', ''], ['', 'b']]), `${BOM}a,\r\n,b\r\n`);
});

test('amounts are decimal strings by the currency\'s exponent, never floats', () => {
  assert.equal(formatMinor(5, 'CNY'), '0.05');
  assert.equal(formatMinor(-5, 'CNY'), '-0.05');
  assert.equal(formatMinor(100, 'CNY'), '1.00');
  assert.equal(formatMinor(700, 'JPY'), '700');
  assert.equal(formatMinor(1234, 'KWD'), '1.234');
  assert.equal(formatMinor(9_007_199_254_740_991, 'USD'), '90071992547409.91');
  assert.throws(() => formatMinor(0.5, 'CNY'), /safe integer/);
});

test('rounding: a price times its multipliers is rounded once, half away from zero', () => {
  assert.equal(applyBps(50, [2500]), 13);          // 12.5 → 13
  assert.equal(applyBps(30, [15000, 3000]), 14);   // 13.5 → 14 (one rounding, not two)
  assert.equal(applyBps(30, [6000, 15000]), 27);
  assert.equal(applyBps(1, [4999]), 0);            // 0.4999 → 0
  assert.equal(applyBps(-50, [2500]), -13);
  assert.equal(applyBps(9_000_000_000_000, [15000]), 13_500_000_000_000, 'no precision lost on large amounts');
  assert.equal(divRound(353, 2), 177);
  assert.equal(divRound(352, 3), 117);
});

test('a rate card with problems is refused with every problem named', () => {
  try {
    parseRateCard({
      currency: 'yuan', period: 'daily',
      annotator: { perItem: -1, perFrame: 0.25, objects: [{ class: 'truck', minor: 5 }, { kind: 'hexagon', minor: 1 }], originBps: { human: 'all' } },
      difficulty: [{ bps: 12000 }], review: { perItem: '8' }, reassignedShareBps: 20000, extra: 1,
    }, ['car', 'lane']);
    assert.fail('accepted a bad card');
  } catch (e) {
    const paths = ((e as { details: { path: string; message: string }[] }).details).map((d) => d.path);
    assert.deepEqual(paths.sort(), [
      'annotator.objects[0].class', 'annotator.objects[1].kind', 'annotator.originBps.human', 'annotator.perFrame', 'annotator.perItem',
      'card.extra', 'currency', 'difficulty[0]', 'period', 'reassignedShareBps', 'review.perItem',
    ].sort());
    const msg = (e as { details: { path: string; message: string }[] }).details.find((d) => d.path === 'annotator.perItem')!.message;
    assert.match(msg, /must not be negative/);
  }
  const ok = parseRateCard({ currency: 'CNY', annotator: { perObject: 5 }, client: { perItem: 40 } }, ['car']);
  assert.equal(ok.reassignedShareBps, 0, 'reassigned work earns nothing unless the project says so');
  assert.equal(ok.annotator.originBps.prediction_accepted, 10000);
});
