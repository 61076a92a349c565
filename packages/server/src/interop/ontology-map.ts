// Fits a file's objects to the project's ontology, and says what it had to change. A label the
// ontology lacks becomes a new class (of the object's kind), an attribute it lacks a new attribute
// (typed by its value); a shape of another kind than its class is converted where nothing is lost
// that the class could hold (a polygon in a box class keeps its bounds, a box in a polygon class
// its corners), and dropped otherwise. Every change is a note, so `--strict` can refuse it.
import { boxCorners, geometryKinds, type AttributeSpec, type GeometryKind, type LabeledObject, type LabelClass, type Ontology } from '@cadre/core';
import type { Note } from '@cadre/formats';

export interface WantedClass { name: string; kind: GeometryKind; attributes: AttributeSpec[] }

type At = { file: string; line: number };

export class OntologyMapper {
  private readonly classes = new Map<string, LabelClass>();
  private readonly added = new Map<string, WantedClass>();
  /** Attributes added to classes the ontology already had, by class name. */
  private readonly addedAttributes = new Map<string, AttributeSpec[]>();

  constructor(ontology: Ontology) {
    for (const c of ontology.classes) this.classes.set(c.name, c);
  }

  kindOf(label: string): GeometryKind | undefined {
    return this.classes.get(label)?.kind ?? this.added.get(label)?.kind;
  }

  /** Classes and attributes to add to the ontology when the import commits. */
  wanted(): WantedClass[] {
    const extra = [...this.addedAttributes].map(([name, attributes]) => ({ name, kind: this.classes.get(name)!.kind, attributes }));
    return [...this.added.values(), ...extra];
  }

  /** The objects as the ontology can hold them, and a note for each change. */
  map(objects: readonly LabeledObject[], at: At, field: string): { objects: LabeledObject[]; notes: Note[] } {
    const notes: Note[] = [];
    const out: LabeledObject[] = [];
    objects.forEach((o, i) => {
      const where = `${field}[${i}]`;
      const note = (kind: Note['kind'], reason: string, message: string) => notes.push({ ...at, field: where, kind, reason, message });
      let kind = this.kindOf(o.label);
      if (kind === undefined) {
        this.added.set(o.label, { name: o.label, kind: o.kind, attributes: [] });
        kind = o.kind;
        note('mapped', 'class added to the ontology', `class ${JSON.stringify(o.label)} (${o.kind}) is not in the ontology: added`);
      }
      const converted = kind === o.kind ? o : convert(o, kind);
      if (!converted) {
        note('dropped', `${o.kind} in a ${kind} class`, `${o.kind} ${JSON.stringify(o.label)} left out: the class is ${kind}, which cannot hold it`);
        return;
      }
      if (converted !== o) note('mapped', `${o.kind} kept as ${kind}`, `${o.kind} ${JSON.stringify(o.label)} kept as a ${kind}: the class is ${kind}`);
      out.push({ ...converted, attributes: this.fitAttributes(o.label, o.attributes ?? {}, (reason, message) => note('dropped', reason, message)) });
    });
    return { objects: out, notes };
  }

  private specsOf(label: string): AttributeSpec[] {
    return [...(this.classes.get(label)?.attributes ?? []), ...(this.added.get(label)?.attributes ?? []), ...(this.addedAttributes.get(label) ?? [])];
  }

  private fitAttributes(label: string, values: Record<string, unknown>, drop: (reason: string, message: string) => void): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(values)) {
      if (value === null || value === undefined) continue;
      const spec = this.specsOf(label).find((s) => s.name === name);
      if (!spec) {
        const type = typeof value === 'boolean' ? 'boolean' : typeof value === 'number' && Number.isFinite(value) ? 'number' : typeof value === 'string' ? 'text' : null;
        if (!type) { drop('attribute value not a boolean, number or text', `attribute ${JSON.stringify(name)} of ${JSON.stringify(label)} left out: ${JSON.stringify(value)} is not a boolean, number or text`); continue; }
        const added: AttributeSpec = { name, type, required: false } as AttributeSpec;
        if (this.added.has(label)) this.added.get(label)!.attributes.push(added);
        else this.addedAttributes.set(label, [...(this.addedAttributes.get(label) ?? []), added]);
        out[name] = value;
        continue;
      }
      const fitted = fitValue(spec, value);
      if (fitted === undefined) drop(`attribute value the class does not allow`, `attribute ${JSON.stringify(name)} of ${JSON.stringify(label)} left out: ${JSON.stringify(value)} does not fit its ${spec.type} spec`);
      else out[name] = fitted;
    }
    return out;
  }
}

/** A value as its spec takes it: "1" and "true" for a boolean, "3" for a number, an enum option as it is. */
function fitValue(spec: AttributeSpec, value: unknown): unknown {
  switch (spec.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 1 || value === '1' || value === 'true') return true;
      if (value === 0 || value === '0' || value === 'false') return false;
      return undefined;
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) return undefined;
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) return undefined;
      return n;
    }
    case 'enum': {
      const s = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
      return s !== undefined && spec.options.includes(s) ? s : undefined;
    }
    case 'text':
      return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  }
}

/** The object as a shape of `kind`, or null when that kind cannot hold it. */
function convert(o: LabeledObject, kind: GeometryKind): LabeledObject | null {
  if (o.kind === 'polygon' && kind === 'bbox2d') {
    const b = geometryKinds.polygon.bounds!(o.geometry);
    return { ...o, kind: 'bbox2d', geometry: { x: b.minX, y: b.minY, width: b.maxX - b.minX, height: b.maxY - b.minY } } as LabeledObject;
  }
  if (o.kind === 'bbox2d' && kind === 'polygon') {
    return { ...o, kind: 'polygon', geometry: { points: boxCorners(o.geometry) } } as LabeledObject;
  }
  return null;
}
