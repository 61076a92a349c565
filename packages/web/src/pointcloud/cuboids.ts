// The boxes of one task, framework-free: people's boxes and the machine proposals still waiting
// for a decision, across every frame of a sequence. The engine only draws what this holds; the
// panels read it; the page saves `toPayload()`.
import { newId, type AnnotationPayload, type Cuboid3dGeometry, type ObjectOrigin } from '@cadre/core';
import { fillKeyframes } from './keyframes.ts';
import { LabelStore } from '../workspace/label-store.ts';

export interface Cuboid {
  id: string;
  label: string;
  kind: 'cuboid3d';
  geometry: Cuboid3dGeometry;
  attributes: Record<string, unknown>;
  trackId?: string;
  frame?: number;
  keyframe?: boolean;
  origin?: ObjectOrigin;
  predictionId?: string;
  score?: number;
}

export type NewCuboid = Pick<Cuboid, 'label' | 'geometry' | 'attributes'> & { trackId?: string; frame?: number };

export class CuboidSet extends LabelStore<Cuboid> {
  /** `frameCount` > 1 makes this a sequence: boxes carry frame, track and keyframe. */
  /** `times`: when each frame was taken (frameTimes), so interpolation follows time, not frame count. */
  constructor(readonly frameCount: number, objects: Cuboid[] = [], proposals: Cuboid[] = [], readonly times: readonly number[] | null = null) {
    super(objects, proposals);
  }

  get sequence(): boolean { return this.frameCount > 1; }

  inFrame(frame: number): Cuboid[] { return this.all().filter((o) => this.onFrame(o, frame)); }
  pendingInFrame(frame: number): Cuboid[] { return this.pending().filter((o) => this.onFrame(o, frame)); }
  private onFrame(o: Cuboid, frame: number): boolean { return !this.sequence || (o.frame ?? 0) === frame; }

  /** A box placed by hand (a fit, a copy): on a sequence it is a keyframe of its (new or given) track. */
  add(input: NewCuboid): Cuboid {
    const { frame, trackId, ...rest } = input;
    const o: Cuboid = { id: newId(), kind: 'cuboid3d', origin: 'human', ...rest };
    // Frame, track and keyframe mean something on a sequence only.
    if (this.sequence) Object.assign(o, { frame: frame ?? 0, trackId: trackId ?? newId(), keyframe: true });
    if (o.trackId) this.dropTrackAt(o.trackId, o.frame ?? 0);
    this.objects.set(o.id, o);
    this.refill(o.trackId);
    this.changed();
    return o;
  }

  /** A person moved or resized the box: it becomes a keyframe and its track is interpolated again. */
  setGeometry(id: string, geometry: Cuboid3dGeometry): void {
    const o = this.objects.get(id);
    if (!o) return;
    const origin = o.origin === 'prediction_accepted' ? 'prediction_edited' : o.origin;
    const next: Cuboid = { ...o, geometry, ...(origin ? { origin } : {}), ...(this.sequence ? { keyframe: true } : {}) };
    this.objects.set(id, next);
    this.refill(o.trackId);
    this.changed();
  }

  /** Class and attributes belong to the physical object: on a sequence the whole track changes. */
  setLabel(id: string, label: string, attributes: Record<string, unknown>): void {
    this.forTrackOf(id, (o) => ({ ...o, label, attributes, ...editedOrigin(o) }));
  }

  setAttributes(id: string, attributes: Record<string, unknown>): void {
    this.forTrackOf(id, (o) => ({ ...o, attributes, ...editedOrigin(o) }));
  }

  remove(id: string): void {
    const o = this.objects.get(id);
    if (this.proposals.delete(id)) return this.changed();
    if (!o) return;
    this.objects.delete(id);
    if (o.keyframe) this.refill(o.trackId);
    this.changed();
  }

  /** Every box of a track, on every frame. */
  removeTrack(trackId: string): void {
    for (const o of this.objects.values()) if (o.trackId === trackId) this.objects.delete(o.id);
    this.changed();
  }

  /** Turns a proposal into a box that remembers which prediction it came from. */
  accept(id: string): Cuboid | undefined {
    const p = this.proposals.get(id);
    if (!p) return undefined;
    this.proposals.delete(id);
    const { score: _score, ...rest } = p;
    const o: Cuboid = { ...rest, id: newId(), origin: 'prediction_accepted', predictionId: p.id, ...(this.sequence ? { keyframe: true } : {}) };
    if (o.trackId) this.dropTrackAt(o.trackId, o.frame ?? 0);
    this.objects.set(o.id, o);
    this.refill(o.trackId);
    this.changed();
    return o;
  }

  /** The same box, same track, as a keyframe on the next frame (replacing what the track had there). */
  copyToNext(id: string): Cuboid | undefined {
    const o = this.objects.get(id);
    if (!o || !this.sequence || (o.frame ?? 0) + 1 >= this.frameCount) return undefined;
    const { id: _id, keyframe: _k, origin: _o, predictionId: _p, ...rest } = o;
    return this.add({ ...rest, frame: (o.frame ?? 0) + 1 });
  }

  /** Tracks of a sequence: id, class and the frames where they have a box. */
  tracks(): { trackId: string; label: string; frames: number[]; keyframes: number[] }[] {
    const map = new Map<string, { trackId: string; label: string; frames: number[]; keyframes: number[] }>();
    for (const o of this.objects.values()) {
      if (!o.trackId) continue;
      const t = map.get(o.trackId) ?? { trackId: o.trackId, label: o.label, frames: [], keyframes: [] };
      t.frames.push(o.frame ?? 0);
      if (o.keyframe) t.keyframes.push(o.frame ?? 0);
      map.set(o.trackId, t);
    }
    for (const t of map.values()) { t.frames.sort((a, b) => a - b); t.keyframes.sort((a, b) => a - b); }
    return [...map.values()];
  }

  toPayload(): AnnotationPayload {
    return { schemaVersion: 1, objects: this.all() as AnnotationPayload['objects'] };
  }

  private forTrackOf(id: string, change: (o: Cuboid) => Cuboid): void {
    const o = this.objects.get(id);
    if (!o) return;
    for (const other of this.objects.values()) {
      if (other.id === id || (o.trackId !== undefined && other.trackId === o.trackId)) this.objects.set(other.id, change(other));
    }
    this.changed();
  }

  private dropTrackAt(trackId: string, frame: number): void {
    for (const o of this.objects.values()) if (o.trackId === trackId && (o.frame ?? 0) === frame) this.objects.delete(o.id);
  }

  /** Recomputes the interpolated (keyframe = false) boxes of a track between its keyframes. */
  private refill(trackId: string | undefined): void {
    if (!this.sequence || trackId === undefined) return;
    const boxes = this.all().filter((o) => o.trackId === trackId);
    const keys = boxes.filter((o) => o.keyframe !== false).sort((a, b) => (a.frame ?? 0) - (b.frame ?? 0));
    const old = new Map(boxes.filter((o) => o.keyframe === false).map((o) => [o.frame ?? 0, o]));
    for (const o of old.values()) this.objects.delete(o.id);
    const first = keys[0];
    if (!first) return;
    // A pre-label of the same track still waiting on a frame is shown there instead.
    const waiting = new Set(this.pending().filter((p) => p.trackId === trackId).map((p) => p.frame ?? 0));
    for (const { frame, geometry } of fillKeyframes(keys.map((k) => ({ frame: k.frame ?? 0, geometry: k.geometry })), this.frameCount, this.times)) {
      if (waiting.has(frame)) continue;
      const id = old.get(frame)?.id ?? newId();
      const { predictionId: _p, origin: _o, ...rest } = first;
      this.objects.set(id, { ...rest, id, frame, geometry, keyframe: false, origin: 'human' });
    }
  }
}

/** A machine box given a new class or attributes is edited, as one moved or resized is (core's provenance rule). */
function editedOrigin(o: Cuboid): Partial<Cuboid> {
  return o.origin === 'prediction_accepted' ? { origin: 'prediction_edited' } : {};
}
