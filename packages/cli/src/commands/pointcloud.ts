import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { SizePrior } from '@cadre/core';
import { defaultPrior, fitCuboid, parsePointCloud, parseQuad } from '@cadre/pointcloud';

/** `--prior 4.6,1.95,1.7` (length, width, height in metres). */
function parsePrior(text: string): SizePrior {
  const v = text.split(',').map(Number);
  if (v.length !== 3 || v.some((n) => !(Number.isFinite(n) && n > 0))) throw new Error(`--prior needs three positive numbers length,width,height in metres, got ${JSON.stringify(text)}`);
  return { length: v[0]!, width: v[1]!, height: v[2]! };
}

export function pointcloudCommands(program: Command): void {
  const pc = program.command('pointcloud').description('work with LiDAR point clouds');
  pc.command('fit')
    .description('fit a cuboid to the points inside a rectangle of the top view; prints {x, y, z, dx, dy, dz, yaw, points} (lidar frame, metres, radians, z at the box centre, dx along the heading)')
    .requiredOption('--cloud <file>', 'a .pcd, KITTI .bin or nuScenes .pcd.bin file')
    .requiredOption('--rect <x1,y1,x2,y2,x3,y3,x4,y4>', 'four corners in the lidar x/y plane, metres; corner 1 → 2 points the way the box faces')
    .option('--class <name>', 'the class: its typical size completes sides the sensor could not see (car, truck, bus, trailer, pedestrian, …)')
    .option('--prior <l,w,h>', 'a typical size in metres instead of the class’s')
    .action(async (o: { cloud: string; rect: string; class?: string; prior?: string }) => {
      const quad = parseQuad(o.rect);
      let prior = o.prior ? parsePrior(o.prior) : undefined;
      if (!prior && o.class) {
        prior = defaultPrior(o.class);
        if (!prior) console.error(`note: no typical size known for class ${JSON.stringify(o.class)}; boxing the visible points only (give one with --prior l,w,h)`);
      }
      const bytes = await readFile(o.cloud).catch((e: NodeJS.ErrnoException) => {
        throw new Error(e.code === 'ENOENT' ? `no such file: ${o.cloud}` : `cannot read ${o.cloud}: ${e.message}`);
      });
      const cloud = parsePointCloud(bytes, basename(o.cloud));
      const fit = fitCuboid(cloud, quad, prior ? { prior } : {});
      const round = (v: number) => Math.round(v * 1e4) / 1e4;
      console.log(JSON.stringify({ x: round(fit.x), y: round(fit.y), z: round(fit.z), dx: round(fit.dx), dy: round(fit.dy), dz: round(fit.dz), yaw: round(fit.yaw), points: fit.points }));
    });
}
