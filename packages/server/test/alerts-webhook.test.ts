// The alert webhook against a local server that answers as Slack's incoming webhooks do: delivered
// on 200 ok, Slack's refusals are final, a 429 waits its Retry-After, a server error, a hang or a
// dropped connection is tried again with a back-off, and the outcome reads as one line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postWebhook, slackMessage } from '../src/services/alerts/webhook.ts';
import { slackServer, type SlackServer } from './slack-server.ts';

let slack: SlackServer;
before(async () => { slack = await slackServer(); });
after(async () => { await slack.close(); });

const message = slackMessage({ phase: 'raised', project: 'Streets <1>', message: 'Ann: 50% of decided work rejected', kind: 'rejection_rate', at: new Date('2026-12-07T08:00:00Z') });
const fast = { timeoutMs: 300, tries: 3, backoffMs: 20 };

test('a message Slack takes: text and blocks, with <, > and & escaped', async () => {
  const d = await postWebhook(slack.url('ok'), message, fast);
  assert.deepEqual([d.ok, d.outcome], [true, 'delivered: 200 ok (1 try)']);
  const [body] = slack.received.get('ok') as { text: string; blocks: { type: string }[] }[];
  assert.match(body!.text, /Red line crossed · Streets &lt;1&gt;: Ann: 50% of decided work rejected/);
  assert.deepEqual(body!.blocks.map((b) => b.type), ['section', 'context']);
});

test('Slack\'s refusals are final: 404 no_service and 400 invalid_payload are not retried', async () => {
  const missing = await postWebhook(slack.url('missing'), message, fast);
  assert.deepEqual([missing.ok, missing.outcome], [false, 'failed: 404 no_service (1 try, not retried)']);
  assert.equal(slack.received.get('missing')!.length, 1);
  const bad = await postWebhook(slack.url('ok'), { text: undefined, blocks: undefined } as never, fast);
  assert.deepEqual([bad.ok, bad.outcome], [false, 'failed: 400 invalid_payload (1 try, not retried)']);
});

test('429 waits for Retry-After then delivers; a server error is tried again', async () => {
  const limited = await postWebhook(slack.url('limited'), message, { ...fast, timeoutMs: 2000 });
  assert.deepEqual([limited.ok, limited.outcome], [true, 'delivered: 200 ok (2 tries)']);
  const busy = await postWebhook(slack.url('busy'), message, fast);
  assert.deepEqual([busy.ok, busy.tries], [true, 2]);
  const tooLong = await postWebhook(slack.url('limited-long'), message, { ...fast, maxRetryAfterMs: 500 });
  assert.deepEqual([tooLong.ok, tooLong.outcome], [false, 'failed: 429 rate limited for 1 s (1 try)'], 'a wait longer than allowed ends the delivery');
});

test('a hook that hangs or drops the connection fails after every try, and says why', async () => {
  const hang = await postWebhook(slack.url('hang'), message, fast);
  assert.deepEqual([hang.ok, hang.outcome], [false, 'failed: no answer within 0.3 s (3 tries)']);
  assert.equal(slack.received.get('hang')!.length, 3);
  const reset = await postWebhook(slack.url('reset'), message, fast);
  assert.deepEqual([reset.ok, reset.outcome], [false, 'failed: connection reset (3 tries)']);
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const { port } = closed.address() as AddressInfo;
  await new Promise((r) => closed.close(r));
  const refused = await postWebhook(`http://127.0.0.1:${port}/hook`, message, { ...fast, tries: 1 });
  assert.equal(refused.outcome, 'failed: connection refused (1 try)');
});
