import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { bevIou, countPointsInCuboid } from '@cadre/core';
import { parsePointCloud } from '@cadre/pointcloud';
import { needsSharedData, SHARED_DATA } from '@cadre/core/testing';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/cadre.mjs', import.meta.url));
const data = `${join(SHARED_DATA, 'lidar/sustech-seq')}/`;
const needsData = needsSharedData;
const cadre = (...args: string[]) => run(process.execPath, [bin, ...args]);

test('cadre pointcloud fit boxes a real car from a rectangle around it', needsData, async () => {
  const cloudFile = `${data}lidar/000975.pcd`;
  const cloud = parsePointCloud(readFileSync(cloudFile), '000975.pcd');
  const labels = JSON.parse(readFileSync(`${data}label/000975.json`, 'utf8')) as Array<{ obj_type: string; psr: { position: Record<string, number>; scale: Record<string, number>; rotation: Record<string, number> } }>;
  const truths = labels.filter((l) => l.obj_type === 'Car').map(({ psr: p }) => ({ x: p.position.x!, y: p.position.y!, z: p.position.z!, dx: p.scale.x!, dy: p.scale.y!, dz: p.scale.z!, yaw: p.rotation.z! }));
  const truth = truths.find((b) => countPointsInCuboid(b, cloud.positions) >= 200)!;
  const c = Math.cos(truth.yaw), s = Math.sin(truth.yaw), hx = truth.dx * 0.6, hy = truth.dy * 0.6;
  const rect = [[-hx, -hy], [hx, -hy], [hx, hy], [-hx, hy]].flatMap(([u, v]) => [truth.x + u! * c - v! * s, truth.y + u! * s + v! * c]);
  const { stdout } = await cadre('pointcloud', 'fit', '--cloud', cloudFile, '--rect', rect.join(','), '--class', 'Car');
  const fit = JSON.parse(stdout) as Record<string, number>;
  assert.deepEqual(Object.keys(fit), ['x', 'y', 'z', 'dx', 'dy', 'dz', 'yaw', 'points']);
  assert.ok(bevIou(fit as never, truth) >= 0.7, `IoU ${bevIou(fit as never, truth)} for ${stdout}`);
  assert.ok(Math.abs(Math.atan2(Math.sin(fit.yaw! - truth.yaw), Math.cos(fit.yaw! - truth.yaw))) < 0.2, `yaw ${fit.yaw} vs ${truth.yaw}`);
  assert.ok(fit.points! >= 100);
});

test('cadre pointcloud fit explains a bad rectangle, a missing file and a truncated cloud', needsData, async () => {
  const fail = (args: string[]) => cadre('pointcloud', 'fit', ...args).then(() => assert.fail('expected a failure'), (e: { code: number; stderr: string }) => e);
  const short = await fail(['--cloud', `${data}lidar/000975.pcd`, '--rect', '1,2,3']);
  assert.equal(short.code, 1);
  assert.match(short.stderr, /--rect needs 8 numbers/);
  assert.match((await fail(['--cloud', '/no/such.pcd', '--rect', '0,0,1,0,1,1,0,1'])).stderr, /no such file: \/no\/such.pcd/);
  assert.match((await fail(['--cloud', `${data}calib/camera/front.json`, '--rect', '0,0,1,0,1,1,0,1'])).stderr, /error: .+/);
});

test('cadre pointcloud detect auto-labels a whole frame: the labelled cars are among its boxes, best first', needsData, async () => {
  const cloudFile = `${data}lidar/000965.pcd`;
  const cloud = parsePointCloud(readFileSync(cloudFile), '000965.pcd');
  const labels = JSON.parse(readFileSync(`${data}label/000965.json`, 'utf8')) as Array<{ obj_type: string; psr: { position: Record<string, number>; scale: Record<string, number>; rotation: Record<string, number> } }>;
  const cars = labels.filter((l) => l.obj_type === 'Car').map(({ psr: p }) => ({ x: p.position.x!, y: p.position.y!, z: p.position.z!, dx: p.scale.x!, dy: p.scale.y!, dz: p.scale.z!, yaw: p.rotation.z! }))
    .filter((b) => countPointsInCuboid(b, cloud.positions) >= 50);
  const { stdout } = await cadre('pointcloud', 'detect', '--cloud', cloudFile);
  const boxes = JSON.parse(stdout) as Array<Record<string, number | string>>;
  assert.ok(boxes.length > 0);
  assert.deepEqual(Object.keys(boxes[0]!), ['x', 'y', 'z', 'dx', 'dy', 'dz', 'yaw', 'class', 'score']);
  assert.deepEqual(boxes.map((b) => b.score), [...boxes.map((b) => b.score)].sort((a, b) => (b as number) - (a as number)), 'best first');
  assert.ok(boxes.every((b) => (b.score as number) >= 0.4), 'the default least score is the one people are shown');
  const found = cars.filter((c) => boxes.some((b) => bevIou(b as never, c) >= 0.5)).length;
  assert.ok(found >= cars.length * 0.6, `${found} of ${cars.length} labelled cars with ≥ 50 points found`);
});

test('cadre pointcloud detect explains a bad classes file', needsData, async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'cadre-detect-'));
  const fail = (content: string) => {
    writeFileSync(join(dir, 'classes.json'), content);
    return cadre('pointcloud', 'detect', '--cloud', `${data}lidar/000965.pcd`, '--classes', join(dir, 'classes.json')).then(() => assert.fail('expected a failure'), (e: { code: number; stderr: string }) => e);
  };
  assert.match((await fail('["car", "spaceship"]')).stderr, /class 2 "spaceship" has no typical size known here/);
  assert.match((await fail('[{"name": "van", "length": 5, "width": "wide", "height": 2}]')).stderr, /class 1 \(van\): "width" must be a size in metres above 0/);
  assert.match((await fail('{"car": 1}')).stderr, /expected a JSON array/);
});

test('cadre pointcloud track prints one array of boxes a frame, linked by track ids; a car seen in every frame keeps its id', needsData, async () => {
  const names = ['000950', '000965', '000970', '000975'];
  const { stdout } = await cadre('pointcloud', 'track', '--frames', names.map((n) => `${data}lidar/${n}.pcd`).join(','));
  const frames = JSON.parse(stdout) as Array<Array<Record<string, number | string>>>;
  assert.equal(frames.length, 4);
  assert.deepEqual(Object.keys(frames[0]![0]!).slice(0, 10), ['x', 'y', 'z', 'dx', 'dy', 'dz', 'yaw', 'class', 'score', 'track']);
  // Labelled cars in every frame: at least one is found in each with one track id (see the tracking test for all of them).
  const labels = names.map((n) => JSON.parse(readFileSync(`${data}label/${n}.json`, 'utf8')) as Array<{ obj_id: string; obj_type: string; psr: { position: Record<string, number>; scale: Record<string, number>; rotation: Record<string, number> } }>);
  const box = (l: (typeof labels)[number][number]) => ({ x: l.psr.position.x!, y: l.psr.position.y!, z: l.psr.position.z!, dx: l.psr.scale.x!, dy: l.psr.scale.y!, dz: l.psr.scale.z!, yaw: l.psr.rotation.z! });
  const parked = labels[0]!.filter((l) => l.obj_type === 'Car').filter((l) => labels.every((fr) => fr.some((m) => m.obj_id === l.obj_id)));
  const ids = parked.map((l) => labels.map((fr, f) => frames[f]!.find((b) => bevIou(b as never, box(fr.find((m) => m.obj_id === l.obj_id)!)) >= 0.5)?.track));
  const whole = ids.filter((t) => t.every((x) => x !== undefined && x === t[0]));
  assert.ok(whole.length >= 1, `cars tracked whole: ${JSON.stringify(ids)}`);
  // A box filled in across a gap stands where the object shows: it holds the 5 returns the points check asks for.
  const clouds = names.map((n) => parsePointCloud(readFileSync(`${data}lidar/${n}.pcd`), `${n}.pcd`).positions);
  const fills = (fs: typeof frames) => fs.flatMap((boxes, f) => boxes.filter((b) => b.interpolated).map((b) => countPointsInCuboid(b as never, clouds[f]!)));
  assert.ok(fills(frames).every((n) => n >= 5), `filled-in boxes hold ${fills(frames).join(', ')} returns`);
  // With a project's own sizes (as the workspace test's) one track crosses a frame where its car was hidden
  // (vehicle 13 on the second frame, which the dataset leaves unlabelled): left out, unless --min-points 0.
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const classes = join(mkdtempSync(join(tmpdir(), 'cadre-track-')), 'classes.json');
  writeFileSync(classes, JSON.stringify([{ name: 'car', length: 4.5, width: 1.8, height: 1.6 }, { name: 'truck', length: 8, width: 2.5, height: 3.2 }, 'bus']));
  const tracked = async (minPoints: string) => JSON.parse((await cadre('pointcloud', 'track', '--classes', classes, '--min-points', minPoints, '--frames', names.map((n) => `${data}lidar/${n}.pcd`).join(','))).stdout) as typeof frames;
  const [checked, all] = [await tracked('5'), await tracked('0')];
  assert.ok(fills(checked).every((n) => n >= 5), `filled-in boxes hold ${fills(checked).join(', ')} returns`);
  assert.ok(fills(all).some((n) => n < 5), `filled-in boxes hold ${fills(all).join(', ')} returns`);
  assert.equal(fills(all).length, fills(checked).length + fills(all).filter((n) => n < 5).length, 'only the boxes on nothing are left out');
  await cadre('pointcloud', 'track', '--min-points', 'some', '--frames', `${data}lidar/000950.pcd`).then(() => assert.fail('expected a failure'), (e: { stderr: string }) => assert.match(e.stderr, /--min-points must be a whole number ≥ 0, got "some"/));
});

test('cadre pointcloud detect and track --model ask a 3D detector of one\'s own, and print its boxes as the shipped labeller\'s', needsData, async () => {
  const { startCloudModel } = await import('@cadre/models/testing');
  // The detector boxes the frame's returns around (10, 5) as a car (it says how many it was sent), and a far one with a low score.
  const detector = await startCloudModel({
    answer: (f) => [
      { x: 10, y: 5, z: -1, dx: 4.5, dy: 1.9, dz: 1.6, yaw: 0.25, class: 'Car', score: Math.min(1, f.positions.length / 3 / 1e6 + 0.5) },
      { x: 60, y: -20, z: -1, dx: 4.5, dy: 1.9, dz: 1.6, yaw: 0, class: 'Car', score: 0.1 },
    ],
  });
  try {
    const frames = ['000950', '000965'].map((f) => `${data}lidar/${f}.pcd`);
    const counts = frames.map((f) => parsePointCloud(readFileSync(f), f).positions.length / 3);
    const one = JSON.parse((await cadre('pointcloud', 'detect', '--cloud', frames[0]!, '--model', detector.url)).stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(one, [{ x: 10, y: 5, z: -1, dx: 4.5, dy: 1.9, dz: 1.6, yaw: 0.25, class: 'Car', score: Math.min(1, counts[0]! / 1e6 + 0.5) }], 'the far box scores under --min-score (0.4)');
    assert.deepEqual(detector.frames.map((f) => [f.name, f.index, f.positions.length / 3]), [['000950.pcd', null, counts[0]]], 'the whole cloud was sent');

    const tracked = JSON.parse((await cadre('pointcloud', 'track', '--frames', frames.join(','), '--model', detector.url)).stdout) as Array<Array<{ track: string; class: string }>>;
    assert.equal(tracked.length, 2);
    assert.deepEqual(tracked.map((f) => f.map((b) => b.track)), [[tracked[0]![0]!.track], [tracked[0]![0]!.track]], 'the same car keeps its track');
    assert.deepEqual(detector.frames.slice(1).map((f) => f.index), [0, 1]);

    const both = await cadre('pointcloud', 'detect', '--cloud', frames[0]!, '--model', detector.url, '--classes', 'x.json').then(() => null, (e: { stderr: string }) => e.stderr);
    assert.match(both ?? '', /--classes is for the shipped labeller/);
    const gone = await cadre('pointcloud', 'detect', '--cloud', frames[0]!, '--model', 'http://127.0.0.1:9/').then(() => null, (e: { stderr: string }) => e.stderr);
    assert.match(gone ?? '', /cannot reach POST http:\/\/127\.0\.0\.1:9\//);
  } finally {
    await detector.close();
  }
});
