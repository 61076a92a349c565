/**
 * The prompt an LLM annotator gets: the classes of the project's ontology with their descriptions,
 * a few examples people accepted, and the rule that the answer is one JSON object naming one class.
 */
export interface LlmClass { name: string; description?: string }
export interface LlmExample { text: string; label: string }
export interface ChatMessage { role: 'system' | 'user' | 'assistant'; content: string }

export function classificationMessages(classes: readonly LlmClass[], examples: readonly LlmExample[], text: string): ChatMessage[] {
  const list = classes.map((c) => `- ${c.name}${c.description ? `: ${c.description}` : ''}`).join('\n');
  const system = [
    'You label texts for a data-labelling team. Choose exactly one class for the text, from this list:',
    list,
    'Answer with one JSON object and nothing else: {"label": "<class name exactly as listed>"}.',
  ].join('\n');
  const messages: ChatMessage[] = [{ role: 'system', content: system }];
  for (const e of examples) {
    messages.push({ role: 'user', content: e.text }, { role: 'assistant', content: JSON.stringify({ label: e.label }) });
  }
  messages.push({ role: 'user', content: text });
  return messages;
}

/** The follow-up when an answer could not be read: says what was wrong and asks again. */
export function correction(problem: string, classes: readonly LlmClass[]): ChatMessage {
  return { role: 'user', content: `That answer ${problem}. Answer again with only {"label": "..."} where the label is one of: ${classes.map((c) => c.name).join(', ')}.` };
}

/**
 * Reads the label from an answer: a JSON object with "label" (fenced in ``` or surrounded by
 * prose is tolerated), matched to a class exactly, else ignoring case and surrounding spaces.
 */
export function readLabel(content: string, classes: readonly LlmClass[]): { label: string } | { problem: string } {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end < start) return { problem: 'was not a JSON object' };
  let doc: unknown;
  try { doc = JSON.parse(content.slice(start, end + 1)); } catch { return { problem: 'was not valid JSON' }; }
  const label = (doc as { label?: unknown })?.label;
  if (typeof label !== 'string' || label.trim() === '') return { problem: 'had no "label" string' };
  const exact = classes.find((c) => c.name === label);
  if (exact) return { label: exact.name };
  const loose = classes.filter((c) => c.name.trim().toLowerCase() === label.trim().toLowerCase());
  if (loose.length === 1) return { label: loose[0]!.name };
  return { problem: `named ${JSON.stringify(label.slice(0, 80))}, which is not one of the classes` };
}
