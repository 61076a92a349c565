// A street scene seen from a car's front camera, painted with flat shapes through a pinhole camera
// (so sizes shrink with distance as in a photo): sky, buildings, a two-lane road with its markings,
// parked and moving cars, pedestrians on the pavements and traffic signs. One seed, one scene.
import { seeded, type Random } from './random.ts';
import { Raster, type Rgb } from './raster.ts';

export type StreetClass = 'car' | 'pedestrian' | 'traffic_sign';
export interface PixelBox { x: number; y: number; width: number; height: number }
export interface StreetObject { label: StreetClass; box: PixelBox; distance: number }
export interface StreetScene { width: number; height: number; rgb: Uint8Array; objects: StreetObject[] }

const FOCAL = 600; // px
const CAMERA_HEIGHT = 1.5; // m
// Lateral positions in metres, + to the right: the camera drives in the right lane.
const ROAD = { left: -5.25, right: 4, centre: -1.75, leftEdge: -5.05, rightEdge: 1.75 };
const PAVEMENT = { left: -8, right: 7 };
const MARK_WIDTH = 0.15;

const SKY_TOP: Rgb = [94, 146, 214];
const SKY_HORIZON: Rgb = [196, 220, 240];
const GRASS: Rgb = [96, 130, 78];
const ASPHALT: Rgb = [82, 84, 88];
const PAVING: Rgb = [158, 154, 146];
const WHITE: Rgb = [236, 236, 230];
const CAR_COLOURS: Rgb[] = [[200, 40, 40], [30, 70, 160], [220, 220, 215], [40, 40, 44], [150, 150, 156], [226, 170, 40], [40, 120, 80]];
const BUILDING_COLOURS: Rgb[] = [[176, 128, 100], [150, 146, 140], [200, 180, 150], [120, 110, 120], [170, 90, 70]];
const SHIRTS: Rgb[] = [[230, 120, 30], [60, 160, 200], [140, 60, 150], [220, 200, 60], [90, 170, 90]];

interface Camera { horizon: number; vx: number }
const groundY = (c: Camera, d: number) => c.horizon + (FOCAL * CAMERA_HEIGHT) / d;
const screenX = (c: Camera, u: number, d: number) => c.vx + (FOCAL * u) / d;
/** The point d metres ahead, u to the side, h above the road. */
const project = (c: Camera, u: number, d: number, h = 0): [number, number] => [screenX(c, u, d), groundY(c, d) - (FOCAL * h) / d];

export function streetScene(seed: number, width = 800, height = 450): StreetScene {
  const r = seeded(seed);
  const img = new Raster(width, height);
  const cam: Camera = { horizon: Math.round(height * 0.42 + r.between(-12, 12)), vx: width / 2 + r.between(-50, 50) };
  paintSky(img, cam);
  paintGround(img, cam);
  paintBuildings(img, cam, r);
  const things = placeThings(r);
  const objects: StreetObject[] = [];
  for (const t of things.sort((a, b) => b.d - a.d)) {
    const box = t.paint(img, cam);
    const clipped = clip(box, width, height);
    // A thing mostly outside the picture or a few pixels small is not worth a label.
    if (clipped && clipped.width >= 6 && clipped.height >= 6 && clipped.width * clipped.height >= 0.6 * box.width * box.height) {
      objects.push({ label: t.label, box: clipped, distance: t.d });
    }
  }
  return { width, height, rgb: img.pixels, objects: objects.sort((a, b) => a.distance - b.distance) };
}

function paintSky(img: Raster, cam: Camera): void {
  for (let y = 0; y < cam.horizon; y++) {
    const t = y / cam.horizon;
    const c: Rgb = [0, 1, 2].map((i) => Math.round(SKY_TOP[i]! + (SKY_HORIZON[i]! - SKY_TOP[i]!) * t)) as unknown as Rgb;
    img.span(y, 0, img.width, c);
  }
}

function paintGround(img: Raster, cam: Camera): void {
  for (let y = cam.horizon; y < img.height; y++) {
    const d = (FOCAL * CAMERA_HEIGHT) / (y + 0.5 - cam.horizon);
    const x = (u: number) => screenX(cam, u, d);
    img.span(y, 0, img.width, GRASS);
    img.span(y, x(PAVEMENT.left), x(PAVEMENT.right), PAVING);
    img.span(y, x(ROAD.left), x(ROAD.right), ASPHALT);
    const line = (u: number) => img.span(y, x(u - MARK_WIDTH / 2), x(u + MARK_WIDTH / 2), WHITE);
    line(ROAD.leftEdge);
    line(ROAD.rightEdge);
    if (d % 9 < 3) line(ROAD.centre); // 3 m dashes, 6 m gaps
  }
}

/** Façades along both pavements, far ones first so nearer ones cover them. */
function paintBuildings(img: Raster, cam: Camera, r: Random): void {
  for (const side of [PAVEMENT.left, PAVEMENT.right]) {
    const blocks: { from: number; to: number; h: number; c: Rgb }[] = [];
    for (let d = r.between(4, 10); d < 160; ) {
      const length = r.between(8, 25);
      blocks.push({ from: d, to: d + length, h: r.between(6, 22), c: r.pick(BUILDING_COLOURS) });
      d += length + r.between(0, 6);
    }
    for (const b of blocks.reverse()) {
      const near = Math.max(b.from, 1.5);
      img.polygon([project(cam, side, near), project(cam, side, b.to), project(cam, side, b.to, b.h), project(cam, side, near, b.h)], b.c);
      // Rows of windows: darker bands across the façade.
      for (let floor = 3; floor + 1.2 < b.h; floor += 3) {
        img.polygon([project(cam, side, near, floor), project(cam, side, b.to, floor), project(cam, side, b.to, floor + 1.2), project(cam, side, near, floor + 1.2)], shade(b.c, 0.6));
      }
    }
  }
}

const shade = (c: Rgb, k: number): Rgb => [Math.round(c[0] * k), Math.round(c[1] * k), Math.round(c[2] * k)];

interface Thing { label: StreetClass; d: number; paint(img: Raster, cam: Camera): PixelBox }

function placeThings(r: Random): Thing[] {
  const things: Thing[] = [];
  things.push(car(r.between(-0.2, 0.2), r.between(9, 22), r.pick(CAR_COLOURS), [230, 30, 30]));
  if (r.next() < 0.6) things.push(car(r.between(-0.2, 0.2), r.between(35, 55), r.pick(CAR_COLOURS), [230, 30, 30]));
  for (let d = r.between(12, 30), n = r.int(1, 2); n > 0; n--, d += r.between(14, 30)) {
    things.push(car(-3.5 + r.between(-0.2, 0.2), d, r.pick(CAR_COLOURS), [250, 240, 190]));
  }
  for (let d = r.between(6, 14), n = r.int(1, 3); n > 0; n--, d += r.between(6.5, 12)) {
    things.push(car(2.9 + r.between(-0.1, 0.1), d, r.pick(CAR_COLOURS), [180, 20, 20]));
  }
  for (let n = r.int(1, 2); n > 0; n--) {
    things.push(pedestrian(r.next() < 0.5 ? r.between(4.6, 6.5) : r.between(-7.5, -5.8), r.between(7, 28), r.pick(SHIRTS)));
  }
  for (let n = r.int(1, 2); n > 0; n--) {
    things.push(sign(r.next() < 0.65 ? 4.3 : -5.6, r.between(9, 32), r.int(0, 3)));
  }
  return things;
}

/** A car seen from behind or ahead (lights: tail or head lights), 1.8 m wide and 1.5 m high. */
function car(u: number, d: number, colour: Rgb, lights: Rgb): Thing {
  return {
    label: 'car', d,
    paint(img, cam) {
      const s = FOCAL / d;
      const [x, y] = project(cam, u, d);
      const half = 0.9 * s;
      img.rect(x - half * 0.8, y - 1.5 * s, x + half * 0.8, y - 0.9 * s, colour); // roof and pillars
      img.rect(x - half * 0.68, y - 1.42 * s, x + half * 0.68, y - 0.95 * s, [36, 44, 56]); // window
      img.rect(x - half, y - 0.95 * s, x + half, y - 0.25 * s, colour);
      img.rect(x - half * 0.9, y - 0.8 * s, x - half * 0.62, y - 0.65 * s, lights);
      img.rect(x + half * 0.62, y - 0.8 * s, x + half * 0.9, y - 0.65 * s, lights);
      img.rect(x - half * 0.35, y - 0.55 * s, x + half * 0.35, y - 0.42 * s, [230, 230, 230]); // number plate
      img.rect(x - half, y - 0.3 * s, x - half * 0.62, y, [20, 20, 22]);
      img.rect(x + half * 0.62, y - 0.3 * s, x + half, y, [20, 20, 22]);
      return { x: x - half, y: y - 1.5 * s, width: 2 * half, height: 1.5 * s };
    },
  };
}

function pedestrian(u: number, d: number, shirt: Rgb): Thing {
  return {
    label: 'pedestrian', d,
    paint(img, cam) {
      const s = FOCAL / d;
      const [x, y] = project(cam, u, d);
      img.rect(x - 0.2 * s, y - 0.85 * s, x - 0.03 * s, y, [40, 44, 70]);
      img.rect(x + 0.03 * s, y - 0.85 * s, x + 0.2 * s, y, [40, 44, 70]);
      img.rect(x - 0.25 * s, y - 1.5 * s, x + 0.25 * s, y - 0.85 * s, shirt);
      img.circle(x, y - 1.62 * s, 0.13 * s, [224, 182, 150]);
      return { x: x - 0.25 * s, y: y - 1.75 * s, width: 0.5 * s, height: 1.75 * s };
    },
  };
}

/** A sign on a 2 m pole: a stop-like disc, a give-way triangle, a speed limit ring or a blue square. */
function sign(u: number, d: number, kind: number): Thing {
  return {
    label: 'traffic_sign', d,
    paint(img, cam) {
      const s = FOCAL / d;
      const [x, y] = project(cam, u, d);
      img.rect(x - 0.04 * s, y - 2.1 * s, x + 0.04 * s, y, [120, 120, 124]);
      const top = y - 2.75 * s, bottom = y - 2.05 * s, half = 0.35 * s, cy = (top + bottom) / 2;
      if (kind === 0) {
        img.circle(x, cy, half, [200, 24, 30]);
        img.rect(x - half * 0.6, cy - half * 0.15, x + half * 0.6, cy + half * 0.15, WHITE);
      } else if (kind === 1) {
        img.polygon([[x - half, top], [x + half, top], [x, bottom]], [200, 24, 30]);
        img.polygon([[x - half * 0.6, top + half * 0.22], [x + half * 0.6, top + half * 0.22], [x, bottom - half * 0.45]], WHITE);
      } else if (kind === 2) {
        img.circle(x, cy, half, [200, 24, 30]);
        img.circle(x, cy, half * 0.75, WHITE);
        img.rect(x - half * 0.3, cy - half * 0.35, x + half * 0.3, cy + half * 0.35, [30, 30, 30]);
      } else {
        img.rect(x - half, top, x + half, bottom, [30, 90, 190]);
        img.rect(x - half * 0.2, top + half * 0.3, x + half * 0.2, bottom - half * 0.3, WHITE);
      }
      return { x: x - half, y: top, width: 2 * half, height: bottom - top };
    },
  };
}

function clip(b: PixelBox, width: number, height: number): PixelBox | null {
  const x0 = Math.max(0, b.x), y0 = Math.max(0, b.y);
  const x1 = Math.min(width, b.x + b.width), y1 = Math.min(height, b.y + b.height);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}
