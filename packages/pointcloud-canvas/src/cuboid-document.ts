/**
 * The boxes of one 3D task, framework-free: people's boxes ('objects') and the machine proposals
 * still waiting ('predictions'), across every frame of a sequence, in a @cadre/document Document
 * with its History. Every command below is one undo step (a track's interpolated boxes change in
 * the same step as the keyframe that moved them); a pointer drag is one step between `begin` and
 * `end`. The engine draws what this holds; the host's panels read it; drafts save `toPayload()`.
 */
import { newId, type AnnotationPayload, type Cuboid3dGeometry } from '@cadre/core';
import { Document, History, historyKey, type Change, type HistoryKeyInput } from '@cadre/document';
import { fillTrack } from '@cadre/pointcloud';
import type { Cuboid, NewCuboid, Track } from './cuboid.ts';

const frameOf = (o: Cuboid) => o.frame ?? 0;

export class CuboidDocument {
  readonly document = new Document<Cuboid>();
  readonly history: History<Cuboid>;
  /** Bumped on every change (commands, undo, redo): a host's view reads it to know when to look again. */
  version = 0;
  private readonly carriedTo = new Set<(proposals: Cuboid[], corrected: Cuboid) => void>();
  private readonly moved = new Set<string>();
  /** Predictions whose proposals arrived while the task was open (their ids, for the draft). */
  readonly arrived = new Set<string>();

  /**
   * `frameCount` > 1 makes this a sequence: boxes carry frame, track and keyframe. `times`: when each
   * frame was taken, so interpolation follows time, not frame count.
   */
  constructor(readonly frameCount: number, objects: readonly Cuboid[] = [], proposals: readonly Cuboid[] = [], readonly times: readonly number[] | null = null) {
    this.document.events.on('change', () => { this.version++; });
    this.document.load({ objects, predictions: proposals });
    this.history = new History(this.document);
  }

  get sequence(): boolean { return this.frameCount > 1; }

  /** Calls `fn` after every change of the boxes (undo and redo too); returns the unsubscribe function. */
  onChange(fn: () => void): () => void { return this.document.events.on('change', fn); }

  get(id: string): Cuboid | undefined { return this.document.get(id) ?? this.document.get(id, 'predictions'); }
  isProposal(id: string): boolean { return this.document.has(id, 'predictions'); }
  all(): Cuboid[] { return this.document.all('objects'); }
  pending(): Cuboid[] { return this.document.all('predictions'); }
  inFrame(frame: number): Cuboid[] { return this.all().filter((o) => this.onFrame(o, frame)); }
  pendingInFrame(frame: number): Cuboid[] { return this.pending().filter((o) => this.onFrame(o, frame)); }

  /** A box placed by hand (a fit, a copy): on a sequence it is a keyframe of its (new or given) track. */
  add(input: NewCuboid, label = 'create box'): Cuboid {
    const { frame, trackId, ...rest } = input;
    const o: Cuboid = { id: newId(), kind: 'cuboid3d', origin: 'human', ...rest };
    if (this.sequence) Object.assign(o, { frame: frame ?? 0, trackId: trackId ?? newId(), keyframe: true });
    return this.history.transact(label, () => this.place(o, label));
  }

  /**
   * A person moved, resized or turned the box: it becomes a keyframe and its track is interpolated
   * again, and the correction is carried to the track's proposals still waiting on later frames (see
   * `carry`); those are told to `onCarried` listeners, which fit them again on their own frames.
   */
  setGeometry(id: string, geometry: Cuboid3dGeometry, label = 'edit box'): void {
    const o = this.document.get(id);
    if (!o) return;
    const origin = o.origin === 'prediction_accepted' ? 'prediction_edited' : o.origin;
    const next: Cuboid = { ...o, geometry, ...(origin ? { origin } : {}), ...(this.sequence ? { keyframe: true } : {}) };
    const carried = this.history.transact(label, () => {
      this.document.update(id, () => next, label);
      this.refill(o.trackId, label);
      return this.carry(o, geometry, label);
    });
    if (carried.length > 0) for (const fn of this.carriedTo) fn(carried, this.document.get(id)!);
  }

  /** Calls `fn` with the waiting proposals a correction was carried to, and the corrected box; returns the unsubscribe function. */
  onCarried(fn: (proposals: Cuboid[], corrected: Cuboid) => void): () => void {
    this.carriedTo.add(fn);
    return () => { this.carriedTo.delete(fn); };
  }

  /** A waiting proposal fitted again on its frame (after a carried correction). */
  refitProposal(id: string, geometry: Cuboid3dGeometry): void {
    if (!this.isProposal(id)) return;
    this.moved.add(id);
    this.document.update(id, (p) => ({ ...p, geometry }), 're-fit pre-label', 'predictions');
  }

  /** Whether a correction moved this waiting proposal from where the machine put it (the draft keeps where it went). */
  wasMoved(id: string): boolean { return this.moved.has(id); }

  /** Class and attributes belong to the physical object: on a sequence the whole track changes. */
  setLabel(id: string, label: string, attributes: Record<string, unknown>): void {
    this.forTrackOf(id, 'change class', (o) => ({ ...o, label, attributes, ...editedOrigin(o) }));
  }

  setAttributes(id: string, attributes: Record<string, unknown>): void {
    this.forTrackOf(id, 'change attributes', (o) => ({ ...o, attributes, ...editedOrigin(o) }));
  }

  /** Deletes a box (its track's interpolation follows) or a waiting proposal. */
  remove(id: string): void {
    if (this.isProposal(id)) return this.document.remove(id, 'delete pre-label', 'predictions');
    const o = this.document.get(id);
    if (!o) return;
    this.history.transact('delete box', () => {
      this.document.remove(id, 'delete box');
      if (o.keyframe) this.refill(o.trackId, 'delete box');
    });
  }

  /** Every box of a track, on every frame. */
  removeTrack(trackId: string): void {
    this.document.remove(this.all().filter((o) => o.trackId === trackId).map((o) => o.id), 'delete track');
  }

  /** Proposals that arrived while the task is open (an auto-label job): waiting beside the others, one undo step. */
  addProposals(proposals: readonly Cuboid[], predictionIds: readonly string[] = []): void {
    for (const id of predictionIds) this.arrived.add(id);
    const fresh = proposals.filter((p) => !this.get(p.id) && !this.all().some((o) => o.predictionId === p.id));
    if (fresh.length === 0) return;
    this.history.transact('auto-label', () => { for (const p of fresh) this.document.add(p, 'auto-label', 'predictions'); });
  }

  /** Turns a proposal into a box that remembers which prediction it came from. */
  accept(id: string): Cuboid | undefined {
    return this.acceptAll([id])[0];
  }

  /** Accepts these proposals as one step. */
  acceptAll(ids: readonly string[]): Cuboid[] {
    const label = ids.length === 1 ? 'accept pre-label' : 'accept pre-labels';
    return this.history.transact(label, () => ids.flatMap((id) => {
      const p = this.document.get(id, 'predictions');
      if (!p) return [];
      this.document.remove(id, label, 'predictions');
      const { score: _score, ...rest } = p;
      const o: Cuboid = { ...rest, id: newId(), origin: 'prediction_accepted', predictionId: p.id, ...(this.sequence ? { keyframe: true } : {}) };
      return [this.place(o, label)];
    }));
  }

  /** The same box, same track, as a keyframe on the next frame (replacing what the track had there). */
  copyToNext(id: string): Cuboid | undefined {
    const o = this.document.get(id);
    if (!o || !this.sequence || frameOf(o) + 1 >= this.frameCount) return undefined;
    const { id: _id, keyframe: _k, origin: _o, predictionId: _p, ...rest } = o;
    return this.add({ ...rest, frame: frameOf(o) + 1 }, 'copy to next frame');
  }

  /** Tracks of a sequence: id, class and the frames where they have a box. */
  tracks(): Track[] {
    const map = new Map<string, Track>();
    for (const o of this.all()) {
      if (!o.trackId) continue;
      const t = map.get(o.trackId) ?? { trackId: o.trackId, label: o.label, frames: [], keyframes: [] };
      t.frames.push(frameOf(o));
      if (o.keyframe) t.keyframes.push(frameOf(o));
      map.set(o.trackId, t);
    }
    for (const t of map.values()) { t.frames.sort((a, b) => a - b); t.keyframes.sort((a, b) => a - b); }
    return [...map.values()];
  }

  toPayload(): AnnotationPayload {
    return { schemaVersion: 1, objects: this.all() as AnnotationPayload['objects'] };
  }

  /** Opens a group: the changes until `end()` are one undo step named `label` (a pointer drag). */
  begin(label: string): void { this.history.begin(label); }
  end(): void { this.history.end(); }

  /** Undoes the last step; returns the frames it touched (none when there was nothing to undo). */
  undo(): number[] { return this.touched(() => this.history.undo()); }
  redo(): number[] { return this.touched(() => this.history.redo()); }

  /** Ctrl+Z (Cmd+Z) undoes, Ctrl+Shift+Z and Ctrl+Y redo, not while typing in a field: the frames touched, or null for any other key. */
  key(e: HistoryKeyInput): number[] | null {
    const action = historyKey(e);
    return action === undefined ? null : action === 'undo' ? this.undo() : this.redo();
  }

  private touched(run: () => boolean): number[] {
    let change: Change<Cuboid> | undefined;
    const off = this.document.events.on('change', (c) => { change = c; });
    try {
      if (!run() || !change) return [];
    } finally {
      off();
    }
    const frames = new Set(change.patches.flatMap((p) => [p.before?.object, p.after?.object]).filter((o) => o !== undefined).map(frameOf));
    return [...frames].sort((a, b) => a - b);
  }

  /**
   * A correction carried along its track: the same track's proposals still waiting on later frames
   * take the corrected size (one size for a rigid object), turn by the same angle and move by the same
   * offset in the box's own axes (forward stays forward as the object turns); their height above the
   * ground changes as the box's did.
   */
  private carry(before: Cuboid, after: Cuboid3dGeometry, label: string): Cuboid[] {
    if (!this.sequence || before.trackId === undefined) return [];
    const later = this.pending().filter((p) => p.trackId === before.trackId && frameOf(p) > frameOf(before));
    if (later.length === 0) return [];
    const b = before.geometry;
    const dxw = after.x - b.x, dyw = after.y - b.y;
    const along = dxw * Math.cos(b.yaw) + dyw * Math.sin(b.yaw);
    const across = -dxw * Math.sin(b.yaw) + dyw * Math.cos(b.yaw);
    const turn = after.yaw - b.yaw;
    const bottom = (after.z - after.dz / 2) - (b.z - b.dz / 2);
    return later.map((p) => {
      const g = p.geometry;
      const yaw = g.yaw + turn;
      const moved: Cuboid3dGeometry = {
        ...g, yaw: yaw as Cuboid3dGeometry['yaw'],
        x: (g.x + along * Math.cos(yaw) - across * Math.sin(yaw)) as Cuboid3dGeometry['x'],
        y: (g.y + along * Math.sin(yaw) + across * Math.cos(yaw)) as Cuboid3dGeometry['y'],
        z: (g.z - g.dz / 2 + bottom + after.dz / 2) as Cuboid3dGeometry['z'],
        dx: after.dx, dy: after.dy, dz: after.dz,
      };
      this.moved.add(p.id);
      return this.document.update(p.id, (q) => ({ ...q, geometry: moved }), label, 'predictions');
    });
  }

  private onFrame(o: Cuboid, frame: number): boolean { return !this.sequence || frameOf(o) === frame; }

  /** Puts a keyframe (or a single frame's box) in, replacing what its track had on that frame. */
  private place(o: Cuboid, label: string): Cuboid {
    if (o.trackId) this.document.remove(this.all().filter((x) => x.trackId === o.trackId && frameOf(x) === frameOf(o)).map((x) => x.id), label);
    this.document.add(o, label);
    this.refill(o.trackId, label);
    return o;
  }

  private forTrackOf(id: string, label: string, change: (o: Cuboid) => Cuboid): void {
    const o = this.document.get(id);
    if (!o) return;
    const ids = this.all().filter((x) => x.id === id || (o.trackId !== undefined && x.trackId === o.trackId)).map((x) => x.id);
    this.history.transact(label, () => { for (const x of ids) this.document.update(x, change, label); });
  }

  /** Recomputes the interpolated (keyframe = false) boxes of a track between its keyframes; each keeps its id. */
  private refill(trackId: string | undefined, label: string): void {
    if (!this.sequence || trackId === undefined) return;
    const boxes = this.all().filter((o) => o.trackId === trackId);
    const keys = boxes.filter((o) => o.keyframe !== false).sort((a, b) => frameOf(a) - frameOf(b));
    const old = new Map(boxes.filter((o) => o.keyframe === false).map((o) => [frameOf(o), o]));
    const first = keys[0];
    // A pre-label of the same track still waiting on a frame is shown there instead.
    const waiting = new Set(this.pending().filter((p) => p.trackId === trackId).map(frameOf));
    const filled = first ? fillTrack(keys.map((k) => ({ frame: frameOf(k), geometry: k.geometry })), this.frameCount, this.times ?? undefined) : [];
    const wanted = new Map(filled.filter((k) => !k.keyframe && !waiting.has(k.frame)).map((k) => [k.frame, k.geometry]));
    this.document.remove([...old].filter(([frame]) => !wanted.has(frame)).map(([, o]) => o.id), label);
    if (!first) return;
    const { predictionId: _p, origin: _o, ...rest } = first;
    for (const [frame, geometry] of wanted) {
      const was = old.get(frame);
      const box: Cuboid = { ...rest, id: was?.id ?? newId(), frame, geometry, keyframe: false, origin: 'human' };
      if (was) this.document.update(was.id, () => box, label);
      else this.document.add(box, label);
    }
  }
}

/** A machine box given a new class or attributes is edited, as one moved or resized is (core's provenance rule). */
function editedOrigin(o: Cuboid): Partial<Cuboid> {
  return o.origin === 'prediction_accepted' ? { origin: 'prediction_edited' } : {};
}
