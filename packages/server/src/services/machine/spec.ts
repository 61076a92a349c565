// A model spec from the wire, checked field by field before anything opens it.
import type { ModelSpec } from '@cadre/models';
import { invalid } from '../../errors.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const share = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
const httpUrl = (v: unknown) => typeof v === 'string' && URL.canParse(v) && /^https?:$/.test(new URL(v).protocol);

/** The spec, or a validation error listing every bad field. */
export function checkSpec(input: unknown): ModelSpec {
  if (!isRecord(input)) throw invalid('spec: must be an object like { "type": "default" }');
  const problems: string[] = [];
  const type = input.type;
  if (type === 'onnx') {
    if (typeof input.file !== 'string' || input.file === '') problems.push('spec.file: the path of the .onnx file on the server');
    if (!Array.isArray(input.classes) || input.classes.length === 0 || !input.classes.every((c) => typeof c === 'string' && c !== '')) {
      problems.push('spec.classes: the class names in the model\'s output order (YOLO heads carry none)');
    }
    if (input.inputSize !== undefined && !(Number.isInteger(input.inputSize) && (input.inputSize as number) >= 32)) problems.push('spec.inputSize: an integer of at least 32');
  } else if (type === 'ls-backend' || type === 'http') {
    if (!httpUrl(input.url)) problems.push('spec.url: an http(s) URL');
  } else if (type === 'lidar') {
    if (input.maxRange !== undefined && !(typeof input.maxRange === 'number' && input.maxRange >= 5 && input.maxRange <= 250)) problems.push('spec.maxRange: metres from 5 to 250');
    if (input.url !== undefined && !httpUrl(input.url)) problems.push('spec.url: the http(s) URL of your 3D detector (leave it out for the shipped auto-labeller)');
    if (input.headers !== undefined && !(isRecord(input.headers) && Object.values(input.headers).every((v) => typeof v === 'string'))) problems.push('spec.headers: an object of header name → text');
    for (const k of ['timeoutMs', 'tries', 'backoffMs']) {
      if (input[k] !== undefined && !(typeof input[k] === 'number' && Number.isFinite(input[k]) && (input[k] as number) >= 0)) problems.push(`spec.${k}: a number of at least 0`);
    }
    const remote = input.url === undefined ? [] : ['url', 'headers', 'timeoutMs', 'tries', 'backoffMs'];
    const unknown = Object.keys(input).filter((k) => !['type', 'minScore', 'maxRange', ...remote].includes(k));
    if (unknown.length > 0) problems.push(`spec: a lidar model takes minScore, maxRange and url (with headers, timeoutMs, tries, backoffMs) only (not ${unknown.join(', ')})`);
  } else if (type === 'llm') {
    if (!httpUrl(input.baseUrl)) problems.push('spec.baseUrl: the http(s) URL of an OpenAI-compatible API (e.g. https://api.openai.com/v1)');
    if (typeof input.model !== 'string' || input.model.trim() === '') problems.push('spec.model: the model name the endpoint knows (e.g. gpt-4o-mini)');
    if (input.apiKeyEnv !== undefined && !(typeof input.apiKeyEnv === 'string' && /^[A-Z_][A-Z0-9_]*$/.test(input.apiKeyEnv))) problems.push('spec.apiKeyEnv: the name of the environment variable holding the key (e.g. CADRE_LLM_API_KEY); the key itself is never stored');
    for (const k of ['apiKey', 'key', 'token']) if (input[k] !== undefined) problems.push(`spec.${k}: the key is not stored with the model; put it in the server's environment and name the variable in apiKeyEnv`);
    for (const k of ['examples', 'priceInputPerMillionMinor', 'priceOutputPerMillionMinor', 'concurrency', 'requestsPerMinute']) {
      if (input[k] !== undefined && !(typeof input[k] === 'number' && Number.isFinite(input[k]) && (input[k] as number) >= 0)) problems.push(`spec.${k}: a number of at least 0`);
    }
  } else if (type === 'text') {
    problems.push('spec.type: the text learner (cadre-text) is shipped and trained per project; turn on activeLearning in the project settings or POST /api/projects/:projectId/learn');
  } else if (type !== 'default') {
    problems.push(`spec.type: one of default, onnx, ls-backend, http, lidar, llm (got ${JSON.stringify(type)})`);
  }
  if (input.minScore !== undefined && !share(input.minScore)) problems.push('spec.minScore: a number from 0 to 1');
  if (input.nmsIou !== undefined && !share(input.nmsIou)) problems.push('spec.nmsIou: a number from 0 to 1');
  if (input.maxProposals !== undefined && !(Number.isInteger(input.maxProposals) && (input.maxProposals as number) > 0)) problems.push('spec.maxProposals: a positive integer');
  if (input.classMinScore !== undefined && !(isRecord(input.classMinScore) && Object.values(input.classMinScore).every(share))) {
    problems.push('spec.classMinScore: an object of class name → number from 0 to 1');
  }
  if (problems.length > 0) throw invalid(`bad model spec: ${problems.join('; ')}`, { problems });
  return input as unknown as ModelSpec;
}
