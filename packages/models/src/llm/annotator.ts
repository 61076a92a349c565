import { ModelError } from '../types.ts';
import { endpoint, requestJson, type Endpoint } from '../http/request.ts';
import { Reader } from '../http/fields.ts';
import type { LlmConfig } from './config.ts';
import { classificationMessages, correction, readLabel, type ChatMessage, type LlmClass, type LlmExample } from './prompt.ts';

export interface LlmUsage { promptTokens: number; completionTokens: number; requests: number }

export interface LlmAnswer {
  /** The class chosen; null when no readable answer came after the correction. */
  label: string | null;
  /** The model's last answer, as it wrote it. */
  raw: string;
  /** Why there is no label (unreadable answer, or the endpoint failing after its retries). */
  error?: string;
  /** `unreachable` when the endpoint failed (after its retries), not the answer: a job tries again later. */
  code?: ModelError['code'];
  usage: LlmUsage;
}

/**
 * An LLM as a text annotator: one chat request a text (temperature 0), the answer checked against
 * the classes, one correcting follow-up when it cannot be read. Transport failures (429 and 5xx
 * with backoff and Retry-After, dropped connections) are retried by the shared request rules; a
 * limiter keeps to the configured concurrency and requests per minute. Tokens are counted from the
 * answers' `usage`.
 */
export class LlmAnnotator {
  private readonly ep: Endpoint;
  private readonly gate: Limiter;
  readonly usage: LlmUsage = { promptTokens: 0, completionTokens: 0, requests: 0 };

  constructor(private readonly config: LlmConfig, private readonly classes: readonly LlmClass[], private readonly examples: readonly LlmExample[] = []) {
    if (classes.length < 2) throw new ModelError(`an LLM annotator needs at least 2 classes, got ${classes.length}`, 'bad_model');
    if (new Set(classes.map((c) => c.name)).size !== classes.length) throw new ModelError('class names must be distinct', 'bad_model');
    this.ep = endpoint(config.baseUrl, config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {});
    this.gate = new Limiter(config.concurrency ?? 4, config.requestsPerMinute);
  }

  /** Cost of the tokens used so far, at the configured prices per million. */
  get cost(): number {
    return (this.usage.promptTokens * (this.config.pricePerMillionInput ?? 0) + this.usage.completionTokens * (this.config.pricePerMillionOutput ?? 0)) / 1e6;
  }

  async label(text: string, signal?: AbortSignal): Promise<LlmAnswer> {
    const usage: LlmUsage = { promptTokens: 0, completionTokens: 0, requests: 0 };
    const messages = classificationMessages(this.classes, this.examples, text);
    let raw = '';
    try {
      for (let round = 0; round < 2; round++) {
        raw = await this.chat(messages, usage, signal);
        const read = readLabel(raw, this.classes);
        if ('label' in read) return { label: read.label, raw, usage };
        if (round === 1) return { label: null, raw, error: `the answer ${read.problem}, also after a correction`, usage };
        messages.push({ role: 'assistant', content: raw }, correction(read.problem, this.classes));
      }
    } catch (err) {
      if (err instanceof ModelError && err.code !== 'cancelled') return { label: null, raw, error: err.message, code: err.code, usage };
      throw err;
    }
    throw new Error('unreachable');
  }

  private async chat(messages: ChatMessage[], usage: LlmUsage, signal?: AbortSignal): Promise<string> {
    const answer = await this.gate.run(() => requestJson(this.ep, {
      method: 'POST', route: 'chat/completions',
      body: { model: this.config.model, messages, temperature: 0, response_format: { type: 'json_object' } },
    }, this.config, signal));
    const r: Reader = new Reader(answer.url);
    const doc = r.object(answer.json, 'the body');
    const choice = r.object(r.array(doc.choices, 'choices')[0], 'choices[0]');
    const content = r.object(choice.message, 'choices[0].message').content;
    if (typeof content !== 'string') r.fail('choices[0].message.content', 'without text');
    const u = doc.usage === undefined || doc.usage === null ? {} : r.object(doc.usage, 'usage');
    const prompt = r.optionalNumber(u.prompt_tokens, 'usage.prompt_tokens') ?? 0;
    const completion = r.optionalNumber(u.completion_tokens, 'usage.completion_tokens') ?? 0;
    for (const into of [usage, this.usage]) {
      into.promptTokens += prompt;
      into.completionTokens += completion;
      into.requests++;
    }
    return content;
  }
}

/** At most `concurrency` tasks at once, and starts spaced to keep under `perMinute`. */
class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private nextStart = 0;

  constructor(private readonly concurrency: number, private readonly perMinute?: number) {
    if (!(concurrency >= 1)) throw new ModelError(`concurrency must be at least 1, got ${concurrency}`, 'bad_model');
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      if (this.perMinute) {
        const now = Date.now();
        const at = Math.max(now, this.nextStart);
        this.nextStart = at + 60_000 / this.perMinute;
        if (at > now) await new Promise((r) => setTimeout(r, at - now));
      }
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
