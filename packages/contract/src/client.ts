// A typed HTTP client for the Cadre API: `call('POST /api/tasks/:taskId/submit', { params, body })`.
// It imports the contract as types only, so a browser bundle carries none of the schemas.
import type { RouteInput, RouteKey, RouteOutput } from './types.ts';

/** An error answer, with the server's code (`{"error": {"code", "message", "details"}}`). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
  }
}

export interface ClientOptions {
  /** Prefix of every path, e.g. `http://localhost:8080`; empty in the browser (same origin). */
  baseUrl?: string;
  /** Sent with every request: `authorization: Bearer <token>` or `cookie: cadre_session=...` from Node. */
  headers?: Record<string, string>;
  /** The browser sends its session cookie with `same-origin`. */
  credentials?: 'omit' | 'same-origin' | 'include';
  fetch?: typeof fetch;
}

type Args<K extends RouteKey> = object extends RouteInput<K> ? [input?: RouteInput<K>] : [input: RouteInput<K>];
export type Call = <K extends RouteKey>(key: K, ...args: Args<K>) => Promise<RouteOutput<K>>;

/** The path of a route with its params filled in and its query appended. */
export function pathOf(template: string, params?: Record<string, unknown>, query?: Record<string, unknown>): string {
  const path = template.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`${template}: missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) search.set(k, String(v));
  const q = search.toString();
  return q ? `${path}?${q}` : path;
}

/**
 * The URL of a route, typed like `call`, for what is not sent as JSON: a raw file body, an `<img>`,
 * an EventSource, a keepalive request.
 */
export function urlOf<K extends RouteKey>(key: K, input: Omit<RouteInput<K>, 'body'>): string {
  const { params, query } = input as { params?: Record<string, unknown>; query?: Record<string, unknown> };
  return pathOf(key.slice(key.indexOf(' ') + 1), params, query);
}

export function createClient(options: ClientOptions = {}): { call: Call } {
  const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const call = async (key: string, input: { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown } = {}): Promise<unknown> => {
    const space = key.indexOf(' ');
    const method = key.slice(0, space);
    const url = (options.baseUrl ?? '') + pathOf(key.slice(space + 1), input.params, input.query);
    const res = await doFetch(url, {
      method,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      headers: { ...options.headers, ...(input.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
    });
    if (res.status === 204) return undefined;
    const text = await res.text();
    const json = parseJson(text, res.headers.get('content-type'));
    if (!res.ok) {
      const e = (json as { error?: { code: string; message: string; details?: unknown } } | null)?.error;
      throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.details);
    }
    return json;
  };
  return { call: call as Call };
}

// JSON answers are parsed; CSV and other text come back as the text.
function parseJson(text: string, type: string | null): unknown {
  if (type !== null && !type.includes('json')) return text;
  try { return JSON.parse(text); } catch { return null; }
}
