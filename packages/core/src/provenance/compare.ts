// When a person's object still is the machine's answer, and when two versions of work say the same.
// One rule for every kind: a change of class, of any attribute, of frame or track, or of geometry
// beyond the kind's tolerance is an edit. The tolerances swallow the float noise of canvas
// transforms and unit conversions, never a change a person could see.
import type { AnnotationPayload, LabeledObject, ObjectOrigin } from '../annotation.ts';
import { shortestAngleDelta } from '../units.ts';

/** Image kinds: pixels per coordinate; cuboids: metres per coordinate and degrees of angle; text: exact offsets. */
export const EDIT_TOLERANCE = { imagePx: 0.5, metres: 0.01, degrees: 0.1, textOffsets: 0 } as const;

const ANGLES = new Set(['yaw', 'roll', 'pitch']);

function coordinateTolerance(kind: string, key: string): number {
  if (kind === 'cuboid3d') return ANGLES.has(key) ? (EDIT_TOLERANCE.degrees * Math.PI) / 180 : EDIT_TOLERANCE.metres;
  if (kind === 'text_span' || kind === 'text_class') return EDIT_TOLERANCE.textOffsets;
  return EDIT_TOLERANCE.imagePx;
}

/** Structural equality of plain data (attribute values, geometry) with numbers compared by `close`. */
function alike(a: unknown, b: unknown, close: (x: number, y: number, key: string) => boolean, key = ''): boolean {
  if (typeof a === 'number' && typeof b === 'number') return close(a, b, key);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => alike(v, b[i], close, key));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    // An absent key and an undefined value say the same.
    const keys = new Set([...Object.keys(ra), ...Object.keys(rb)].filter((k) => ra[k] !== undefined || rb[k] !== undefined));
    return [...keys].every((k) => alike(ra[k], rb[k], close, k));
  }
  return a === b;
}

/** Whether two geometries of `kind` differ by more than the kind's tolerance in any coordinate. */
export function geometryMoved(kind: string, a: unknown, b: unknown): boolean {
  return !alike(a, b, (x, y, key) => {
    const delta = ANGLES.has(key) && kind === 'cuboid3d' ? Math.abs(shortestAngleDelta(x, y)) : Math.abs(x - y);
    return delta <= coordinateTolerance(kind, key) + 1e-9;
  });
}

const exact = (x: number, y: number) => x === y;
const sameAttributes = (a: unknown, b: unknown) => alike(a ?? {}, b ?? {}, exact);

/** True where `object` is no longer what `proposal` said: class, attributes, frame, track or geometry. */
export function isEdited(object: LabeledObject, proposal: LabeledObject): boolean {
  if (object.kind !== proposal.kind || object.label !== proposal.label) return true;
  if (!sameAttributes(object.attributes, proposal.attributes)) return true;
  if ((object.frame ?? null) !== (proposal.frame ?? null)) return true;
  if (proposal.trackId !== undefined && object.trackId !== proposal.trackId) return true;
  return geometryMoved(object.kind, object.geometry, proposal.geometry);
}

/** An object taken from a proposal is `prediction_accepted` while unchanged, else `prediction_edited`. */
export function originAgainst(object: LabeledObject, proposal: LabeledObject): ObjectOrigin {
  return isEdited(object, proposal) ? 'prediction_edited' : 'prediction_accepted';
}

/**
 * The payload with each object taken from a proposal classified by `originAgainst`. `proposals` are
 * the item's predictions as objects, keyed by the id an accepted object names in `predictionId`;
 * an object whose proposal is not among them keeps the origin it came with.
 */
export function withOrigins(payload: AnnotationPayload, proposals: ReadonlyMap<string, LabeledObject>): AnnotationPayload {
  let changed = false;
  const objects = payload.objects.map((o) => {
    if (o.origin !== 'prediction_accepted' && o.origin !== 'prediction_edited') return o;
    const proposal = o.predictionId === undefined ? undefined : proposals.get(o.predictionId);
    if (!proposal) return o;
    const origin = originAgainst(o, proposal);
    if (origin === o.origin) return o;
    changed = true;
    return { ...o, origin } as LabeledObject;
  });
  return changed ? { ...payload, objects } : payload;
}

/**
 * Whether two versions of work say the same: the same objects by id, none of them edited against
 * its counterpart by the rule above, the same tracks. Origins are the server's to decide and
 * keyframe flags show in the interpolated boxes' geometry, so neither counts by itself. A
 * reviewer's accept stores a version of its own only where this is false.
 */
export function samePayload(a: AnnotationPayload, b: AnnotationPayload): boolean {
  if (a.objects.length !== b.objects.length) return false;
  const byId = new Map(b.objects.map((o) => [o.id, o]));
  return a.objects.every((o) => {
    const other = byId.get(o.id);
    return other !== undefined && !isEdited(o, other) && o.trackId === other.trackId;
  });
}
