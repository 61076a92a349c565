import type { AnnotationPayload, LabeledObject } from '../annotation.ts';
import { iou2d } from '../geometry/box2d.ts';
import { bevIou } from '../geometry/obb.ts';
import { newId } from '../ids.ts';
import type { Bbox2dGeometry, Cuboid3dGeometry } from '../kinds/index.ts';
import { metres, px, radians } from '../units.ts';
import { hungarian } from './hungarian.ts';
import { majorityVote } from './vote.ts';

type Box = Extract<LabeledObject, { kind: 'bbox2d' | 'cuboid3d' }>;

export interface MergeOptions {
  /** Minimum IoU (BEV IoU for cuboids) to the cluster's mean box to join it; default 0.5. */
  iou?: number;
  /** Members a cluster needs to survive; default a strict majority of the annotations. */
  minVotes?: number;
  /** Id for each merged object; default a fresh UUIDv7. */
  newId?: () => string;
}

/**
 * Consensus of several annotators' boxes (bbox2d) and cuboids (cuboid3d). Objects are
 * clustered per kind and frame: annotations are taken in turn and each one's objects are assigned
 * (Hungarian, maximising IoU to the cluster's current mean, class ignored) to the clusters so far,
 * so a cluster holds at most one object per annotator; unassigned objects start clusters.
 * Clusters with at least minVotes members become one object: mean coordinates (circular mean of
 * yaw), majority class (ties go to the earliest annotation), fresh id. Other kinds are not merged
 * here: classes go through majorityVote or dawidSkene.
 */
export function mergeBoxes(annotations: AnnotationPayload[], opts: MergeOptions = {}): LabeledObject[] {
  const iou = opts.iou ?? 0.5;
  const minVotes = opts.minVotes ?? Math.floor(annotations.length / 2) + 1;
  const makeId = opts.newId ?? (() => newId());
  const clusters = new Map<string, Box[][]>();
  for (const ann of annotations) {
    const groups = new Map<string, Box[]>();
    for (const o of ann.objects) {
      if (o.kind !== 'bbox2d' && o.kind !== 'cuboid3d') continue;
      const key = `${o.kind}|${o.frame ?? '-'}`;
      groups.set(key, [...(groups.get(key) ?? []), o]);
    }
    for (const [key, objs] of groups) {
      const cs = clusters.get(key) ?? [];
      clusters.set(key, cs);
      const means = cs.map(meanBox);
      const sim = objs.map((o) => means.map((m) => overlap(o, m)));
      const barred = objs.length + cs.length + 1;
      const assign = cs.length === 0 ? objs.map(() => -1) : hungarian(sim.map((row) => row.map((s) => (s >= iou && s > 0 ? 1 - s : barred))));
      assign.forEach((j, i) => {
        if (j >= 0 && sim[i]![j]! >= iou && sim[i]![j]! > 0) cs[j]!.push(objs[i]!);
        else cs.push([objs[i]!]);
      });
    }
  }
  const out: LabeledObject[] = [];
  for (const cs of clusters.values()) {
    for (const members of cs) {
      if (members.length < minVotes) continue;
      const mean = meanBox(members);
      const label = majorityVote(members.map((m) => m.label))!;
      const base = { id: makeId(), label, attributes: {}, ...(mean.frame !== undefined ? { frame: mean.frame } : {}) };
      out.push(mean.kind === 'bbox2d' ? { ...base, kind: 'bbox2d', geometry: mean.geometry } : { ...base, kind: 'cuboid3d', geometry: mean.geometry });
    }
  }
  return out;
}

function overlap(a: Box, b: Box): number {
  if (a.kind === 'bbox2d' && b.kind === 'bbox2d') return iou2d(a.geometry, b.geometry);
  if (a.kind === 'cuboid3d' && b.kind === 'cuboid3d') return bevIou(a.geometry, b.geometry);
  return 0;
}

const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

function meanBox(members: Box[]): Box {
  const first = members[0]!;
  if (first.kind === 'bbox2d') {
    const gs = members.map((m) => m.geometry as Bbox2dGeometry);
    const geometry: Bbox2dGeometry = {
      x: px(mean(gs.map((g) => g.x))),
      y: px(mean(gs.map((g) => g.y))),
      width: px(mean(gs.map((g) => g.width))),
      height: px(mean(gs.map((g) => g.height))),
    };
    return { ...first, geometry };
  }
  const gs = members.map((m) => m.geometry as Cuboid3dGeometry);
  const geometry: Cuboid3dGeometry = {
    x: metres(mean(gs.map((g) => g.x))),
    y: metres(mean(gs.map((g) => g.y))),
    z: metres(mean(gs.map((g) => g.z))),
    dx: metres(mean(gs.map((g) => g.dx))),
    dy: metres(mean(gs.map((g) => g.dy))),
    dz: metres(mean(gs.map((g) => g.dz))),
    yaw: radians(meanHeading(gs.map((g) => g.yaw))),
  };
  return { ...first, geometry };
}

/**
 * Mean heading of cuboids that cover one object. A box turned by 180° covers the same ground, so
 * people often draw one object facing opposite ways; a plain mean of 0 and π points sideways. Each
 * heading is first turned by π where needed to face the majority (ties: the first annotator), then
 * the headings are averaged on the circle (the mean of 179° and -179° is 180°, not 0°).
 */
export function meanHeading(yaws: readonly number[]): number {
  const ref = yaws[0] ?? 0;
  const facesRef = (y: number) => Math.cos(y - ref) >= 0;
  const agreeing = yaws.filter(facesRef).length;
  const target = agreeing * 2 >= yaws.length ? ref : ref + Math.PI;
  const aligned = yaws.map((y) => (Math.cos(y - target) >= 0 ? y : y + Math.PI));
  return Math.atan2(mean(aligned.map(Math.sin)), mean(aligned.map(Math.cos)));
}
