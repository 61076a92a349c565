// A request body that trickles in (a stuck client, or a slow-loris holding sockets on purpose) would
// hold its socket, and what the route holds meanwhile (an import's transaction), for ever: Node's and
// Fastify's request timeouts are off, and a total timeout would cut long uploads of big files on slow
// links. So the rule is a least pace: each stretch of `seconds` in which the server waits for the body
// must bring MIN_BYTES of it, else the request ends with 408. Time in which the server is busy with
// what it already has (the body waits in the buffer) does not count against the client.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** The least a client must send in each stretch while the server waits: about 550 bytes a second at the default 30 s. */
export const MIN_BYTES = 16 * 1024;
export const DEFAULT_BODY_TIMEOUT_SECONDS = 30;

const hasBody = (request: FastifyRequest) => request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

export function installBodyTimeout(app: FastifyInstance, seconds: number): void {
  app.addHook('preParsing', async (request, _reply, payload) => (hasBody(request) ? paced(payload, seconds) : payload));
  // An answer sent before the body was all read (a refused upload) leaves the rest to be read and
  // dropped; a client that sends it no faster than the rule allows is not waited for.
  app.addHook('onResponse', async (request) => {
    if (request.raw.complete !== false || !hasBody(request)) return; // whole, or not a socket's (inject)
    const socket = request.raw.socket;
    let last = socket.bytesRead;
    const timer = setInterval(() => {
      if (request.raw.complete || socket.destroyed) return clearInterval(timer);
      if (socket.bytesRead - last < MIN_BYTES) { clearInterval(timer); socket.destroy(); }
      last = socket.bytesRead;
    }, seconds * 1000);
    timer.unref();
  });
}

/** The body as a stream that fails with a 408 when the client falls below the pace. */
function paced(source: Readable, seconds: number): Readable {
  let received = 0;
  let waited = 0;
  let inStretch = 0;
  const tick = Math.min(1000, (seconds * 1000) / 4);
  const body = new Readable({
    highWaterMark: 64 * 1024,
    read() { source.resume(); },
    destroy(err, done) {
      clearInterval(timer);
      source.off('data', onData);
      // A reader that gave up (a refused upload) leaves the rest to be read and dropped, so the connection
      // can carry the answer and the next request; a body cut for its pace is not read on.
      if (!(err instanceof AppError && err.code === 'request_timeout')) source.resume();
      done(err);
    },
  }) as Readable & { receivedEncodedLength: number };
  body.receivedEncodedLength = 0;
  body.on('error', () => undefined); // whoever reads the body gets the error; one that stopped reading must not crash the process
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    inStretch += chunk.length;
    body.receivedEncodedLength = received;
    if (!body.push(chunk)) source.pause();
  };
  source.on('data', onData); // the body flows into this stream's buffer, up to its high-water mark, before anyone reads
  let ended = false;
  source.once('end', () => { ended = true; clearInterval(timer); body.push(null); });
  source.once('error', (e) => body.destroy(e));
  source.once('close', () => { if (!ended) body.destroy(Object.assign(new Error('aborted: the client closed the connection before the body was whole'), { code: 'ECONNRESET' })); });
  const timer = setInterval(() => {
    if (body.readableLength >= body.readableHighWaterMark) return; // the server is behind, not the client
    waited += tick;
    if (waited < seconds * 1000) return;
    if (inStretch < MIN_BYTES) {
      body.destroy(new AppError('request_timeout', `the request body came too slowly (${inStretch} bytes in ${seconds} s; at least ${MIN_BYTES / 1024} KiB each ${seconds} s is needed) and was cut off; nothing of it was kept`, { receivedBytes: received }));
      return;
    }
    waited = 0;
    inStretch = 0;
  }, tick);
  timer.unref();
  return body;
}
