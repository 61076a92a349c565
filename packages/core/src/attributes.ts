import { at, checkKnownKeys, checkRecord, describe, expected, isRecord } from './check.ts';
import type { ValidationIssue } from './result.ts';

interface AttributeBase {
  name: string;
  required: boolean;
}
export interface EnumAttribute extends AttributeBase { type: 'enum'; options: string[]; default?: string }
export interface BooleanAttribute extends AttributeBase { type: 'boolean'; default?: boolean }
export interface NumberAttribute extends AttributeBase { type: 'number'; min?: number; max?: number; step?: number; default?: number }
export interface TextAttribute extends AttributeBase { type: 'text'; maxLength?: number; default?: string }
export type AttributeSpec = EnumAttribute | BooleanAttribute | NumberAttribute | TextAttribute;

const KEYS: Record<AttributeSpec['type'], readonly string[]> = {
  enum: ['options'],
  boolean: [],
  number: ['min', 'max', 'step'],
  text: ['maxLength'],
};

/** Parses one spec from JSON, pushing every problem; returns undefined when it cannot be used. */
export function parseAttributeSpec(input: unknown, path: string, issues: ValidationIssue[]): AttributeSpec | undefined {
  if (!checkRecord(input, path, issues)) return undefined;
  const before = issues.length;
  const { name, type, required = false } = input;
  if (typeof name !== 'string' || name.trim() === '') issues.push(expected(at(path, 'name'), 'a non-empty string', name));
  if (typeof required !== 'boolean') issues.push(expected(at(path, 'required'), 'a boolean', required));
  if (typeof type !== 'string' || !Object.hasOwn(KEYS, type)) {
    issues.push(expected(at(path, 'type'), `one of ${Object.keys(KEYS).join(', ')}`, type));
    return undefined;
  }
  const t = type as AttributeSpec['type'];
  checkKnownKeys(input, ['name', 'type', 'required', 'default', ...KEYS[t]], path, issues);
  const spec = { ...input, required } as AttributeSpec;
  if (spec.type === 'enum') checkEnumSpec(spec, path, issues);
  if (spec.type === 'number') checkNumberSpec(spec, path, issues);
  if (spec.type === 'text' && spec.maxLength !== undefined && !(Number.isSafeInteger(spec.maxLength) && spec.maxLength >= 0)) {
    issues.push(expected(at(path, 'maxLength'), 'a non-negative integer', spec.maxLength));
  }
  // Only a well-formed spec can judge its own default.
  if (issues.length === before && spec.default !== undefined) {
    issues.push(...checkAttributeValue(spec, spec.default, at(path, 'default')));
  }
  return issues.length === before ? spec : undefined;
}

function checkEnumSpec(spec: EnumAttribute, path: string, issues: ValidationIssue[]): void {
  const p = at(path, 'options');
  const options: unknown = spec.options;
  if (!Array.isArray(options) || options.length === 0) {
    issues.push(expected(p, 'a non-empty array of strings', options));
    return;
  }
  const seen = new Set<string>();
  options.forEach((o: unknown, i) => {
    if (typeof o !== 'string' || o === '') issues.push(expected(at(p, i), 'a non-empty string', o));
    else if (seen.has(o)) issues.push({ path: at(p, i), message: `duplicate option ${JSON.stringify(o)}` });
    else seen.add(o);
  });
}

function checkNumberSpec(spec: NumberAttribute, path: string, issues: ValidationIssue[]): void {
  for (const key of ['min', 'max', 'step'] as const) {
    const v: unknown = spec[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v))) issues.push(expected(at(path, key), 'a finite number', v));
  }
  const { min, max, step } = spec;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    issues.push({ path: at(path, 'min'), message: `min ${min} is greater than max ${max}` });
  }
  if (typeof step === 'number' && !(step > 0)) issues.push({ path: at(path, 'step'), message: `must be greater than 0, got ${step}` });
}

/** Checks one value against its spec. */
export function checkAttributeValue(spec: AttributeSpec, value: unknown, path: string): ValidationIssue[] {
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? [] : [expected(path, 'a boolean', value)];
    case 'enum':
      return typeof value === 'string' && spec.options.includes(value)
        ? []
        : [{ path, message: `must be one of ${spec.options.map((o) => JSON.stringify(o)).join(', ')}, got ${describe(value)}` }];
    case 'text':
      if (typeof value !== 'string') return [expected(path, 'a string', value)];
      if (spec.maxLength !== undefined && [...value].length > spec.maxLength) {
        return [{ path, message: `must be at most ${spec.maxLength} characters, got ${[...value].length}` }];
      }
      return [];
    case 'number':
      return checkNumberValue(spec, value, path);
  }
}

function checkNumberValue(spec: NumberAttribute, value: unknown, path: string): ValidationIssue[] {
  if (typeof value !== 'number' || !Number.isFinite(value)) return [expected(path, 'a finite number', value)];
  if (spec.min !== undefined && value < spec.min) return [{ path, message: `must be >= ${spec.min}, got ${value}` }];
  if (spec.max !== undefined && value > spec.max) return [{ path, message: `must be <= ${spec.max}, got ${value}` }];
  if (spec.step !== undefined) {
    const k = (value - (spec.min ?? 0)) / spec.step;
    // Tolerance, because 0.1 + 0.2 steps never land exactly in binary floating point.
    if (Math.abs(k - Math.round(k)) > 1e-9) return [{ path, message: `must be a multiple of ${spec.step} from ${spec.min ?? 0}, got ${value}` }];
  }
  return [];
}

/** Validates an object's attribute values: types, ranges, required ones present, no unknown names. */
export function validateAttributes(specs: readonly AttributeSpec[], values: unknown, path = ''): ValidationIssue[] {
  if (!isRecord(values)) return [expected(path, 'an object of attribute values', values)];
  const issues: ValidationIssue[] = [];
  const byName = new Map(specs.map((s) => [s.name, s]));
  for (const [name, value] of Object.entries(values)) {
    const spec = byName.get(name);
    if (spec === undefined) issues.push({ path: at(path, name), message: `unknown attribute (known: ${[...byName.keys()].join(', ') || 'none'})` });
    else issues.push(...checkAttributeValue(spec, value, at(path, name)));
  }
  for (const spec of specs) {
    if (spec.required && !Object.hasOwn(values, spec.name)) issues.push({ path: at(path, spec.name), message: 'required attribute is missing' });
  }
  return issues;
}
