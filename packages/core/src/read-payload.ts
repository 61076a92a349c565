// Payloads read back from storage (annotations, drafts, gold, merged consensus) come through here:
// migrated to the current schemaVersion and checked for shape, instead of cast. Stored annotations
// outlive code; what was valid when written is lifted by `migrations`, and anything else is refused
// with every problem named, never handed on as if it were an AnnotationPayload.
import { CURRENT_SCHEMA_VERSION, migratePayload, migrations, type AnnotationPayload, type Migration } from './annotation.ts';
import { at, checkRecord, expected, isRecord } from './check.ts';
import { geometryKinds, isGeometryKind } from './kinds/index.ts';
import { err, formatIssue, ok, type Result, type ValidationIssue } from './result.ts';

export interface ReadOptions {
  /** The row's schema_version column, for a payload stored without `schemaVersion` inside. */
  version?: number;
  /** The migration table and the version it reaches: the current ones unless a test says otherwise. */
  table?: Readonly<Record<number, Migration>>;
  target?: number;
}

/** A stored payload that no migration makes current: corrupt data, not a user's mistake. */
export class StoredPayloadError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(`stored annotation payload cannot be read: ${issues.slice(0, 5).map(formatIssue).join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`);
    this.name = 'StoredPayloadError';
  }
}

export function emptyPayload(): AnnotationPayload {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, objects: [] };
}

/**
 * Stored JSON → the current AnnotationPayload, or every issue. Checks what a reader relies on (ids,
 * labels, known kinds and their geometry, attributes as an object), not the ontology: the project's
 * classes may have changed since the payload was written.
 */
export function parseStoredPayload(stored: unknown, o: ReadOptions = {}): Result<AnnotationPayload, ValidationIssue[]> {
  const withVersion = isRecord(stored) && stored.schemaVersion === undefined && o.version !== undefined ? { ...stored, schemaVersion: o.version } : stored;
  const migrated = migratePayload(withVersion, o.table ?? migrations, o.target ?? CURRENT_SCHEMA_VERSION);
  if (!migrated.ok) return migrated;
  const { objects } = migrated.value;
  if (!Array.isArray(objects)) return err([expected('objects', 'an array', objects)]);
  const issues: ValidationIssue[] = [];
  objects.forEach((obj: unknown, i) => {
    const path = at('objects', i);
    if (!checkRecord(obj, path, issues)) return;
    if (typeof obj.id !== 'string' || obj.id === '') issues.push(expected(at(path, 'id'), 'a non-empty string', obj.id));
    if (typeof obj.label !== 'string') issues.push(expected(at(path, 'label'), 'a class name', obj.label));
    if (!isRecord(obj.attributes)) issues.push(expected(at(path, 'attributes'), 'an object', obj.attributes));
    if (!isGeometryKind(obj.kind)) issues.push(expected(at(path, 'kind'), `one of ${Object.keys(geometryKinds).join(', ')}`, obj.kind));
    else issues.push(...geometryKinds[obj.kind].validate(obj.geometry, {}, at(path, 'geometry')));
  });
  return issues.length > 0 ? err(issues) : ok(migrated.value as unknown as AnnotationPayload);
}

/** The same, for readers that cannot go on without it: throws StoredPayloadError naming the problems. */
export function readPayload(stored: unknown, o: ReadOptions = {}): AnnotationPayload {
  const r = parseStoredPayload(stored, o);
  if (!r.ok) throw new StoredPayloadError(r.error);
  return r.value;
}
