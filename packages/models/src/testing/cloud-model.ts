// A local 3D detector for tests, answering Cadre's contract (docs/models-http.md): POST /
// {frame: {name, index, count, points_base64}} → {boxes: [{x, y, z, dx, dy, dz, yaw, class, score}]}.
// The points are decoded as a real model would read them; a frame whose count does not match its
// points answers 400. Requests are recorded; `misbehave(…)` makes the next ones fail.
import { ScriptedServer, type Misbehaviour, type Received, type ScriptedServerOptions } from './scripted-server.ts';

export interface ReceivedFrame { name: string; index: number | null; positions: Float32Array }

export interface CloudModelOptions extends ScriptedServerOptions {
  /** The answer's body for one frame (default: no boxes). */
  answer?: (frame: ReceivedFrame) => unknown;
}

export class CloudModelServer {
  readonly frames: ReceivedFrame[] = [];
  private constructor(readonly server: ScriptedServer) {}

  static async start(options: CloudModelOptions = {}): Promise<CloudModelServer> {
    let self: CloudModelServer | undefined;
    const server = await ScriptedServer.start({
      'POST /': (body) => {
        const f = (body as { frame?: Record<string, unknown> } | undefined)?.frame;
        if (!f || typeof f.points_base64 !== 'string' || typeof f.count !== 'number') return { status: 400, json: { error: 'frame.points_base64 and frame.count are required' } };
        const bytes = Buffer.from(f.points_base64, 'base64');
        if (bytes.length !== f.count * 12) return { status: 400, json: { error: `frame.count ${f.count} but ${bytes.length} bytes of points` } };
        const positions = new Float32Array(f.count * 3);
        for (let i = 0; i < positions.length; i++) positions[i] = bytes.readFloatLE(i * 4);
        const frame = { name: String(f.name), index: typeof f.index === 'number' ? f.index : null, positions };
        self!.frames.push(frame);
        return { json: options.answer ? options.answer(frame) : { boxes: [] } };
      },
    }, options);
    self = new CloudModelServer(server);
    return self;
  }

  /** The model's URL, ending with '/'. */
  get url(): string { return this.server.url; }
  get received(): Received[] { return this.server.received; }
  misbehave(m: Misbehaviour, times = 1): this { this.server.misbehave('/', m, times); return this; }
  close(): Promise<void> { return this.server.close(); }
}

export function startCloudModel(options: CloudModelOptions = {}): Promise<CloudModelServer> {
  return CloudModelServer.start(options);
}
