// An OpenAI-compatible chat server for tests: `POST /v1/chat/completions` answers in OpenAI's
// shape (id, object "chat.completion", choices[].message, finish_reason, usage), requires the
// bearer key, and answers each conversation with what the test's `reply` decides from the last
// user message. Misbehaviour (429 with Retry-After, 500, dropped connections, malformed bodies) is
// the ScriptedServer's. Tests only.
import { ScriptedServer, type Received } from './scripted-server.ts';

export interface ChatRequest { model: string; messages: Array<{ role: string; content: string }>; temperature?: number; response_format?: unknown }

export async function startOpenAiServer(key: string, reply: (text: string, req: ChatRequest) => string): Promise<ScriptedServer & { chats: () => Received[] }> {
  let n = 0;
  const server = await ScriptedServer.start({
    'POST /v1/chat/completions': (body) => {
      const req = body as ChatRequest;
      if (!req || typeof req.model !== 'string' || !Array.isArray(req.messages) || req.messages.length === 0) {
        return { status: 400, json: { error: { message: "'messages' and 'model' are required", type: 'invalid_request_error', param: null, code: null } } };
      }
      const last = [...req.messages].reverse().find((m) => m.role === 'user')!;
      const content = reply(last.content, req);
      const promptTokens = req.messages.reduce((s, m) => s + Math.ceil(m.content.length / 4), 0);
      return {
        json: {
          id: `chatcmpl-${++n}`, object: 'chat.completion', created: 1_700_000_000 + n, model: req.model,
          choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: 'stop' }],
          usage: { prompt_tokens: promptTokens, completion_tokens: Math.ceil(content.length / 4), total_tokens: promptTokens + Math.ceil(content.length / 4) },
        },
      };
    },
  }, { requireHeaders: { authorization: `Bearer ${key}` } });
  return Object.assign(server, { chats: () => server.requests('/v1/chat/completions') });
}
