import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startOpenAiServer } from '../testing/openai-server.ts';
import { LlmAnnotator } from './annotator.ts';
import { llmConfigFromEnv } from './config.ts';
import { readLabel } from './prompt.ts';

const KEY = 'sk-test-4f1c9e2b7a';
const classes = [{ name: 'card_arrival', description: 'the customer waits for a card' }, { name: 'top_up' }, { name: 'refund' }];
const byKeyword = (text: string) => JSON.stringify({ label: /card/.test(text) ? 'card_arrival' : /top/.test(text) ? 'top_up' : 'refund' });

test('an LLM annotator asks an OpenAI-compatible endpoint with the ontology and reads its JSON label', async () => {
  const server = await startOpenAiServer(KEY, byKeyword);
  try {
    const llm = new LlmAnnotator({ baseUrl: `${server.url}v1`, model: 'gpt-test', apiKey: KEY, pricePerMillionInput: 150, pricePerMillionOutput: 600 }, classes, [{ text: 'my card is late', label: 'card_arrival' }]);
    const a = await llm.label('where is my card?');
    assert.equal(a.label, 'card_arrival');
    assert.equal((await llm.label('top up failed')).label, 'top_up');
    const sent = server.chats()[0]!.body as { model: string; temperature: number; messages: Array<{ role: string; content: string }> };
    assert.equal(sent.model, 'gpt-test');
    assert.equal(sent.temperature, 0);
    assert.match(sent.messages[0]!.content, /card_arrival: the customer waits for a card/);
    assert.deepEqual(sent.messages.slice(1).map((m) => m.role), ['user', 'assistant', 'user']);
    assert.equal(llm.usage.requests, 2);
    assert.ok(llm.usage.promptTokens > 0 && llm.usage.completionTokens > 0);
    assert.equal(llm.cost, (llm.usage.promptTokens * 150 + llm.usage.completionTokens * 600) / 1e6);
  } finally { await server.close(); }
});

test('429 with Retry-After and 500 are retried; a malformed answer gets one correction, then no label', async () => {
  let wrongFirst = 0;
  const server = await startOpenAiServer(KEY, (text) => {
    if (text.startsWith('That answer')) return wrongFirst++ === 0 ? '{"label": "Top_Up"}' : 'still not json';
    if (/garbage/.test(text)) return 'I think it is a refund!';
    if (/nonsense/.test(text)) return '{"label": "loan"}';
    return byKeyword(text);
  });
  try {
    const llm = new LlmAnnotator({ baseUrl: `${server.url}v1/`, model: 'm', apiKey: KEY, backoffMs: 5 }, classes);
    server.misbehave('/v1/chat/completions', { status: 429, body: '{"error":{"message":"Rate limit reached","type":"requests"}}', headers: { 'retry-after': '0.05' } });
    server.misbehave('/v1/chat/completions', { status: 500 });
    const started = Date.now();
    assert.equal((await llm.label('card please')).label, 'card_arrival');
    assert.ok(Date.now() - started >= 50, 'waited for Retry-After');
    assert.equal(server.chats().length, 3);

    const corrected = await llm.label('garbage in');
    assert.equal(corrected.label, 'top_up', 'the correction answered a class in other case');
    const given = await llm.label('more garbage');
    assert.equal(given.label, null);
    assert.match(given.error!, /not a JSON object, also after a correction/);
    assert.equal(given.raw, 'still not json');
    const unknown = await llm.label('nonsense');
    assert.equal(unknown.label, null);

    server.misbehave('/v1/chat/completions', { status: 503 }, 3);
    const down = await llm.label('card');
    assert.equal(down.label, null);
    assert.match(down.error!, /answered 503.*\(after 3 tries\)/);
  } finally { await server.close(); }
});

test('a wrong key is refused in words that do not repeat it; the config comes from the environment', async () => {
  const server = await startOpenAiServer(KEY, byKeyword);
  try {
    const llm = new LlmAnnotator({ baseUrl: `${server.url}v1`, model: 'm', apiKey: 'sk-wrong-123456' }, classes);
    const a = await llm.label('card');
    assert.equal(a.label, null);
    assert.match(a.error!, /refused the credentials \(401\)/);
    assert.doesNotMatch(a.error!, /sk-wrong/);
  } finally { await server.close(); }
  assert.throws(() => llmConfigFromEnv({}), /set CADRE_LLM_BASE_URL/);
  assert.throws(() => llmConfigFromEnv({ CADRE_LLM_BASE_URL: 'http://x/v1' }), /CADRE_LLM_MODEL/);
  assert.throws(() => llmConfigFromEnv({ CADRE_LLM_BASE_URL: 'http://x/v1', CADRE_LLM_MODEL: 'm', CADRE_LLM_RPM: 'fast' }), /CADRE_LLM_RPM must be a number/);
  assert.deepEqual(readLabel('```json\n{"label": "refund"}\n```', classes), { label: 'refund' });
});
