// A client that sends a request body piece by piece over a real socket, as a slow or failing client
// does, and hears the answer whenever the server gives it (even before the body is whole).
import http from 'node:http';

export type Answer =
  | { status: number; headers: http.IncomingHttpHeaders; body: string }
  | { dropped: string };

export interface Sending {
  write(chunk: string | Buffer): Promise<void>;
  end(): void;
  /** Cuts the connection, as a client whose network dies does. */
  drop(): void;
  answer: Promise<Answer>;
  /** True once the server answered (or the connection ended). */
  answered(): boolean;
  /** True once the connection closed, whoever closed it. */
  closed(): boolean;
}

export function sendBody(base: string, path: string, o: { token: string; contentType: string; length?: number; agent?: http.Agent }): Sending {
  const url = new URL(path, base);
  const req = http.request({
    host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST', ...(o.agent ? { agent: o.agent } : {}),
    headers: { authorization: `Bearer ${o.token}`, 'content-type': o.contentType, ...(o.length !== undefined ? { 'content-length': String(o.length) } : {}) },
  });
  let done = false;
  let closed = false;
  req.once('socket', (socket) => socket.once('close', () => { closed = true; }));
  const answer = new Promise<Answer>((resolve) => {
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      res.on('error', (e) => resolve({ dropped: `the answer broke off: ${e.message}` }));
    });
    req.on('error', (e) => resolve({ dropped: e.message }));
  }).finally(() => { done = true; });
  return {
    write: (chunk) => new Promise((resolve) => { if (req.destroyed || done) resolve(); else req.write(chunk, () => resolve()); }),
    end: () => { if (!req.destroyed) req.end(); },
    drop: () => { req.destroy(); },
    answer,
    answered: () => done,
    closed: () => closed,
  };
}

/** The house error of an answer, or a note of what came instead. */
export function houseError(a: Answer): { status: number; code: string; message: string; headers: http.IncomingHttpHeaders } {
  if ('dropped' in a) throw new Error(`the connection was dropped instead of answered: ${a.dropped}`);
  const parsed = JSON.parse(a.body) as { error?: { code: string; message: string } };
  if (!parsed.error) throw new Error(`not an error answer: ${a.status} ${a.body.slice(0, 300)}`);
  return { status: a.status, code: parsed.error.code, message: parsed.error.message, headers: a.headers };
}
