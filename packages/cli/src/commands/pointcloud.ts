import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { countPointsInCuboid, type SizePrior } from '@cadre/core';
import { openCloudModel, type CloudDetector } from '@cadre/models';
import { autoLabelFrame, DEFAULT_CLASSES, defaultPrior, fitCuboid, linkTracks, MIN_FILL_POINTS, parsePointCloud, proposalsOf, sequenceTimes, parseQuad, SHOWN_SCORE, withoutHiddenFills, type AutoLabelClass, type FrameProposal } from '@cadre/pointcloud';

/** `--prior 4.6,1.95,1.7` (length, width, height in metres). */
function parsePrior(text: string): SizePrior {
  const v = text.split(',').map(Number);
  if (v.length !== 3 || v.some((n) => !(Number.isFinite(n) && n > 0))) throw new Error(`--prior needs three positive numbers length,width,height in metres, got ${JSON.stringify(text)}`);
  return { length: v[0]!, width: v[1]!, height: v[2]! };
}

async function readCloud(file: string) {
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new Error(e.code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${e.message}`);
  });
  return parsePointCloud(bytes, basename(file));
}

/**
 * `--classes FILE`: a JSON array of class names (typical sizes known for car, truck, bus, van,
 * trailer, …) or of {name, length, width, height} in metres.
 */
export function parseClasses(text: string, file: string): AutoLabelClass[] {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch (e) { throw new Error(`${file}: not JSON (${(e as Error).message})`); }
  if (!Array.isArray(doc) || doc.length === 0) throw new Error(`${file}: expected a JSON array of class names or {name, length, width, height}`);
  return doc.map((c, i) => {
    if (typeof c === 'string') {
      const prior = defaultPrior(c);
      if (!prior) throw new Error(`${file}: class ${i + 1} ${JSON.stringify(c)} has no typical size known here; give it as {"name", "length", "width", "height"} in metres`);
      return { name: c, prior };
    }
    const o = c as Record<string, unknown>;
    if (typeof o?.name !== 'string' || o.name === '') throw new Error(`${file}: class ${i + 1}: "name" must be a non-empty string`);
    for (const k of ['length', 'width', 'height']) {
      if (typeof o[k] !== 'number' || !Number.isFinite(o[k]) || (o[k] as number) <= 0) throw new Error(`${file}: class ${i + 1} (${o.name}): "${k}" must be a size in metres above 0`);
    }
    return { name: o.name, prior: { length: o.length as number, width: o.width as number, height: o.height as number } };
  });
}

interface DetectOptions { classes?: string; minScore: string; model?: string }

/** Who proposes the boxes of a frame: the shipped labeller with its classes, or the detector at --model. */
type Proposer = (positions: Float32Array, name: string, index: number | null) => Promise<FrameProposal[]>;

async function detectOptions(o: DetectOptions): Promise<{ propose: Proposer; minScore: number }> {
  const minScore = Number(o.minScore);
  if (!(minScore >= 0 && minScore <= 1)) throw new Error(`--min-score must be a number from 0 to 1, got ${JSON.stringify(o.minScore)}`);
  if (o.model !== undefined) {
    if (o.classes) throw new Error('--classes is for the shipped labeller; a detector at --model answers its own classes');
    let model: CloudDetector;
    try { model = openCloudModel({ url: o.model }); } catch (e) { throw new Error(`--model: ${(e as Error).message}`); }
    return { minScore, propose: async (positions, name, index) => proposalsOf((await model.detect({ name, index, positions })).boxes, positions) };
  }
  const classes = o.classes ? parseClasses(await readFile(o.classes, 'utf8').catch(() => { throw new Error(`cannot read ${o.classes}`); }), o.classes) : DEFAULT_CLASSES;
  return { minScore, propose: async (positions) => autoLabelFrame(positions, { classes }) };
}

const MODEL_OPTION = ['--model <url>', 'a 3D detector of your own at this URL (the contract in docs/models-http.md) proposes the boxes instead of the shipped labeller'] as const;

const round = (v: number) => Math.round(v * 1e4) / 1e4;
const printed = (b: FrameProposal) => ({ x: round(b.x), y: round(b.y), z: round(b.z), dx: round(b.dx), dy: round(b.dy), dz: round(b.dz), yaw: round(b.yaw), class: b.class, score: b.score });

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
      const cloud = await readCloud(o.cloud);
      const fit = fitCuboid(cloud, quad, prior ? { prior } : {});
      console.log(JSON.stringify({ x: round(fit.x), y: round(fit.y), z: round(fit.z), dx: round(fit.dx), dy: round(fit.dy), dz: round(fit.dz), yaw: round(fit.yaw), points: fit.points }));
    });
  pc.command('detect')
    .description('auto-label a whole frame: prints a JSON array of {x, y, z, dx, dy, dz, yaw, class, score} (lidar frame, metres, radians, z at the box centre, dx along the heading), best first')
    .requiredOption('--cloud <file>', 'a .pcd, KITTI .bin or nuScenes .pcd.bin file')
    .option('--classes <file>', `a JSON array of class names or {name, length, width, height} (default: ${DEFAULT_CLASSES.map((c) => c.name).join(', ')})`)
    .option('--min-score <score>', 'leave out proposals scoring under this', String(SHOWN_SCORE))
    .option(...MODEL_OPTION)
    .action(async (o: DetectOptions & { cloud: string }) => {
      const { propose, minScore } = await detectOptions(o);
      const cloud = await readCloud(o.cloud);
      const boxes = (await propose(cloud.positions, basename(o.cloud), null)).filter((b) => b.score >= minScore);
      console.log(JSON.stringify(boxes.map((b) => printed(b))));
    });
  pc.command('track')
    .description('auto-label each frame of a sequence and link the boxes into tracks: prints a JSON array with one array of boxes per frame, in the order given, each box {x, y, z, dx, dy, dz, yaw, class, score, track}; a frame a track misses between two it has gets an interpolated box (score of the track, "interpolated": true) where the object shows (see --min-points)')
    .requiredOption('--frames <files>', 'the frames\' clouds, comma-separated, in time order (numeric names such as 000950.pcd are read as frame numbers at 10 Hz)')
    .option('--classes <file>', 'as for detect')
    .option('--min-score <score>', 'a track starts only from a proposal scoring this; lower ones may continue it (a car far or hidden on one frame)', String(SHOWN_SCORE))
    .option('--min-points <n>', 'an interpolated box holding fewer returns of its frame is left out (the object was hidden there; the track keeps its id); 0 keeps every one', String(MIN_FILL_POINTS))
    .option(...MODEL_OPTION)
    .action(async (o: DetectOptions & { frames: string; minPoints: string }) => {
      const { propose, minScore } = await detectOptions(o);
      const files = o.frames.split(',').map((f) => f.trim()).filter((f) => f !== '');
      if (files.length === 0) throw new Error('--frames needs at least one file');
      const minPoints = Number(o.minPoints);
      if (!Number.isSafeInteger(minPoints) || minPoints < 0) throw new Error(`--min-points must be a whole number ≥ 0, got ${JSON.stringify(o.minPoints)}`);
      const proposals: FrameProposal[][] = [];
      const clouds: Float32Array[] = [];
      // Every candidate is linked; one under --min-score only continues a track that reaches it elsewhere.
      for (const [i, file] of files.entries()) {
        clouds.push((await readCloud(file)).positions);
        proposals.push(await propose(clouds.at(-1)!, basename(file), i));
      }
      const times = sequenceTimes({ frameNames: files.map((f) => basename(f).replace(/(\.pcd)?(\.bin)?$/, '')) }, files.length);
      const linked = linkTracks(proposals, { startScore: minScore, ...(times ? { times } : {}) });
      const tracked = withoutHiddenFills(linked, (b) => countPointsInCuboid(b, clouds[b.frame]!), minPoints);
      console.log(JSON.stringify(files.map((_, f) => tracked.filter((b) => b.frame === f).sort((a, b) => b.score - a.score)
        .map((b) => ({ ...printed(b), track: b.track, ...(b.interpolated ? { interpolated: true } : {}) })))));
    });
}
