/**
 * The 3D workspace engine: four views of one scene (perspective, top, side, front), boxes drawn in
 * batches, editing by pointer and keyboard, results reported as events. Framework-free: the host
 * hands in containers and data and listens; it never reaches into three.js.
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { countPointsInCuboid, type Cuboid3dGeometry } from '@cadre/core';
import type { PointCloud } from '@cadre/pointcloud';
import type { ColorMode, EngineEvents, EngineOptions, PointCloudEngineApi, SceneCuboid, Tool, TopRect, ViewName } from './api.ts';
import { toLocal } from './box-math.ts';
import { nudge } from './edit.ts';
import { BoxesLayer, PointsLayer, SlabLayer } from './layers.ts';
import { attachPointer } from './pointer.ts';
import { View } from './view.ts';

type Listeners = { [K in keyof EngineEvents]: Set<EngineEvents[K]> };
const VIEWS: ViewName[] = ['perspective', 'top', 'side', 'front'];

export class PointCloudEngine implements PointCloudEngineApi {
  private readonly scene = new THREE.Scene();
  /** What the side and front views draw: the points near the selected box, and the boxes. */
  private readonly detailScene = new THREE.Scene();
  private readonly slab = new SlabLayer();
  private readonly views: Record<ViewName, View>;
  private readonly points = new PointsLayer();
  private readonly boxes = new BoxesLayer();
  private readonly rect = new THREE.LineLoop(new THREE.BufferGeometry(), new THREE.LineBasicMaterial({ color: 0xffd400 }));
  private readonly cuboids = new Map<string, SceneCuboid>();
  private readonly listeners: Listeners = { fitRequest: new Set(), change: new Set(), select: new Set(), remove: new Set() };
  private readonly cleanup: Array<() => void> = [];
  private readonly controls: OrbitControls;
  private current: string | null = null;
  private activeTool: Tool = 'select';
  private frame = 0;

  constructor(options: EngineOptions) {
    this.views = Object.fromEntries(VIEWS.map((n) => [n, new View(n, options.views[n])])) as Record<ViewName, View>;
    this.scene.add(this.points.object, this.boxes.people, this.boxes.predictions, this.rect);
    this.rect.visible = false;
    this.detailScene.add(this.slab.object, ...this.boxes.detail);
    this.views.side.empty = this.views.front.empty = true;
    const perspective = this.views.perspective;
    this.controls = new OrbitControls(perspective.camera, perspective.renderer.domElement);
    this.controls.addEventListener('change', () => this.invalidate('perspective'));
    this.cleanup.push(() => this.controls.dispose());
    for (const name of ['top', 'side', 'front'] as const) this.cleanup.push(attachPointer(this.views[name], this.pointerHost()));
    perspective.renderer.domElement.addEventListener('click', (e) => this.pickInPerspective(e));
    const keys = options.keyTarget ?? globalThis.window;
    if (keys) {
      const onKey = (e: Event) => this.key(e as KeyboardEvent);
      keys.addEventListener('keydown', onKey);
      this.cleanup.push(() => keys.removeEventListener('keydown', onKey));
    }
    if (typeof ResizeObserver !== 'undefined') {
      const observer = new ResizeObserver(() => this.resize());
      for (const n of VIEWS) observer.observe(options.views[n]);
      this.cleanup.push(() => observer.disconnect());
    }
    this.invalidate();
  }

  setCloud(cloud: PointCloud): void {
    this.points.setCloud(cloud);
    this.slab.update(this.points, this.selectedBox());
    this.invalidate();
  }

  setColorMode(mode: ColorMode): void {
    this.points.setMode(mode);
    this.slab.update(this.points, this.selectedBox());
    this.invalidate();
  }

  setCuboids(cuboids: SceneCuboid[]): void {
    this.cuboids.clear();
    for (const c of cuboids) this.cuboids.set(c.id, c);
    if (this.current && !this.cuboids.has(this.current)) this.current = null;
    this.redrawBoxes();
  }

  upsert(cuboid: SceneCuboid): void {
    this.cuboids.set(cuboid.id, cuboid);
    this.redrawBoxes();
  }

  remove(id: string): void {
    if (!this.cuboids.delete(id)) return;
    if (this.current === id) this.current = null;
    this.redrawBoxes();
  }

  select(id: string | null): void {
    const next = id !== null && this.cuboids.has(id) ? id : null;
    if (next === this.current) return;
    this.current = next;
    this.redrawBoxes();
    this.emit('select', next);
  }

  selected(): string | null {
    return this.current;
  }

  setTool(tool: Tool): void {
    this.activeTool = tool;
    for (const n of ['top'] as const) this.views[n].renderer.domElement.style.cursor = tool === 'cuboid' ? 'crosshair' : 'default';
  }

  pointsInside(geometry: Cuboid3dGeometry): number {
    const positions = this.points.positions();
    return positions ? countPointsInCuboid(geometry, positions) : 0;
  }

  lookAt(x: number, y: number): void {
    const top = this.views.top;
    top.centre.set(x, y, top.centre.z);
    top.place();
    this.invalidate('top');
  }

  /** Where a lidar point shows in the top view, in client pixels (for tests and overlays). */
  topToClient(x: number, y: number, z = 0): { x: number; y: number } {
    return this.views.top.toClient(x, y, z);
  }

  on<K extends keyof EngineEvents>(event: K, fn: EngineEvents[K]): () => void {
    (this.listeners[event] as Set<EngineEvents[K]>).add(fn);
    return () => (this.listeners[event] as Set<EngineEvents[K]>).delete(fn);
  }

  resize(): void {
    for (const n of VIEWS) this.views[n].resize();
    const g = this.selectedBox();
    if (g) for (const n of ['side', 'front'] as const) this.views[n].follow(g);
    this.invalidate();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    for (const fn of this.cleanup) fn();
    for (const n of VIEWS) this.views[n].dispose();
  }

  private emit<K extends keyof EngineEvents>(event: K, ...args: Parameters<EngineEvents[K]>): void {
    for (const fn of this.listeners[event]) (fn as (...a: Parameters<EngineEvents[K]>) => void)(...args);
  }

  private selectedBox(): Cuboid3dGeometry | null {
    return this.current ? (this.cuboids.get(this.current)?.geometry ?? null) : null;
  }

  private redrawBoxes(): void {
    this.boxes.update(this.cuboids.values(), this.current);
    const g = this.selectedBox();
    this.slab.update(this.points, g);
    for (const n of ['side', 'front'] as const) {
      if (g) this.views[n].follow(g);
      else this.views[n].empty = true;
    }
    this.invalidate();
  }

  /** Marks views for drawing at the next animation frame; nothing is drawn while nothing changes. */
  private invalidate(view?: ViewName): void {
    for (const n of view ? [view] : VIEWS) this.views[n].dirty = true;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      for (const n of VIEWS) if (this.views[n].dirty) this.views[n].render(n === 'side' || n === 'front' ? this.detailScene : this.scene);
    });
  }

  private change(geometry: Cuboid3dGeometry): void {
    const c = this.current ? this.cuboids.get(this.current) : undefined;
    if (!c) return;
    this.cuboids.set(c.id, { ...c, geometry });
    this.redrawBoxes();
    this.emit('change', c.id, geometry);
  }

  private key(e: KeyboardEvent): void {
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
    const g = this.selectedBox();
    if (e.key === 'Escape') { this.select(null); return; }
    if (!g || !this.current) return;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      const id = this.current;
      this.emit('remove', id);
      return;
    }
    const moved = nudge(g, e.key, e.shiftKey);
    if (!moved) return;
    e.preventDefault();
    this.change(moved);
  }

  private pointerHost() {
    return {
      tool: () => this.activeTool,
      selectedBox: () => this.selectedBox(),
      boxAt: (x: number, y: number) => this.boxAt(x, y),
      select: (id: string | null) => this.select(id),
      edit: (g: Cuboid3dGeometry) => this.change(g),
      rectangle: (from: THREE.Vector3, to: THREE.Vector3) => this.rectangle(from, to),
      rectangleDone: (from: THREE.Vector3, to: THREE.Vector3 | null) => this.rectangleDone(from, to),
      panned: (view: View) => this.invalidate(view.name),
    };
  }

  /** The smallest box whose footprint holds (x, y). */
  private boxAt(x: number, y: number): string | null {
    let best: string | null = null;
    let area = Infinity;
    for (const c of this.cuboids.values()) {
      const l = toLocal(c.geometry, x, y);
      if (Math.abs(l.a) <= c.geometry.dx / 2 && Math.abs(l.b) <= c.geometry.dy / 2 && c.geometry.dx * c.geometry.dy < area) {
        best = c.id;
        area = c.geometry.dx * c.geometry.dy;
      }
    }
    return best;
  }

  private rectangle(from: THREE.Vector3, to: THREE.Vector3): void {
    const z = this.views.top.centre.z;
    this.rect.geometry.dispose();
    this.rect.geometry = new THREE.BufferGeometry().setFromPoints(corners(from, to).map(([x, y]) => new THREE.Vector3(x, y, z)));
    this.rect.visible = true;
    this.invalidate();
  }

  /** A real rectangle (not a click) asks the host for a fitted box. */
  private rectangleDone(from: THREE.Vector3, to: THREE.Vector3 | null): void {
    this.rect.visible = false;
    this.detailScene.add(this.slab.object, ...this.boxes.detail);
    this.invalidate();
    if (!to) return;
    const quad = corners(from, to);
    const area = (quad[1][0] - quad[0][0]) * (quad[2][1] - quad[1][1]);
    if (area >= 0.04) this.emit('fitRequest', quad);
  }

  private pickInPerspective(e: MouseEvent): void {
    const view = this.views.perspective;
    let best: string | null = null;
    let distance = 40;
    for (const c of this.cuboids.values()) {
      const p = view.toClient(c.geometry.x, c.geometry.y, c.geometry.z);
      const d = Math.hypot(p.x - e.clientX, p.y - e.clientY);
      if (d < distance) { best = c.id; distance = d; }
    }
    if (best) this.select(best);
  }
}

/** An axis-aligned rectangle of the top view; corner 0 → 1 runs along +x (forward). */
function corners(from: THREE.Vector3, to: THREE.Vector3): TopRect {
  const x0 = Math.min(from.x, to.x), x1 = Math.max(from.x, to.x);
  const y0 = Math.min(from.y, to.y), y1 = Math.max(from.y, to.y);
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
}
