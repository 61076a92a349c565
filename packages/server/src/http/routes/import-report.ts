import { Type } from '@sinclair/typebox';
import { Uuid } from '../schemas.ts';

/** What every import route answers (services/import.service.ts ImportReport). */
export const ImportReport = Type.Object({
  importId: Uuid, imported: Type.Integer(), predictions: Type.Integer(), skipped: Type.Integer(),
  errors: Type.Array(Type.Object({ file: Type.String(), line: Type.Integer(), field: Type.String(), message: Type.String() })),
  annotations: Type.Optional(Type.Integer()), addedClasses: Type.Optional(Type.Array(Type.String())),
  leftOut: Type.Optional(Type.Object({
    count: Type.Integer(),
    files: Type.Array(Type.Object({ file: Type.String(), reason: Type.String() }), { description: 'files of the folder that do not fit the project kind, with why' }),
  })),
  clamped: Type.Optional(Type.Object({ boxes: Type.Integer(), maxPx: Type.Number() }, { description: 'boxes moved into their image (rounding of converted labels, at most 0.5 px)' })),
  notes: Type.Optional(Type.Array(Type.String())),
});
