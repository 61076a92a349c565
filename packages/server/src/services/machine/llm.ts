// An LLM as a text annotator in a machine job: the project's text classes are its classes, a few
// labels people accepted (one a class, in turn) are its examples, and its key comes from the
// server's environment (the variable the spec names), never from the database. A text it cannot
// label (an unreadable answer, also after a correction) goes on to people without a proposal; an
// endpoint that is down fails the attempt, which the queue retries later.
import type { LabeledObject, Ontology } from '@cadre/core';
import { learning, type ItemRow } from '@cadre/db';
import { LlmAnnotator, ModelError, type Detection, type ModelSpec } from '@cadre/models';
import type { ServiceDeps } from '../context.ts';
import { classOf, textClassesOf } from './text-learning.ts';

export type LlmSpec = Extract<ModelSpec, { type: 'llm' }>;
export const DEFAULT_KEY_ENV = 'CADRE_LLM_API_KEY';

export async function openLlm(deps: ServiceDeps, projectId: string, ontology: Ontology, spec: LlmSpec): Promise<LlmAnnotator> {
  const classes = textClassesOf(ontology);
  if (classes.length < 2) throw new ModelError(`an LLM labels texts with the project's text classification (text_class) classes; this project has ${classes.length}`, 'bad_model');
  const wanted = Math.min(spec.examples ?? 5, 20);
  const examples: Array<{ text: string; label: string }> = [];
  if (wanted > 0) {
    const byClass = new Map<string, string[]>();
    for (const t of await learning.texts(deps.db, projectId)) {
      const label = t.author_kind === 'human' ? classOf(t.payload) : null;
      if (label && classes.includes(label) && t.content.length <= 1000) byClass.set(label, [...(byClass.get(label) ?? []), t.content]);
    }
    for (let k = 0; examples.length < wanted && [...byClass.values()].some((v) => v.length > k); k++) {
      for (const [label, texts] of byClass) if (texts[k] !== undefined && examples.length < wanted) examples.push({ text: texts[k]!, label });
    }
  }
  return new LlmAnnotator({
    baseUrl: spec.baseUrl, model: spec.model, apiKey: process.env[spec.apiKeyEnv ?? DEFAULT_KEY_ENV] || undefined,
    concurrency: spec.concurrency ?? 1, ...(spec.requestsPerMinute ? { requestsPerMinute: spec.requestsPerMinute } : {}),
    pricePerMillionInput: spec.priceInputPerMillionMinor ?? 0, pricePerMillionOutput: spec.priceOutputPerMillionMinor ?? 0,
  }, classes.map((name) => ({ name })), examples);
}

export type LlmOutcome =
  | { ok: true; objects: LabeledObject[]; unmapped: Record<string, number>; detection: Detection }
  | { ok: false; error: string; unmapped: Record<string, number> };

/** One text labelled: its class as a text_class object, the tokens' cost as the call's cost. */
export async function labelText(llm: LlmAnnotator, item: ItemRow, signal?: AbortSignal): Promise<LlmOutcome> {
  if (item.kind !== 'text') return { ok: false, error: `item ${item.id} is a ${item.kind} item; an LLM labels texts`, unmapped: {} };
  const before = llm.cost;
  const started = performance.now();
  const answer = await llm.label(item.content ?? '', signal);
  if (answer.code === 'unreachable') throw new ModelError(answer.error ?? 'the LLM endpoint cannot be reached', 'unreachable');
  if (answer.label === null) return { ok: false, error: answer.error ?? 'no label', unmapped: {} };
  return {
    ok: true, unmapped: {},
    objects: [{ id: 'm0', label: answer.label, kind: 'text_class', attributes: {}, geometry: null } as LabeledObject],
    detection: { proposals: [], machineMs: performance.now() - started, costMinor: Math.round(llm.cost - before) },
  };
}
