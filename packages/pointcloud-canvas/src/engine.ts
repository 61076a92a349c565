/**
 * The 3D workspace engine: four views (perspective, top, side, front), boxes drawn in two batches,
 * editing by pointer and keyboard, results reported as events. Framework-free: the host hands in
 * containers and data and listens; it never reaches into three.js. When views draw: `drawing.ts`.
 */
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { countPointsInCuboid, type Cuboid3dGeometry } from '@cadre/core';
import type { PointCloud } from '@cadre/pointcloud';
import type { ColorMode, EngineEvents, EngineOptions, ObjectNote, PointCloudEngineApi, SceneCuboid, Tool, ViewName } from './api.ts';
import { NOTE_COLORS, noteAnchor, NoteOverlay, notedTones, type NotePixel } from './notes.ts';
import { BoxesLayer } from './boxes-layer.ts';
import { knobLength, type Handle, type OrthoView } from './edit.ts';
import { metresPerPixel, type Vec3 } from './frames.ts';
import { attachKeys } from './keys.ts';
import { pickFootprint, pickNearest, pickProjected } from './pick.ts';
import { PointsLayer, SlabLayer } from './points-layer.ts';
import { attachClick, attachPointer } from './pointer.ts';
import { Rectangle } from './rectangle.ts';
import { Drawing } from './drawing.ts';
import type { View } from './view.ts';

type Listeners = { [K in keyof EngineEvents]: Set<EngineEvents[K]> };

export class PointCloudEngine implements PointCloudEngineApi {
  private readonly drawing: Drawing;
  private readonly views: Record<ViewName, View>;
  private readonly points = new PointsLayer();
  private readonly slab = new SlabLayer();
  private readonly boxes = new BoxesLayer();
  private readonly rect = new Rectangle();
  private readonly cuboids = new Map<string, SceneCuboid>();
  private readonly listeners: Listeners = { fitRequest: new Set(), change: new Set(), select: new Set(), dragStart: new Set(), dragEnd: new Set(), remove: new Set() };
  private readonly cleanup: Array<() => void> = [];
  private readonly controls: OrbitControls;
  private current: string | null = null;
  /** The box a pointer drag is editing, from `dragStart` to `dragEnd`. */
  private dragged: string | null = null;
  private tool: Tool = 'select';
  private notes: readonly ObjectNote[] = [];
  private tones = new Map<string, string>();
  private readonly overlays: Partial<Record<ViewName, NoteOverlay>> = {};

  constructor(options: EngineOptions) {
    this.drawing = new Drawing(options.views, () => this.resize());
    this.views = this.drawing.views;
    for (const n of ['perspective', 'top'] as const) this.overlays[n] = new NoteOverlay(this.views[n].renderer.domElement);
    this.drawing.onRendered = (n) => this.placeNotes(n);
    this.drawing.overview.add(this.points.object, ...this.boxes.objects, this.rect.object);
    this.drawing.detail.add(this.slab.object, ...this.boxes.twins);
    const perspective = this.views.perspective;
    this.controls = new OrbitControls(perspective.camera, perspective.renderer.domElement);
    this.controls.addEventListener('change', () => this.invalidate('perspective'));
    this.cleanup.push(() => this.controls.dispose(), attachClick(perspective, (e) => {
      const id = pickNearest(this.cuboids.values(), (g) => perspective.toClient(g.x, g.y, g.z), e.clientX, e.clientY);
      if (id) this.select(id);
    }));
    for (const n of ['top', 'side', 'front'] as const) this.cleanup.push(attachPointer(this.views[n], this.pointerHost()));
    const keys = options.keyTarget ?? globalThis.window;
    if (keys) {
      this.cleanup.push(attachKeys(keys, {
        selectedBox: () => this.selectedBox(), deselect: () => this.select(null), edit: (g) => this.change(g),
        remove: () => this.current && this.emit('remove', this.current),
      }));
    }
    this.invalidate();
  }

  setCloud(cloud: PointCloud): void {
    this.points.setCloud(cloud);
    this.slab.rebuild(this.points, this.selectedBox());
    this.invalidate();
  }

  setColorMode(mode: ColorMode): void {
    this.points.setMode(mode);
    this.slab.rebuild(this.points, this.selectedBox());
    this.invalidate();
  }

  setCuboids(cuboids: SceneCuboid[]): void {
    this.cuboids.clear();
    for (const c of cuboids) this.cuboids.set(c.id, c);
    if (this.current && !this.cuboids.has(this.current)) this.select(null);
    else this.boxesChanged(false);
  }

  upsert(cuboid: SceneCuboid): void {
    this.cuboids.set(cuboid.id, cuboid);
    this.boxesChanged(false);
  }

  remove(id: string): void {
    if (!this.cuboids.delete(id)) return;
    if (this.current === id) this.select(null);
    else this.boxesChanged(false);
  }

  select(id: string | null): void {
    const next = id !== null && this.cuboids.has(id) ? id : null;
    if (next === this.current) return;
    this.current = next;
    this.boxesChanged(true);
    this.emit('select', next);
  }

  selected(): string | null {
    return this.current;
  }

  setTool(tool: Tool): void {
    this.tool = tool;
    this.views.top.renderer.domElement.style.cursor = tool === 'cuboid' ? 'crosshair' : 'default';
  }

  pointsInside(geometry: Cuboid3dGeometry): number {
    const positions = this.points.positions();
    return positions ? countPointsInCuboid(geometry, positions) : 0;
  }

  lookAt(x: number, y: number): void {
    const top = this.views.top;
    top.place({ ...top.frame, centre: [x, y, top.frame.centre[2]] });
    this.invalidate('top');
  }

  /** Beyond the contract: puts the 3D camera at lidar (x, y, z), looking at `target` (default: where it looks now). */
  viewFrom(x: number, y: number, z: number, target?: Vec3): void {
    if (target) this.controls.target.set(...target);
    this.views.perspective.camera.position.set(x, y, z);
    this.controls.update();
    this.invalidate('perspective');
  }

  /** Beyond the contract: where a lidar point shows in the top view, in client pixels (the web e2e tests use it). */
  topToClient(x: number, y: number, z = 0): { x: number; y: number } {
    return this.views.top.toClient(x, y, z) ?? { x: Number.NaN, y: Number.NaN };
  }

  /** Beyond the contract: where a lidar point shows in a view, in client pixels (tests and overlays). */
  toClient(view: ViewName, x: number, y: number, z = 0): { x: number; y: number } | null {
    return this.views[view].toClient(x, y, z);
  }

  setNotes(notes: readonly ObjectNote[]): void {
    this.notes = notes.filter((n) => n.objectId !== null).map((n) => ({ ...n }));
    this.tones = new Map([...notedTones(this.notes)].map(([id, tone]) => [id, NOTE_COLORS[tone]]));
    this.boxesChanged(false);
  }

  /** Beyond the contract: each note of a view with its position, CSS pixels from the view canvas's top-left (tests and hosts). */
  notePixels(view: ViewName): NotePixel[] {
    const v = this.views[view];
    const stacks = new Map<string, number>();
    const out: NotePixel[] = [];
    for (const n of this.notes) {
      const c = this.cuboids.get(n.objectId!);
      if (!c) continue;
      const p = v.toCanvas(...noteAnchor(c.geometry));
      if (!p) continue;
      const stack = stacks.get(c.id) ?? 0;
      stacks.set(c.id, stack + 1);
      out.push({ objectId: c.id, text: n.text, tone: n.tone, x: p.x, y: p.y, stack });
    }
    return out;
  }

  on<K extends keyof EngineEvents>(event: K, fn: EngineEvents[K]): () => void {
    (this.listeners[event] as Set<EngineEvents[K]>).add(fn);
    return () => (this.listeners[event] as Set<EngineEvents[K]>).delete(fn);
  }

  resize(): void {
    this.drawing.resize();
    this.drawing.follow(this.selectedBox(), true);
  }

  destroy(): void {
    for (const fn of this.cleanup) fn();
    this.drawing.dispose();
    for (const o of Object.values(this.overlays)) o.dispose();
    for (const o of [this.points.object, this.slab.object, this.rect.object]) o.geometry.dispose();
  }

  private emit<K extends keyof EngineEvents>(event: K, ...args: Parameters<EngineEvents[K]>): void {
    for (const fn of this.listeners[event]) (fn as (...a: Parameters<EngineEvents[K]>) => void)(...args);
  }

  private selectedBox(): Cuboid3dGeometry | null {
    return this.current ? (this.cuboids.get(this.current)?.geometry ?? null) : null;
  }

  /** Rewrites the box lines; side and front follow the selected box (`refit`: zoom to it too). */
  private boxesChanged(refit: boolean): void {
    const top = this.views.top;
    this.boxes.update(this.cuboids.values(), this.current, knobLength(metresPerPixel(top.frame, top.size())), this.tones);
    if (refit) this.slab.rebuild(this.points, this.selectedBox());
    else this.slab.follow(this.points, this.selectedBox());
    this.drawing.follow(this.selectedBox(), refit);
    this.invalidate();
  }

  private placeNotes(view: ViewName): void {
    this.overlays[view]?.update(this.notePixels(view));
  }

  private invalidate(view?: ViewName): void {
    this.drawing.invalidate(view);
  }

  private change(geometry: Cuboid3dGeometry): void {
    const c = this.current ? this.cuboids.get(this.current) : undefined;
    if (!c || sameGeometry(c.geometry, geometry)) return;
    this.cuboids.set(c.id, { ...c, geometry });
    this.boxesChanged(false);
    this.emit('change', c.id, geometry);
  }

  private pointerHost() {
    return {
      tool: () => this.tool,
      selectedBox: () => this.selectedBox(),
      pick: (view: OrthoView, px: number, py: number, p: Vec3) => {
        const v = this.views[view];
        return view === 'top' ? pickFootprint(this.cuboids.values(), p[0], p[1]) : pickProjected(this.cuboids.values(), v.frame, v.size(), px, py, v.depth);
      },
      select: (id: string | null) => this.select(id),
      edit: (g: Cuboid3dGeometry) => this.change(g),
      rectangle: (from: Vec3, to: Vec3) => { this.rect.show(from, to, this.views.top.frame.centre[2]); this.invalidate(); },
      rectangleDone: (from: Vec3, to: Vec3 | null) => {
        this.rect.hide();
        this.invalidate();
        const quad = to && this.rect.quad(from, to);
        if (quad) this.emit('fitRequest', quad);
      },
      moved: (view: View) => {
        // Zooming the top view changes the knob's length in metres.
        if (view.name === 'top' && this.current) this.boxes.update(this.cuboids.values(), this.current, knobLength(metresPerPixel(view.frame, view.size())), this.tones);
        this.invalidate(view.name === 'top' && this.current ? undefined : view.name);
      },
      dragging: (view: OrthoView | null, handle?: Handle) => {
        this.drawing.frozen = view;
        if (view && handle && this.current) {
          this.dragged = this.current;
          this.emit('dragStart', this.current, handle.kind);
        } else if (!view && this.dragged) {
          const id = this.dragged;
          this.dragged = null;
          this.emit('dragEnd', id);
        }
        if (!view) { this.drawing.follow(this.selectedBox(), false); this.invalidate(); }
      },
    };
  }
}

const sameGeometry = (a: Cuboid3dGeometry, b: Cuboid3dGeometry) =>
  a.x === b.x && a.y === b.y && a.z === b.z && a.dx === b.dx && a.dy === b.dy && a.dz === b.dz && a.yaw === b.yaw;
