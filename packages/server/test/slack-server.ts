// A local stand-in for Slack's incoming webhooks, answering as Slack does: 200 `ok` for a JSON body
// with `text` or `blocks`; 400 `invalid_payload` for a body that is not one; 404 `no_service` for a
// hook that does not exist; 429 with Retry-After when rate limited; and, to test the client, a hook
// that never answers and one that drops the connection. It keeps what each hook received.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackServer {
  url: (hook: string) => string;
  /** Bodies received per hook (parsed), in order, including refused ones. */
  received: Map<string, unknown[]>;
  close(): Promise<void>;
}

const read = (req: IncomingMessage) => new Promise<string>((resolve) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
});

/**
 * Hooks: `/services/ok`, `/services/missing` (404 no_service), `/services/limited…` (429 Retry-After: 1
 * for the first post to each, then ok), `/services/busy` (500 then ok), `/services/hang`, `/services/reset`.
 */
export async function slackServer(): Promise<SlackServer> {
  const received = new Map<string, unknown[]>();
  const seen = new Map<string, number>();
  const server: Server = createServer(async (req, res) => {
    const hook = (req.url ?? '').replace(/^\/services\//, '');
    const n = (seen.get(hook) ?? 0) + 1;
    seen.set(hook, n);
    if (hook === 'reset') { req.socket.destroy(); return; }
    const text = await read(req);
    let body: unknown = null;
    try { body = JSON.parse(text); } catch { /* refused below */ }
    received.set(hook, [...(received.get(hook) ?? []), body]);
    if (hook === 'hang') return; // never answers
    const reply = (status: number, message: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/html', ...headers });
      res.end(message);
    };
    if (hook === 'missing') return reply(404, 'no_service');
    if (hook.startsWith('limited') && n === 1) return reply(429, 'rate_limited', { 'retry-after': '1' });
    if (hook === 'busy' && n === 1) return reply(500, 'rollup_error');
    const b = body as { text?: unknown; blocks?: unknown } | null;
    if (req.headers['content-type'] !== 'application/json' || !b || (typeof b.text !== 'string' && !Array.isArray(b.blocks))) return reply(400, 'invalid_payload');
    reply(200, 'ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: (hook) => `http://127.0.0.1:${port}/services/${hook}`,
    received,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
