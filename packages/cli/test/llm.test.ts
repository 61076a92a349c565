import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startOpenAiServer } from '@cadre/models/testing';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/cadre.mjs', import.meta.url));
const KEY = 'sk-cli-secret-93e1d0';

test('cadre llm label writes one JSON line a row, retries a rate limit, and never prints the key', async () => {
  const server = await startOpenAiServer(KEY, (text) => (/bad answer/.test(text) || text.startsWith('That answer') ? 'no idea' : JSON.stringify({ label: /card/.test(text) ? 'card' : 'fee' })));
  const dir = mkdtempSync(join(tmpdir(), 'cadre-llm-'));
  writeFileSync(join(dir, 'in.csv'), 'id,text\n1,where is my card\n2,"why a fee, again?"\n3,bad answer please\n4,card arrived broken\n');
  server.misbehave('/v1/chat/completions', { status: 429, headers: { 'retry-after': '0' } });
  try {
    const env = { ...process.env, CADRE_LLM_BASE_URL: `${server.url}v1`, CADRE_LLM_MODEL: 'gpt-test', CADRE_LLM_API_KEY: KEY, CADRE_LLM_CONCURRENCY: '2' };
    const { stdout, stderr } = await run(process.execPath, [bin, 'llm', 'label', '--input', join(dir, 'in.csv'), '--text-column', 'text', '--classes', 'card,fee', '--out', join(dir, 'out.jsonl')], { env });
    const out = readFileSync(join(dir, 'out.jsonl'), 'utf8');
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { row: number; label: string | null; raw: string; error?: string });
    assert.deepEqual(lines.map((l) => [l.row, l.label]), [[1, 'card'], [2, 'fee'], [3, null], [4, 'card']]);
    assert.equal(lines[0]!.raw, '{"label":"card"}');
    assert.match(lines[2]!.error!, /also after a correction/);
    const summary = JSON.parse(stderr.trim().split('\n').at(-1)!) as Record<string, number>;
    assert.equal(summary.labelled, 3);
    assert.equal(summary.failed, 1);
    assert.ok(summary.prompt_tokens! > 0);
    for (const text of [stdout, stderr, out]) assert.ok(!text.includes(KEY), 'the key must not appear in output');
    assert.match(stderr, /"key":"set"/);
  } finally { await server.close(); }
});

test('cadre llm label says what is missing', async () => {
  const env = { ...process.env, CADRE_LLM_BASE_URL: '', CADRE_LLM_MODEL: '' };
  await assert.rejects(run(process.execPath, [bin, 'llm', 'label', '--input', 'x.csv', '--text-column', 't', '--classes', 'a,b', '--out', '/tmp/x.jsonl'], { env }), /set CADRE_LLM_BASE_URL/);
  await assert.rejects(run(process.execPath, [bin, 'llm', 'label', '--input', 'x.csv', '--text-column', 't', '--classes', 'a', '--out', '/tmp/x.jsonl'], { env }), /at least two class names/);
});
