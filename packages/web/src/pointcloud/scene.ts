// Keeps the engine's boxes equal to one frame of the task's CuboidDocument: a frame switch replaces them all,
// an edit upserts or removes only the boxes whose object changed.
import type { PointCloudEngineApi, SceneCuboid } from '@cadre/pointcloud-canvas';
import type { Cuboid, CuboidDocument } from '@cadre/pointcloud-canvas';

export class SceneSync {
  private sent = new Map<string, Cuboid>();
  private frame = -1;

  constructor(private readonly engine: PointCloudEngineApi, private readonly set: CuboidDocument, private readonly colorOf: (label: string) => string) {}

  private scene(o: Cuboid, prediction: boolean): SceneCuboid {
    return { id: o.id, label: o.label, color: this.colorOf(o.label), geometry: o.geometry, ...(o.trackId ? { trackId: o.trackId } : {}), ...(prediction ? { prediction: true } : {}) };
  }

  /** The engine already shows this object (it made the edit itself): do not send it back. */
  acknowledge(id: string): void {
    const o = this.set.get(id);
    if (o) this.sent.set(id, o);
  }

  sync(frame: number): void {
    const now = new Map<string, [Cuboid, boolean]>();
    for (const p of this.set.pendingInFrame(frame)) now.set(p.id, [p, true]);
    for (const o of this.set.inFrame(frame)) now.set(o.id, [o, false]);
    if (frame !== this.frame) {
      this.frame = frame;
      this.engine.setCuboids([...now.values()].map(([o, p]) => this.scene(o, p)));
      this.sent = new Map([...now].map(([id, [o]]) => [id, o]));
      return;
    }
    for (const id of this.sent.keys()) {
      if (!now.has(id)) { this.engine.remove(id); this.sent.delete(id); }
    }
    for (const [id, [o, p]] of now) {
      if (this.sent.get(id) === o) continue;
      this.engine.upsert(this.scene(o, p));
      this.sent.set(id, o);
    }
  }
}
