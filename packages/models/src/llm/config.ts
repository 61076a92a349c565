import { ModelError } from '../types.ts';
import type { RemoteOptions } from '../http/request.ts';

/**
 * An OpenAI-compatible chat endpoint: any server that answers `POST {baseUrl}/chat/completions`
 * the way OpenAI's does (OpenAI, Azure's compatible routes, vLLM, llama.cpp, Ollama, LM Studio …).
 * The key is kept only in memory and sent only as the Authorization header; nothing that prints
 * or stores a config shows it (`describeLlm`).
 */
export interface LlmConfig extends RemoteOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Requests started per minute at most (default: no limit). */
  requestsPerMinute?: number;
  /** Price per million tokens, for the cost ledger (default 0: a local model). */
  pricePerMillionInput?: number;
  pricePerMillionOutput?: number;
}

/** From CADRE_LLM_BASE_URL, CADRE_LLM_MODEL, CADRE_LLM_API_KEY and the optional CADRE_LLM_* limits and prices. */
export function llmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LlmConfig {
  const baseUrl = env.CADRE_LLM_BASE_URL?.trim();
  const model = env.CADRE_LLM_MODEL?.trim();
  if (!baseUrl) throw new ModelError('no LLM endpoint configured: set CADRE_LLM_BASE_URL (e.g. https://api.openai.com/v1) and CADRE_LLM_MODEL', 'bad_model');
  if (!model) throw new ModelError('no LLM model configured: set CADRE_LLM_MODEL (e.g. gpt-4o-mini)', 'bad_model');
  const num = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new ModelError(`${name} must be a number of at least 0, got ${JSON.stringify(raw)}`, 'bad_model');
    return n;
  };
  return {
    baseUrl, model, apiKey: env.CADRE_LLM_API_KEY || undefined,
    concurrency: num('CADRE_LLM_CONCURRENCY'), requestsPerMinute: num('CADRE_LLM_RPM'),
    pricePerMillionInput: num('CADRE_LLM_PRICE_INPUT'), pricePerMillionOutput: num('CADRE_LLM_PRICE_OUTPUT'),
    timeoutMs: num('CADRE_LLM_TIMEOUT_MS'), tries: num('CADRE_LLM_TRIES'),
  };
}

/** What may be shown or stored about a config: everything but the key. */
export function describeLlm(c: LlmConfig): { baseUrl: string; model: string; key: 'set' | 'none' } {
  let base = c.baseUrl;
  try {
    const u = new URL(c.baseUrl);
    u.username = '';
    u.password = '';
    u.search = '';
    base = u.toString();
  } catch { /* reported when used */ }
  return { baseUrl: base, model: c.model, key: c.apiKey ? 'set' : 'none' };
}
