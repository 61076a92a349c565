import { parseAttributeSpec, type AttributeSpec } from './attributes.ts';
import { at, checkKnownKeys, checkPositive, checkRecord, expected, isRecord } from './check.ts';
import { GEOMETRY_KINDS, isGeometryKind, type GeometryKind } from './kinds/index.ts';
import { err, ok, type Result, type ValidationIssue } from './result.ts';

export type { GeometryKind } from './kinds/index.ts';

export interface SizePrior {
  length: number;
  width: number;
  height: number;
}

export interface LabelClass {
  name: string;
  kind: GeometryKind;
  /** `#rrggbb`, lower-cased on parse. */
  color?: string;
  hotkey?: string;
  attributes: AttributeSpec[];
  /** Typical size in metres, used to seed a new cuboid; cuboid3d only. */
  sizePrior?: SizePrior;
}

export interface Ontology {
  classes: LabelClass[];
}

const CLASS_KEYS = ['name', 'kind', 'color', 'hotkey', 'attributes', 'sizePrior'] as const;
const COLOR = /^#[0-9a-f]{6}$/i;

/** Validates untrusted ontology JSON and fills defaults, reporting every issue at once. */
export function parseOntology(input: unknown): Result<Ontology, ValidationIssue[]> {
  const issues: ValidationIssue[] = [];
  if (!checkRecord(input, '', issues)) return err(issues);
  checkKnownKeys(input, ['classes'], '', issues);
  if (!Array.isArray(input.classes)) return err([...issues, expected('classes', 'an array of label classes', input.classes)]);
  const names = new Map<string, number>();
  const hotkeys = new Map<string, number>();
  const classes: LabelClass[] = [];
  input.classes.forEach((raw: unknown, i) => {
    const path = at('classes', i);
    const c = parseClass(raw, path, issues);
    if (c !== undefined) classes.push(c);
    // Duplicates are checked on the raw values so a class with another mistake still gets this one reported.
    if (!isRecord(raw)) return;
    if (typeof raw.name === 'string' && raw.name.trim() !== '') {
      const dup = names.get(raw.name);
      if (dup !== undefined) issues.push({ path: at(path, 'name'), message: `duplicate class name ${JSON.stringify(raw.name)} (also classes[${dup}])` });
      else names.set(raw.name, i);
    }
    if (typeof raw.hotkey === 'string' && raw.hotkey.trim() !== '') {
      const key = raw.hotkey.toLowerCase();
      const dup = hotkeys.get(key);
      if (dup !== undefined) issues.push({ path: at(path, 'hotkey'), message: `hotkey ${JSON.stringify(raw.hotkey)} is already used by classes[${dup}]` });
      else hotkeys.set(key, i);
    }
  });
  return issues.length > 0 ? err(issues) : ok({ classes });
}

function parseClass(raw: unknown, path: string, issues: ValidationIssue[]): LabelClass | undefined {
  if (!checkRecord(raw, path, issues)) return undefined;
  const before = issues.length;
  checkKnownKeys(raw, CLASS_KEYS, path, issues);
  const { name, kind, color, hotkey, attributes = [], sizePrior } = raw;
  if (typeof name !== 'string' || name.trim() === '') issues.push(expected(at(path, 'name'), 'a non-empty string', name));
  if (!isGeometryKind(kind)) issues.push(expected(at(path, 'kind'), `one of ${GEOMETRY_KINDS.join(', ')}`, kind));
  if (color !== undefined && !(typeof color === 'string' && COLOR.test(color))) issues.push(expected(at(path, 'color'), 'a #rrggbb colour', color));
  if (hotkey !== undefined && !(typeof hotkey === 'string' && hotkey.trim() !== '')) issues.push(expected(at(path, 'hotkey'), 'a non-empty string', hotkey));
  const specs = parseAttributes(attributes, at(path, 'attributes'), issues);
  if (sizePrior !== undefined) {
    const p = at(path, 'sizePrior');
    if (kind !== 'cuboid3d') issues.push({ path: p, message: `only cuboid3d classes take a size prior, this class is ${String(kind)}` });
    else if (checkRecord(sizePrior, p, issues)) {
      checkKnownKeys(sizePrior, ['length', 'width', 'height'], p, issues);
      for (const k of ['length', 'width', 'height'] as const) checkPositive(sizePrior[k], at(p, k), issues);
    }
  }
  if (issues.length > before) return undefined;
  const c: LabelClass = { name: name as string, kind: kind as GeometryKind, attributes: specs };
  if (color !== undefined) c.color = (color as string).toLowerCase();
  if (hotkey !== undefined) c.hotkey = hotkey as string;
  if (sizePrior !== undefined) c.sizePrior = { ...(sizePrior as unknown as SizePrior) };
  return c;
}

function parseAttributes(raw: unknown, path: string, issues: ValidationIssue[]): AttributeSpec[] {
  if (!Array.isArray(raw)) {
    issues.push(expected(path, 'an array of attribute specs', raw));
    return [];
  }
  const seen = new Map<string, number>();
  const specs: AttributeSpec[] = [];
  raw.forEach((r: unknown, i) => {
    const spec = parseAttributeSpec(r, at(path, i), issues);
    if (spec === undefined) return;
    const dup = seen.get(spec.name);
    if (dup !== undefined) issues.push({ path: at(at(path, i), 'name'), message: `duplicate attribute name ${JSON.stringify(spec.name)} (also ${at(path, dup)})` });
    else seen.set(spec.name, i);
    specs.push(spec);
  });
  return specs;
}

export function findClass(ontology: Ontology, name: string): LabelClass | undefined {
  return ontology.classes.find((c) => c.name === name);
}
