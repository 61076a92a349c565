import { Type, type Static } from '@sinclair/typebox';

export const Uuid = Type.String({ format: 'uuid', description: 'a UUID' });
export const IdParams = (name: string) => Type.Object({ [name]: Uuid });

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  }),
}, { $id: 'Error', description: 'Every error has this shape.' });

export const Role = Type.Union([Type.Literal('manager'), Type.Literal('reviewer'), Type.Literal('annotator'), Type.Literal('client')]);

export const User = Type.Object({ id: Uuid, email: Type.String(), name: Type.String(), isAdmin: Type.Boolean() });

export const Settings = Type.Object({
  leaseSeconds: Type.Integer(), maxHeldTasks: Type.Integer(), stage: Type.String(),
  granularity: Type.Union([Type.Literal('token'), Type.Literal('char')], { description: 'text spans snap to whole tokens (token) or keep character precision (char)' }),
  allowOverlap: Type.Boolean({ description: 'text spans may overlap' }),
  multiLabel: Type.Boolean({ description: 'text classification: several classes per item' }),
});

export const Project = Type.Object({
  id: Uuid, name: Type.String(), description: Type.String(), ontology: Type.Unknown(), settings: Settings, createdAt: Type.String(),
});

export const TaskView = Type.Object({
  task: Type.Object({
    id: Uuid, projectId: Uuid, itemId: Uuid, stage: Type.String(), status: Type.String(), priority: Type.Integer(),
    attempts: Type.Integer(), leaseExpiresAt: Type.Union([Type.String(), Type.Null()]),
  }),
  item: Type.Object({
    id: Uuid, kind: Type.String(), asset: Type.Union([Type.String(), Type.Null()]), text: Type.Union([Type.String(), Type.Null()]),
    frames: Type.Unknown(), metadata: Type.Unknown(),
  }),
  predictions: Type.Array(Type.Object({
    id: Uuid, modelVersion: Type.Union([Type.String(), Type.Null()]), score: Type.Union([Type.Number(), Type.Null()]), payload: Type.Unknown(),
    objects: Type.Array(Type.Unknown()),
  })),
  draft: Type.Unknown(),
  latest: Type.Union([Type.Object({ id: Uuid, version: Type.Integer(), state: Type.String(), payload: Type.Unknown() }), Type.Null()]),
});

/** Error responses every authenticated route can give. */
export const errors = {
  400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody,
};

export type UserT = Static<typeof User>;
