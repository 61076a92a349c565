// A local plain HTTP model for tests, answering Cadre's contract (docs/models-http.md): GET / →
// {name, version, classes}; POST / {image: {name, url?, data_base64?, width?, height?}} →
// {model, objects: [{class, x, y, w, h, score, polygon?}], cost_minor?}. A body without an image
// answers 400 {"error"}. Requests are recorded; `misbehave('/', …)` makes the next ones fail.
import { ScriptedServer, type Misbehaviour, type Received, type ScriptedServerOptions } from './scripted-server.ts';

export interface HttpModelImage {
  name: string;
  url?: string;
  data_base64?: string;
  width?: number;
  height?: number;
}

export interface HttpModelInfo {
  name: string;
  version: string;
  classes?: string[];
}

/** What the fake model answers for one image: the contract's body, or anything a broken model might send. */
export type HttpModelAnswer = (image: HttpModelImage) => unknown;

export interface HttpModelOptions extends ScriptedServerOptions {
  info?: HttpModelInfo;
  /** Default: no objects, the model's info, no cost. */
  answer?: HttpModelAnswer;
}

export class HttpModelServer {
  info: HttpModelInfo;
  answer: HttpModelAnswer;

  private constructor(readonly server: ScriptedServer, options: HttpModelOptions) {
    this.info = options.info ?? { name: 'test-detector', version: '1.0.0', classes: ['cat', 'dog'] };
    this.answer = options.answer ?? (() => ({ model: this.info, objects: [] }));
  }

  static async start(options: HttpModelOptions = {}): Promise<HttpModelServer> {
    let self: HttpModelServer | undefined;
    const server = await ScriptedServer.start({
      'GET /': () => ({ json: self!.info }),
      'POST /': (body) => {
        const image = (body as { image?: unknown } | undefined)?.image;
        if (!image || typeof image !== 'object') return { status: 400, json: { error: 'image is required' } };
        return { json: self!.answer(image as HttpModelImage) };
      },
    }, options);
    self = new HttpModelServer(server, options);
    return self;
  }

  /** The model's URL, ending with '/'. */
  get url(): string { return this.server.url; }
  get received(): Received[] { return this.server.received; }
  requests(method?: 'GET' | 'POST'): Received[] { return this.server.requests('/').filter((r) => !method || r.method === method); }
  misbehave(m: Misbehaviour, times = 1): this { this.server.misbehave('/', m, times); return this; }
  behave(): this { this.server.behave(); return this; }
  close(): Promise<void> { return this.server.close(); }
}

export function startHttpModel(options: HttpModelOptions = {}): Promise<HttpModelServer> {
  return HttpModelServer.start(options);
}
