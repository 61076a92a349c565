// A real HTTP server on a local port (node:http) for remote-model tests: routes answer what the
// protocol says, every request is recorded, and a test can make the next requests to a path
// misbehave the ways real servers do (an error status, a body that is not JSON, slowness, no answer
// at all, a dropped connection, a body of the test's choosing). Tests only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Misbehaviour =
  /** Answer this status with this text (default: a short message like Flask's) and these headers (Retry-After). */
  | { status: number; body?: string; headers?: Record<string, string> }
  /** Answer 200 with a body that is not JSON (an HTML error page). */
  | { invalidJson: true }
  /** Answer as usual, but only after this long. */
  | { delayMs: number }
  /** Never answer (the client has to give up; close() ends it). */
  | { hang: true }
  /** Drop the connection without answering (ECONNRESET / "other side closed" at the client). */
  | { reset: true }
  /** Answer 200 with exactly this value; non-finite numbers are written NaN/Infinity, as Python's json.dumps writes them. */
  | { json: unknown };

export interface Received {
  method: string;
  /** Path without the query. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
}

export interface RouteAnswer {
  status?: number;
  json: unknown;
}

/** Handles `METHOD /path` (e.g. 'POST /predict'). A thrown error answers 500 with its message, as Flask does. */
export type Route = (body: unknown, req: Received) => RouteAnswer;

export interface ScriptedServerOptions {
  /** Requests without this Basic authorization get 401 (label-studio-ml-backend's BASIC_AUTH_USER/PASS). */
  basicAuth?: { user: string; pass: string };
  /** Requests without these exact header values get 401. */
  requireHeaders?: Record<string, string>;
}

export class ScriptedServer {
  readonly received: Received[] = [];
  private readonly queue = new Map<string, { m: Misbehaviour; left: number }[]>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(private readonly server: Server, readonly url: string, private readonly routes: Record<string, Route>, private readonly options: ScriptedServerOptions) {}

  /** Starts on a free local port; `url` ends with '/'. */
  static async start(routes: Record<string, Route>, options: ScriptedServerOptions = {}): Promise<ScriptedServer> {
    let self: ScriptedServer | undefined;
    const server = createServer((req, res) => { void self!.handle(req, res); });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    self = new ScriptedServer(server, `http://127.0.0.1:${port}/`, routes, options);
    return self;
  }

  /** The next `times` requests to `path` (any method) misbehave so; `times` may be Infinity. */
  misbehave(path: string, m: Misbehaviour, times = 1): this {
    const list = this.queue.get(path) ?? [];
    list.push({ m, left: times });
    this.queue.set(path, list);
    return this;
  }

  /** Forgets queued misbehaviour (all paths). */
  behave(): this {
    this.queue.clear();
    return this;
  }

  /** The requests received on a path, oldest first. */
  requests(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const received: Received = { method: req.method ?? 'GET', path, headers: { ...req.headers }, body: parseBody(text) };
    this.received.push(received);

    if (!this.authorized(req)) return send(res, 401, 'Unauthorized', 'text/plain', { 'www-authenticate': 'Basic realm="Login required"' });
    const m = this.next(path);
    if (m && 'reset' in m) { req.socket.destroy(); return; }
    if (m && 'hang' in m) return;
    if (m && 'status' in m) return send(res, m.status, m.body ?? `<!doctype html><title>${m.status}</title><h1>Server error</h1>`, 'text/html', m.headers);
    if (m && 'invalidJson' in m) return send(res, 200, '<html><body>Internal proxy error</body></html>', 'application/json');
    if (m && 'json' in m) return send(res, 200, pythonJson(m.json), 'application/json');
    const answer = () => {
      const route = this.routes[`${received.method} ${path}`];
      if (!route) return send(res, 404, `<!doctype html><title>404 Not Found</title><h1>Not Found</h1>`, 'text/html');
      let out: RouteAnswer;
      try {
        out = route(received.body, received);
      } catch (err) {
        return send(res, 500, String((err as Error)?.message ?? err), 'text/plain');
      }
      send(res, out.status ?? 200, pythonJson(out.json), 'application/json');
    };
    if (m && 'delayMs' in m) {
      const t = setTimeout(() => { this.timers.delete(t); if (!res.destroyed) answer(); }, m.delayMs);
      this.timers.add(t);
      return;
    }
    answer();
  }

  private next(path: string): Misbehaviour | undefined {
    const list = this.queue.get(path);
    const head = list?.[0];
    if (!head) return undefined;
    if (--head.left <= 0) list!.shift();
    return head.m;
  }

  private authorized(req: IncomingMessage): boolean {
    const { basicAuth, requireHeaders } = this.options;
    if (basicAuth && req.headers.authorization !== `Basic ${Buffer.from(`${basicAuth.user}:${basicAuth.pass}`).toString('base64')}`) return false;
    for (const [k, v] of Object.entries(requireHeaders ?? {})) if (req.headers[k.toLowerCase()] !== v) return false;
    return true;
  }
}

/** JSON as Python's json.dumps writes it: NaN, Infinity and -Infinity bare. */
export function pythonJson(value: unknown): string {
  const marks = new Map<string, string>();
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      const mark = `\u0000num${marks.size}\u0000`;
      marks.set(mark, Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity');
      return mark;
    }
    return v;
  }) ?? 'null';
  return text.replace(/"\\u0000num\d+\\u0000"/g, (q) => marks.get(JSON.parse(q) as string)!);
}

function send(res: ServerResponse, status: number, body: string, type: string, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
