// One JSON request to a remote model, with the rules every remote model shares: a timeout per try,
// up to three tries with a doubling wait (or the server's Retry-After) on 5xx, 429 and dropped connections, the caller's
// AbortSignal honoured at every step, answers read up to a cap, and every failure a ModelError that
// names the URL (credentials removed) and what went wrong. A timeout is not retried: a model that
// took 30 s once will take them again, and the job would wait three times as long to learn it.
import { ModelError } from '../types.ts';

/** How patient to be with a remote model. Optional keys of a stored spec; the defaults suit most. */
export interface RemoteOptions {
  /** Each try gives up after this long (default 30 000 ms). */
  timeoutMs?: number;
  /** Tries in all on 5xx, 429 and dropped connections (default 3). */
  tries?: number;
  /** Wait before the second try, doubled before each next (default 250 ms). */
  backoffMs?: number;
}

export const REMOTE_DEFAULTS = { timeoutMs: 30_000, tries: 3, backoffMs: 250 } as const;

/** Answers larger than this are refused rather than read into memory. */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** Where a remote model lives: its base URL without credentials, and the headers every request carries. */
export interface Endpoint {
  base: URL;
  headers: Record<string, string>;
}

const RETRY_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** Parses a model URL. Credentials in it (http://user:pass@host) become a Basic authorization header, as Label Studio sends them. */
export function endpoint(raw: string, headers: Record<string, string> = {}): Endpoint {
  let base: URL;
  try {
    base = new URL(raw);
  } catch {
    throw new ModelError(`model URL ${JSON.stringify(raw)} is not a URL`, 'bad_model');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new ModelError(`model URL ${base.protocol}//${base.host} must be http: or https:`, 'bad_model');
  const all: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (typeof v !== 'string') throw new ModelError(`model header ${JSON.stringify(k)} must be a string`, 'bad_model');
    all[k.toLowerCase()] = v;
  }
  if (base.username || base.password) {
    const user = decodeURIComponent(base.username);
    const pass = decodeURIComponent(base.password);
    all.authorization ??= `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    base.username = '';
    base.password = '';
  }
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  base.hash = '';
  return { base, headers: all };
}

/** The URL of a route under the endpoint ('' is the base itself), as errors name it. */
export function routeUrl(ep: Endpoint, route: string): URL {
  const url = new URL(route, ep.base);
  url.search = ep.base.search;
  return url;
}

export interface JsonRequest {
  method: 'GET' | 'POST';
  route: string;
  body?: unknown;
  /** The error code for a 4xx other than 401/403/404/405 (an image the model refuses: 'bad_image'). */
  clientErrorCode?: ModelError['code'];
}

export interface JsonAnswer {
  status: number;
  json: unknown;
  /** URL as errors name it. */
  url: string;
}

/** Sends one request (with retries) and parses the JSON answer; throws ModelError for everything else. */
export async function requestJson(ep: Endpoint, req: JsonRequest, o: RemoteOptions = {}, signal?: AbortSignal): Promise<JsonAnswer> {
  const url = routeUrl(ep, req.route);
  // A query may carry a token: errors name the URL without its values.
  const name = `${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
  const timeoutMs = positive(o.timeoutMs, 'timeoutMs') ?? REMOTE_DEFAULTS.timeoutMs;
  const tries = Math.max(1, Math.floor(positive(o.tries, 'tries') ?? REMOTE_DEFAULTS.tries));
  const backoffMs = positive(o.backoffMs, 'backoffMs', true) ?? REMOTE_DEFAULTS.backoffMs;
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  const headers: Record<string, string> = { accept: 'application/json', ...ep.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw cancelled(name);
    const timer = AbortSignal.timeout(timeoutMs);
    const both = signal ? AbortSignal.any([signal, timer]) : timer;
    const again = attempt < tries;
    let status: number;
    let text: string;
    let retryAfterMs: number | undefined;
    try {
      const res = await fetch(url, { method: req.method, headers, body, signal: both, redirect: 'follow' });
      status = res.status;
      retryAfterMs = retryAfter(res.headers.get('retry-after'));
      text = await readCapped(res, name);
    } catch (err) {
      if (err instanceof ModelError) throw err;
      if (signal?.aborted) throw cancelled(name);
      if (timer.aborted) throw new ModelError(`${req.method} ${name} did not answer within ${seconds(timeoutMs)} (not retried)`, 'unreachable');
      const code = errorCode(err);
      if (again && code !== undefined && RETRY_CODES.has(code)) {
        await sleep(backoffMs * 2 ** (attempt - 1), signal, name);
        continue;
      }
      throw new ModelError(`cannot reach ${req.method} ${name}: ${code ?? (err as Error).message}${attempt > 1 ? ` (after ${attempt} tries)` : ''}`, 'unreachable');
    }
    if (status >= 500 || status === 429) {
      if (again) {
        await sleep(Math.max(backoffMs * 2 ** (attempt - 1), retryAfterMs ?? 0), signal, name);
        continue;
      }
      throw new ModelError(`${req.method} ${name} answered ${status}${quote(text)} (after ${attempt} ${attempt === 1 ? 'try' : 'tries'})`, 'unreachable');
    }
    if (status === 401 || status === 403) throw new ModelError(`${req.method} ${name} refused the credentials (${status})${quote(text)}`, 'unreachable');
    if (status === 404 || status === 405) throw new ModelError(`${req.method} ${name} answered ${status}: no such route there${quote(text)}`, 'unreachable');
    if (status >= 400) throw new ModelError(`${req.method} ${name} answered ${status}${quote(text)}`, req.clientErrorCode ?? 'bad_response');
    if (status < 200 || status >= 300) throw new ModelError(`${req.method} ${name} answered ${status}, expected 2xx`, 'bad_response');
    return { status, json: parseJson(text, `${req.method} ${name}`), url: name };
  }
}

function parseJson(text: string, name: string): unknown {
  if (text.trim() === '') throw new ModelError(`${name} answered an empty body, expected JSON`, 'bad_response');
  try {
    return JSON.parse(text);
  } catch (err) {
    const bare = /(^|[^\w"])(-?Infinity|NaN)\b/.exec(text);
    if (bare) {
      const at = bare.index + bare[1]!.length;
      throw new ModelError(`${name} answered something that is not JSON: NaN or Infinity (Python's json.dumps writes them) near …${text.slice(Math.max(0, at - 40), at + 20).replace(/\s+/g, ' ')}…`, 'bad_response');
    }
    throw new ModelError(`${name} answered something that is not JSON (${(err as Error).message})${quote(text)}`, 'bad_response');
  }
}

async function readCapped(res: Response, name: string): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_ANSWER_BYTES) {
    await res.body?.cancel();
    throw new ModelError(`${name} answered ${declared} bytes, more than the ${MAX_ANSWER_BYTES} allowed`, 'bad_response');
  }
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > MAX_ANSWER_BYTES) {
      await res.body.cancel().catch(() => {});
      throw new ModelError(`${name} answered more than the ${MAX_ANSWER_BYTES} bytes allowed`, 'bad_response');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The longest a Retry-After header is obeyed; a server asking for more is answered with an error. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Retry-After in seconds or as an HTTP date, in ms (capped); undefined when absent or unreadable. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS) : undefined;
}

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function sleep(ms: number, signal: AbortSignal | undefined, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled(name));
    const done = () => { signal?.removeEventListener('abort', stop); resolve(); };
    const t = setTimeout(done, ms);
    const stop = () => { clearTimeout(t); reject(cancelled(name)); };
    signal?.addEventListener('abort', stop, { once: true });
  });
}

function cancelled(name: string): ModelError {
  return new ModelError(`request to ${name} cancelled`, 'cancelled');
}

function positive(v: number | undefined, key: string, zeroOk = false): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (!zeroOk && v === 0)) throw new ModelError(`model option ${key} must be a ${zeroOk ? 'non-negative' : 'positive'} number, got ${JSON.stringify(v)}`, 'bad_model');
  return v;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} s`;
}

/** A short, one-line excerpt of an answer for an error message. */
export function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '';
  return `: ${flat.length > 200 ? `${flat.slice(0, 200)}…` : flat}`;
}
