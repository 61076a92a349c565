// The report of models: how each model version's proposals fared against the accepted labels, what
// people spent on items with and without pre-labels, and what an accepted item cost by method.
// Definitions travel with the report (`definitions`, written in services/machine-report/report.ts).
import { Type, type Static } from '@sinclair/typebox';
import { errors, Nullable, ProjectParams, Uuid } from './common.ts';
import { route } from './route.ts';

const Share = Nullable(Type.Number({ minimum: 0, maximum: 1 }));

/** Object-level outcome counts of proposals, their shares, and precision / recall from them. */
export const OutcomeFigures = Type.Object({
  proposals: Type.Integer({ description: 'accepted + edited + deleted' }),
  accepted: Type.Integer({ description: 'proposals kept untouched' }),
  edited: Type.Integer({ description: 'proposals kept with a change' }),
  deleted: Type.Integer({ description: 'proposals no accepted object came from' }),
  drawn: Type.Integer({ description: 'objects people drew that the model did not propose' }),
  shares: Type.Object({ accepted: Share, edited: Share, deleted: Share, drawn: Share }, { description: 'each over accepted + edited + deleted + drawn' }),
  precision: Share, recall: Share,
});
export type OutcomeFigures = Static<typeof OutcomeFigures>;

export const SecondsFigure = Type.Object({ items: Type.Integer(), medianSeconds: Nullable(Type.Number()) });

export const MethodCost = Type.Object({
  method: Type.Union([Type.Literal('manual'), Type.Literal('prelabeled'), Type.Literal('automatic')]),
  currency: Type.String({ description: 'ISO 4217; XXX where the project has no rate card' }),
  items: Type.Integer(),
  labourMinor: Type.Integer(), machineMinor: Type.Integer(), totalMinor: Type.Integer(),
  labourPerItemMinor: Nullable(Type.Integer()), machinePerItemMinor: Nullable(Type.Integer()), perItemMinor: Nullable(Type.Integer()),
});
export type MethodCost = Static<typeof MethodCost>;

const Seconds = Type.Object({ withPrelabels: SecondsFigure, withoutPrelabels: SecondsFigure });

export const ModelVersionReport = Type.Object({
  modelId: Nullable(Uuid), name: Type.String(), version: Type.String(), hourRateMinor: Nullable(Type.Integer()),
  items: Type.Integer({ description: 'accepted items this model version pre-labelled' }),
  outcomes: OutcomeFigures,
  classes: Type.Array(Type.Composite([Type.Object({ class: Type.String() }), OutcomeFigures])),
  seconds: Seconds,
  machineSeconds: Type.Number(),
  costPerItem: Type.Array(MethodCost),
  projects: Type.Array(Type.Object({ projectId: Uuid, projectName: Type.String(), items: Type.Integer(), outcomes: OutcomeFigures })),
});
export type ModelVersionReport = Static<typeof ModelVersionReport>;

export const ModelReport = Type.Object({
  projectId: Nullable(Uuid), at: Type.String(),
  models: Type.Array(ModelVersionReport),
  seconds: Seconds,
  costPerItem: Type.Array(MethodCost),
  definitions: Type.Record(Type.String(), Type.String()),
});
export type ModelReport = Static<typeof ModelReport>;

export const modelReportRoutes = {
  projectModelReport: route('GET', '/api/projects/:projectId/model-report', {
    tags: ['models'], summary: 'Per model version: outcomes of its proposals, precision and recall, people\'s seconds with and without pre-labels, cost per item by method (manager)',
    params: ProjectParams, response: { 200: ModelReport, ...errors },
  }),
  modelReport: route('GET', '/api/model-report', {
    tags: ['models'], summary: 'The same over every project (administrator)', response: { 200: ModelReport, ...errors },
  }),
};
