import { validateAttributes } from './attributes.ts';
import { at, checkRecord, expected, isRecord } from './check.ts';
import { geometryKinds, isGeometryKind, type GeometryContext, type GeometryKind, type GeometryOf } from './kinds/index.ts';
import { findClass, type Ontology } from './ontology.ts';
import { err, ok, type Result, type ValidationIssue } from './result.ts';

export const CURRENT_SCHEMA_VERSION = 1;

export type ObjectOrigin = 'human' | 'prediction_accepted' | 'prediction_edited';
const ORIGINS: readonly ObjectOrigin[] = ['human', 'prediction_accepted', 'prediction_edited'];

interface ObjectBase {
  /** Stable within the payload so reviews and diffs can point at one object. */
  id: string;
  /** Class name from the ontology. */
  label: string;
  attributes: Record<string, unknown>;
  origin?: ObjectOrigin;
  predictionId?: string;
  score?: number;
  /** Same track id across frames means the same physical object. */
  trackId?: string;
  /** Which frame of a sequence (0-based); absent on single-frame items. */
  frame?: number;
  /** On a sequence: true where a person placed the box, false where it was interpolated between keyframes. */
  keyframe?: boolean;
}

export type LabeledObject = { [K in GeometryKind]: ObjectBase & { kind: K; geometry: GeometryOf[K] } }[GeometryKind];

export interface AnnotationPayload {
  schemaVersion: typeof CURRENT_SCHEMA_VERSION;
  objects: LabeledObject[];
}

type Raw = Record<string, unknown>;
/** Lifts a payload from version n-1 to n. */
export type Migration = (payload: Raw) => Raw;

/**
 * migrations[n] upgrades a version n-1 payload to version n. Version 1 is the first, so its entry
 * is the identity; the next format change adds `2: (p) => ...` and bumps CURRENT_SCHEMA_VERSION.
 */
export const migrations: Readonly<Record<number, Migration>> = { 1: (p) => p };

export function migratePayload(
  payload: unknown,
  table: Readonly<Record<number, Migration>> = migrations,
  target: number = CURRENT_SCHEMA_VERSION,
): Result<Raw, ValidationIssue[]> {
  const issues: ValidationIssue[] = [];
  if (!checkRecord(payload, '', issues)) return err(issues);
  const version = payload.schemaVersion;
  if (version === undefined) return err([{ path: 'schemaVersion', message: 'is required' }]);
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    return err([expected('schemaVersion', 'a positive integer', version)]);
  }
  if (version > target) {
    return err([{ path: 'schemaVersion', message: `payload is schemaVersion ${version}, written by a newer Cadre; this build reads up to ${target}` }]);
  }
  let current: Raw = payload;
  for (let v = version + 1; v <= target; v++) {
    const up = table[v];
    if (up === undefined) return err([{ path: 'schemaVersion', message: `no migration to version ${v}` }]);
    current = { ...up(current), schemaVersion: v };
  }
  return ok(current);
}

/** Validates a stored or submitted payload against the project's ontology, reporting every issue. */
export function validateAnnotation(
  payload: unknown,
  ontology: Ontology,
  ctx: GeometryContext = {},
): Result<AnnotationPayload, ValidationIssue[]> {
  const migrated = migratePayload(payload);
  if (!migrated.ok) return migrated;
  const { objects } = migrated.value;
  if (!Array.isArray(objects)) return err([expected('objects', 'an array', objects)]);
  const issues: ValidationIssue[] = [];
  const ids = new Map<string, number>();
  objects.forEach((o: unknown, i) => {
    const path = at('objects', i);
    if (!checkRecord(o, path, issues)) return;
    if (typeof o.id !== 'string' || o.id === '') issues.push(expected(at(path, 'id'), 'a non-empty string', o.id));
    else if (ids.has(o.id)) issues.push({ path: at(path, 'id'), message: `duplicate object id ${JSON.stringify(o.id)} (also objects[${ids.get(o.id)}])` });
    else ids.set(o.id, i);
    validateObject(o, path, ontology, ctx, issues);
  });
  return issues.length > 0 ? err(issues) : ok(migrated.value as unknown as AnnotationPayload);
}

function validateObject(o: Raw, path: string, ontology: Ontology, ctx: GeometryContext, issues: ValidationIssue[]): void {
  const cls = typeof o.label === 'string' ? findClass(ontology, o.label) : undefined;
  if (typeof o.label !== 'string') issues.push(expected(at(path, 'label'), 'a class name', o.label));
  else if (cls === undefined) issues.push({ path: at(path, 'label'), message: `unknown label ${JSON.stringify(o.label)}; the ontology has ${ontology.classes.map((c) => JSON.stringify(c.name)).join(', ')}` });
  if (!isGeometryKind(o.kind)) {
    issues.push(expected(at(path, 'kind'), `one of ${Object.keys(geometryKinds).join(', ')}`, o.kind));
  } else {
    if (cls !== undefined && cls.kind !== o.kind) issues.push({ path: at(path, 'kind'), message: `class ${JSON.stringify(cls.name)} is ${cls.kind}, not ${o.kind}` });
    issues.push(...geometryKinds[o.kind].validate(o.geometry, ctx, at(path, 'geometry')));
  }
  if (!isRecord(o.attributes)) issues.push(expected(at(path, 'attributes'), 'an object', o.attributes));
  else if (cls !== undefined) issues.push(...validateAttributes(cls.attributes, o.attributes, at(path, 'attributes')));
  validateProvenance(o, path, ctx, issues);
}

function validateProvenance(o: Raw, path: string, ctx: GeometryContext, issues: ValidationIssue[]): void {
  const { origin, predictionId, score, trackId, frame, keyframe } = o;
  if (origin !== undefined && !ORIGINS.includes(origin as ObjectOrigin)) issues.push(expected(at(path, 'origin'), `one of ${ORIGINS.join(', ')}`, origin));
  if (predictionId !== undefined && (typeof predictionId !== 'string' || predictionId === '')) issues.push(expected(at(path, 'predictionId'), 'a non-empty string', predictionId));
  // An accepted or edited prediction without its id would break model-quality statistics.
  if ((origin === 'prediction_accepted' || origin === 'prediction_edited') && predictionId === undefined) {
    issues.push({ path: at(path, 'predictionId'), message: `is required when origin is ${origin}` });
  }
  if (score !== undefined && !(typeof score === 'number' && score >= 0 && score <= 1)) issues.push(expected(at(path, 'score'), 'a number in [0, 1]', score));
  if (trackId !== undefined && (typeof trackId !== 'string' || trackId === '')) issues.push(expected(at(path, 'trackId'), 'a non-empty string', trackId));
  if (frame !== undefined && !(typeof frame === 'number' && Number.isSafeInteger(frame) && frame >= 0)) issues.push(expected(at(path, 'frame'), 'a frame index (integer ≥ 0)', frame));
  else if (typeof frame === 'number' && ctx.frameCount !== undefined && frame >= ctx.frameCount) issues.push({ path: at(path, 'frame'), message: `is ${frame}, but the sequence has ${ctx.frameCount} frames (0 to ${ctx.frameCount - 1})` });
  if (keyframe !== undefined && typeof keyframe !== 'boolean') issues.push(expected(at(path, 'keyframe'), 'true or false', keyframe));
}
