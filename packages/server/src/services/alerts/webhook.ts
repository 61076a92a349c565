// Posting an alert to a Slack-compatible incoming webhook: `{ text, blocks }` as JSON, each try with
// a timeout; a 429 waits its Retry-After, a server error, a timeout or a dropped connection tries
// again after a back-off; Slack's refusals (400 invalid_payload, 403, 404 no_service, 410) are
// final. The outcome is one line for the alert log. Never throws: a webhook that fails never
// holds up work.

export interface WebhookOptions {
  /** Per try (default 5000 ms). */
  timeoutMs?: number;
  /** Tries in all (default 3). */
  tries?: number;
  /** Back-off before the second try, doubled each time (default 1000 ms). */
  backoffMs?: number;
  /** The longest Retry-After honoured (default 30 s); a longer one ends the delivery. */
  maxRetryAfterMs?: number;
}

export interface Delivery { ok: boolean; outcome: string; tries: number }

export interface SlackMessage { text: string; blocks: unknown[] }

/** Slack's mrkdwn needs &, < and > escaped; nothing else. */
const escape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** An alert as a Slack message: a plain `text` (notifications, clients without blocks) and the same in blocks. */
export function slackMessage(a: { phase: 'raised' | 'cleared'; project: string; message: string; kind: string; at: Date; url?: string | null }): SlackMessage {
  const head = a.phase === 'raised' ? 'Red line crossed' : 'Back under the red line';
  const text = `${a.phase === 'raised' ? ':rotating_light:' : ':white_check_mark:'} ${head} · ${a.project}: ${a.message}`;
  return {
    text: escape(text),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${escape(head)}* · ${escape(a.project)}\n${escape(a.message)}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${escape(a.kind.replaceAll('_', ' '))} · ${a.phase} ${a.at.toISOString()}${a.url ? ` · <${a.url}|alert log>` : ''}` }] },
    ],
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/** Seconds (or an HTTP date) in Retry-After, as milliseconds; null when absent or unreadable. */
function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const t = Date.parse(header);
  return Number.isFinite(t) ? Math.max(0, t - now) : null;
}

const FINAL = new Set([400, 401, 403, 404, 410]);
const triesText = (n: number) => `${n} ${n === 1 ? 'try' : 'tries'}`;

export async function postWebhook(url: string, message: SlackMessage, o: WebhookOptions = {}): Promise<Delivery> {
  const tries = o.tries ?? 3;
  const timeoutMs = o.timeoutMs ?? 5000;
  let backoff = o.backoffMs ?? 1000;
  let last = '';
  for (let n = 1; n <= tries; n++) {
    let wait = backoff;
    try {
      const res = await fetch(url, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message),
        signal: AbortSignal.timeout(timeoutMs), redirect: 'error',
      });
      const body = (await res.text().catch(() => '')).slice(0, 200).trim();
      if (res.ok) return { ok: true, outcome: `delivered: ${res.status}${body ? ` ${body}` : ''} (${triesText(n)})`, tries: n };
      last = `${res.status}${body ? ` ${body}` : ''}`;
      if (FINAL.has(res.status)) return { ok: false, outcome: `failed: ${last} (${triesText(n)}, not retried)`, tries: n };
      if (res.status === 429) {
        const after = retryAfterMs(res.headers.get('retry-after'));
        if (after !== null && after > (o.maxRetryAfterMs ?? 30_000)) return { ok: false, outcome: `failed: 429 rate limited for ${Math.round(after / 1000)} s (${triesText(n)})`, tries: n };
        if (after !== null) wait = after;
      }
    } catch (e) {
      last = describe(e, timeoutMs);
    }
    if (n < tries) { await sleep(wait); backoff *= 2; }
  }
  return { ok: false, outcome: `failed: ${last} (${triesText(tries)})`, tries };
}

function describe(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const code = err.cause?.code;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (code === 'ECONNREFUSED') return 'connection refused';
  return err.cause?.message ?? err.message ?? String(e);
}
