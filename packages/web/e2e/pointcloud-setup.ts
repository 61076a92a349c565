// Point-cloud browser tests: the SUSTechPOINTS frames, a cuboid project over them, and the page
// actions (fit a box around a ground-truth car in the top view, read the numeric panel).
import { existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { importer, imports, projectService } from '@cadre/server';
import { SHARED_DATA } from '../../server/src/import/testing.ts';
import type { BrowserApp } from './setup.ts';

export const SUSTECH = fileURLToPath(new URL('lidar/sustech-seq/', SHARED_DATA));
export const FRAMES = ['000950', '000965', '000970', '000975'];
export const cloudPath = (frame: string) => `${SUSTECH}lidar/${frame}.pcd`;

export const ONTOLOGY = {
  classes: [
    { name: 'Car', kind: 'cuboid3d', color: '#ff9900', sizePrior: { length: 4.5, width: 1.8, height: 1.6 }, attributes: [{ name: 'parked', type: 'boolean' }] },
    { name: 'Truck', kind: 'cuboid3d', sizePrior: { length: 8, width: 2.5, height: 3.2 } },
    { name: 'Pedestrian', kind: 'cuboid3d', sizePrior: { length: 0.6, width: 0.6, height: 1.7 } },
  ],
};

export interface Truth { x: number; y: number; z: number; dx: number; dy: number; dz: number; yaw: number }

/** A labelled object of a SUSTechPOINTS frame, in the lidar frame. */
export function truth(frame: string, objId: string): Truth {
  const all = JSON.parse(readFileSync(`${SUSTECH}label/${frame}.json`, 'utf8')) as { obj_id: string; psr: { position: Record<'x' | 'y' | 'z', number>; scale: Record<'x' | 'y' | 'z', number>; rotation: { z: number } } }[];
  const { psr } = all.find((o) => o.obj_id === objId)!;
  return { ...psr.position, dx: psr.scale.x, dy: psr.scale.y, dz: psr.scale.z, yaw: psr.rotation.z };
}

/** A project over one JSON row (`{"pcd": …}` or `{"frames": […]}`). */
export async function cloudProject(env: BrowserApp, name: string, data: unknown, predictions?: unknown[]): Promise<string> {
  const p = await projectService.createProject(env.h.deps, env.h.admin, { name, ontology: ONTOLOGY as never });
  const row = predictions ? { data, predictions } : { data };
  const rows = imports.readTaskRows(Readable.from([Buffer.from(JSON.stringify([row]))]), { format: 'json', file: 'clouds.json' });
  await importer.importRows(env.h.deps, env.h.admin, rows, { projectId: p.id, file: 'clouds.json', format: 'json' });
  return p.id;
}

/** Waits until the workspace shows this frame (0-based) with its cloud loaded. */
export async function frameLoaded(page: Page, frame: number): Promise<void> {
  await page.locator(`[data-testid=pointcloud-workspace][data-loaded-frame="${frame}"]`).waitFor({ timeout: 20_000 });
}

/** Drags a rectangle in the top view around a car, 0.6 m wider than its footprint on each side. */
export async function fitAround(page: Page, car: Truth): Promise<void> {
  await page.evaluate(([x, y]) => (window as any).__cadrePointcloud.engine.lookAt(x, y), [car.x, car.y]);
  const c = Math.abs(Math.cos(car.yaw)), s = Math.abs(Math.sin(car.yaw));
  const hx = (car.dx * c + car.dy * s) / 2 + 0.6, hy = (car.dx * s + car.dy * c) / 2 + 0.6;
  const [a, b] = await page.evaluate(([x, y, hx, hy]) => {
    const hook = (window as any).__cadrePointcloud;
    return [hook.topToClient(x! - hx!, y! - hy!), hook.topToClient(x! + hx!, y! + hy!)] as [number, number][];
  }, [car.x, car.y, hx, hy]);
  await page.mouse.move(a![0], a![1]);
  await page.mouse.down();
  await page.mouse.move((a![0] + b![0]) / 2, (a![1] + b![1]) / 2, { steps: 4 });
  await page.mouse.move(b![0], b![1], { steps: 4 });
  await page.mouse.up();
}

export type Panel = Record<'x' | 'y' | 'z' | 'dx' | 'dy' | 'dz' | 'yaw', number>;

/** The numeric panel of the selected box, as shown (metres; yaw in degrees). */
export async function panel(page: Page): Promise<Panel> {
  const out = {} as Panel;
  for (const k of ['x', 'y', 'z', 'dx', 'dy', 'dz', 'yaw'] as const) out[k] = Number(await page.locator(`[data-field=${k}]`).inputValue());
  return out;
}

export async function pointsInside(page: Page): Promise<number> {
  return Number((await page.locator('[data-testid=points-inside]').innerText()).split(' ')[0]);
}

/** The panel after a key press: waits until the shown x or y changed (or gives up after 5 s). */
export async function panelAfter(page: Page, before: Panel, key: string): Promise<Panel> {
  await page.keyboard.press(key);
  await page.waitForFunction(([x, y]) => {
    const value = (f: string) => Number((document.querySelector(`[data-field=${f}]`) as HTMLInputElement | null)?.value);
    return value('x') !== x || value('y') !== y;
  }, [before.x, before.y], { timeout: 5_000 }).catch(() => undefined);
  return panel(page);
}

/** The SUSTechPOINTS front camera as item metadata: calibration, and its image for each frame (if any). */
export function frontCamera(frames: string[]) {
  const calib = JSON.parse(readFileSync(`${SUSTECH}calib/camera/front.json`, 'utf8')) as { intrinsic: number[]; extrinsic: number[] };
  const images = frames.map((f) => (existsSync(`${SUSTECH}camera/front/${f}.jpg`) ? `${SUSTECH}camera/front/${f}.jpg` : null));
  return { name: 'front', intrinsic: calib.intrinsic, extrinsic: calib.extrinsic, images };
}
