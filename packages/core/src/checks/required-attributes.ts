import type { LabeledObject } from '../annotation.ts';
import { findClass } from '../ontology.ts';
import type { CheckContext, CheckFailure } from './types.ts';

/** Every attribute the object's class marks `required` has a value (an empty string is no value). */
export function checkRequiredAttributes(o: LabeledObject, ctx: CheckContext): CheckFailure[] {
  const cls = findClass(ctx.ontology, o.label);
  if (cls === undefined) return [];
  const values = o.attributes ?? {};
  const missing = cls.attributes.filter((a) => {
    if (!a.required) return false;
    const v = values[a.name];
    return v === undefined || v === null || v === '';
  });
  if (missing.length === 0) return [];
  const names = missing.map((a) => `“${a.name}”`).join(', ');
  return [{
    check: 'required-attributes',
    objectId: o.id,
    message: missing.length === 1 ? `required attribute ${names} is not set` : `required attributes ${names} are not set`,
    measured: missing.length,
    limit: 0,
    unit: 'attributes',
    severity: 'error',
  }];
}
