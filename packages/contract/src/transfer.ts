// Import (a file, or a folder on the server) and export.
import { Type, type Static } from '@sinclair/typebox';
import { errors, ProjectParams, Uuid } from './common.ts';
import { route } from './route.ts';

/** What every import route answers. */
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
export type ImportReport = Static<typeof ImportReport>;

export const IMPORT_FORMATS = ['json', 'jsonl', 'csv', 'conll'] as const;
/** What CoNLL tags become: predictions to review, accepted annotations, or nothing. */
export const CONLL_LABELS = ['as-predictions', 'as-annotations', 'ignore'] as const;

export const transferRoutes = {
  importFile: route('POST', '/api/projects/:projectId/import', {
    tags: ['import/export'], summary: 'Import tasks: a JSON array, JSONL or CSV file in Label Studio task shape, or a CoNLL/BIO token file (one text item a sentence), sent as the raw body',
    params: ProjectParams,
    querystring: Type.Object({
      file: Type.String({ default: 'upload', description: 'the file name, for messages and format detection' }),
      format: Type.Optional(Type.Union(IMPORT_FORMATS.map((f) => Type.Literal(f)))),
      skipInvalid: Type.Boolean({ default: false, description: 'import the valid rows and report the invalid ones' }),
      conllLabels: Type.Union(CONLL_LABELS.map((l) => Type.Literal(l)), { default: 'as-predictions', description: 'conll: the tags become predictions to review, accepted annotations, or are ignored' }),
    }),
    response: { 200: ImportReport, 413: errors[422], ...errors },
  }),
  importFolder: route('POST', '/api/projects/:projectId/import/folder', {
    tags: ['import/export'],
    summary: 'Import a folder on the server (inside CADRE_MEDIA_ROOTS): a SUSTechPOINTS scene as one sequence (or one item per cloud), a KITTI object folder, or a plain folder of files (clouds with JSON boxes when boxes is given)',
    params: ProjectParams,
    body: Type.Object({
      path: Type.String({ minLength: 1, description: 'absolute path of the folder on the server' }),
      layout: Type.Optional(Type.Union([Type.Literal('sustech'), Type.Literal('kitti'), Type.Literal('plain')], { description: 'detected when left out' })),
      perFrame: Type.Boolean({ default: false, description: 'sustech: one item per cloud instead of one sequence' }),
      boxes: Type.Optional(Type.String({ minLength: 1, description: 'plain folder of clouds: the folder of JSON boxes files named like them' })),
      skipInvalid: Type.Boolean({ default: false }),
    }, { additionalProperties: false }),
    response: { 200: Type.Composite([ImportReport, Type.Object({ layout: Type.String() })]), ...errors },
  }),
  exportProject: route('GET', '/api/projects/:projectId/export', {
    tags: ['import/export'],
    summary: 'The items with their latest accepted annotation: JSONL (default), CoNLL/BIO (text items, the imported layout; warnings in the x-cadre-export-warnings header), or 3D labels as a tar of SUSTechPOINTS `<scene>/label/<frame>.json` or KITTI `<scene>/label_2/<frame>.txt` + `calib/`, or one JSON of boxes',
    params: ProjectParams,
    querystring: Type.Object({
      which: Type.Union([Type.Literal('accepted'), Type.Literal('latest')], { default: 'accepted' }),
      onlyAnnotated: Type.Boolean({ default: false }),
      format: Type.Union([Type.Literal('jsonl'), Type.Literal('conll'), Type.Literal('sustech'), Type.Literal('kitti'), Type.Literal('boxes')], { default: 'jsonl' }),
      calib: Type.Optional(Type.String({ description: 'kitti: calib file text for items imported without one' })),
    }),
  }),
};
