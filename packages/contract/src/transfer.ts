// Import (a file, or a folder on the server) and export.
import { Type, type Static } from '@sinclair/typebox';
import { errors, ProjectParams, Uuid } from './common.ts';
import { route } from './route.ts';

const Example = Type.Object({ file: Type.String(), line: Type.Integer(), field: Type.String(), message: Type.String() });
export const ProblemSummary = Type.Object({
  reason: Type.String(), kind: Type.Union([Type.Literal('mapped'), Type.Literal('dropped')]), count: Type.Integer(), examples: Type.Array(Example),
});

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
  labels: Type.Optional(Type.Integer({ description: 'label sets stored as accepted annotations (as=labels)' })),
  drafts: Type.Optional(Type.Integer({ description: 'label sets stored as annotations waiting for review (as=drafts)' })),
  problems: Type.Optional(Type.Array(ProblemSummary, { description: 'what the file held that was changed (mapped) or left out (dropped), per reason' })),
  importedBefore: Type.Optional(Type.Object({ importId: Uuid, at: Type.Union([Type.String(), Type.Null()]), items: Type.Integer() }, { description: 'an earlier import of a file of the same name' })),
  format: Type.Optional(Type.String({ description: 'the format the file was read as' })),
});
export type ImportReport = Static<typeof ImportReport>;

/** Other tools' label formats, read and written by @cadre/formats. */
export const LABEL_FORMATS = ['coco', 'yolo', 'voc', 'cvat', 'labelstudio', 'datumaro', 'mot'] as const;
export const IMPORT_FORMATS = ['json', 'jsonl', 'csv', 'conll', ...LABEL_FORMATS] as const;
export const EXPORT_FORMATS = ['cadre', 'jsonl', 'conll', 'csv', 'tsv', 'sustech', 'kitti', 'boxes', 'nuscenes', ...LABEL_FORMATS] as const;
/** What a file's labels become: accepted labels, drafts to review, or machine pre-labels. */
export const IMPORT_AS = ['labels', 'drafts', 'prelabels'] as const;
/** What CoNLL tags become: predictions to review, accepted annotations, or nothing. */
export const CONLL_LABELS = ['as-predictions', 'as-annotations', 'ignore'] as const;

export const transferRoutes = {
  importFile: route('POST', '/api/projects/:projectId/import', {
    tags: ['import/export'], summary: 'Import tasks: a JSON array, JSONL or CSV file in Label Studio task shape, a CoNLL/BIO token file (one text item a sentence), or labels in another tool\'s format (COCO, YOLO, Pascal VOC, CVAT XML, Label Studio, Datumaro, MOT: one file, or a .zip of a dataset folder with or without its images), sent as the raw body',
    params: ProjectParams,
    querystring: Type.Object({
      file: Type.String({ default: 'upload', description: 'the file name, for messages and format detection' }),
      format: Type.Optional(Type.Union(IMPORT_FORMATS.map((f) => Type.Literal(f)))),
      skipInvalid: Type.Boolean({ default: false, description: 'import the valid rows and report the invalid ones' }),
      conllLabels: Type.Union(CONLL_LABELS.map((l) => Type.Literal(l)), { default: 'as-predictions', description: 'conll: the tags become predictions to review, accepted annotations, or are ignored' }),
      as: Type.Optional(Type.Union(IMPORT_AS.map((a) => Type.Literal(a)), { description: 'what the file\'s labels become: labels (accepted), drafts (waiting for review) or prelabels (machine pre-labels, the default)' })),
      labelColumn: Type.Optional(Type.String({ description: 'csv/tsv of texts: this column is each text\'s class (a label, not metadata)' })),
      textColumn: Type.Optional(Type.String({ description: 'csv/tsv with labelColumn: the column of the text (default text)' })),
      multiLabel: Type.Optional(Type.String({ maxLength: 3, description: 'csv/tsv with labelColumn: several classes in one cell, split by this' })),
      tagColumn: Type.Optional(Type.Integer({ minimum: 1, description: 'conll: the column of the tags (0-based, the token is 0; default the last)' })),
      separator: Type.Optional(Type.Union([Type.Literal('tab'), Type.Literal('space'), Type.Literal('auto')], { description: 'conll: what separates the columns (default: from the first line)' })),
      tagScheme: Type.Optional(Type.Union(['auto', 'iob2', 'iob1', 'bioes', 'bilou'].map((t) => Type.Literal(t)), { description: 'conll: the tag scheme (default: auto)' })),
      strict: Type.Boolean({ default: false, description: 'fail on anything the import would change or leave out (an unknown label, a shape the ontology lacks, a missing image, a file imported before)' }),
    }),
    response: { 200: ImportReport, 413: errors[422], ...errors },
  }),
  importFolder: route('POST', '/api/projects/:projectId/import/folder', {
    tags: ['import/export'],
    summary: 'Import a folder on the server (inside CADRE_MEDIA_ROOTS): a SUSTechPOINTS scene as one sequence (or one item per cloud), a KITTI object folder, a folder with a nuScenes info file (mmdetection3d) and its clouds, or a plain folder of files (clouds with JSON boxes when boxes is given); or the objects under an S3 prefix (s3://bucket/prefix/, a bucket of CADRE_S3_BUCKETS), one item each',
    params: ProjectParams,
    body: Type.Object({
      path: Type.String({ minLength: 1, description: 'absolute path of the folder on the server, or s3://bucket/prefix/' }),
      layout: Type.Optional(Type.Union([Type.Literal('sustech'), Type.Literal('kitti'), Type.Literal('nuscenes'), Type.Literal('plain')], { description: 'detected when left out' })),
      perFrame: Type.Boolean({ default: false, description: 'sustech: one item per cloud instead of one sequence' }),
      boxes: Type.Optional(Type.String({ minLength: 1, description: 'plain folder of clouds: the folder of JSON boxes files named like them' })),
      skipInvalid: Type.Boolean({ default: false }),
      as: Type.Optional(Type.Union(IMPORT_AS.map((a) => Type.Literal(a)), { description: 'what the folder\'s boxes (KITTI label_2, SUSTechPOINTS label/, JSON boxes) become: labels (accepted), drafts (waiting for review) or prelabels (machine pre-labels, the default)' })),
      strict: Type.Boolean({ default: false, description: 'fail on anything the import would change or leave out, or a folder imported before' }),
    }, { additionalProperties: false }),
    response: { 200: Type.Composite([ImportReport, Type.Object({ layout: Type.String() })]), ...errors },
  }),
  exportProject: route('GET', '/api/projects/:projectId/export', {
    tags: ['import/export'],
    summary: 'The items with their latest accepted annotation: Label Studio tasks as JSONL (default), other tools\' formats (COCO, YOLO, VOC, CVAT, Label Studio, Datumaro, MOT; notes on what could not be written in the x-cadre-export-notes header), CoNLL/BIO (text items, the imported layout; warnings in the x-cadre-export-warnings header), or 3D labels as a tar of SUSTechPOINTS `<scene>/label/<frame>.json` or KITTI `<scene>/label_2/<frame>.txt` + `calib/`, or one JSON of boxes',
    params: ProjectParams,
    querystring: Type.Object({
      which: Type.Union([Type.Literal('accepted'), Type.Literal('latest')], { default: 'accepted' }),
      onlyAnnotated: Type.Boolean({ default: false }),
      format: Type.Union(EXPORT_FORMATS.map((f) => Type.Literal(f)), { default: 'cadre', description: 'cadre: Cadre\'s own JSON Lines (item and annotation ids, versions, provenance); jsonl: Label Studio tasks, one a line; labelstudio: a Label Studio JSON array; csv, tsv: texts with their class; coco, yolo, voc, cvat, datumaro, mot: those tools\' formats (folder formats as a .zip); conll; sustech, kitti, boxes, nuscenes (an mmdetection3d info file): 3D labels' }),
      textColumn: Type.Optional(Type.String({ description: 'csv, tsv: the text column\'s name (default: as imported, else text)' })),
      labelColumn: Type.Optional(Type.String({ description: 'csv, tsv: the label column\'s name (default: as imported, else label)' })),
      tagScheme: Type.Optional(Type.Union(['iob2', 'iob1', 'bioes', 'bilou'].map((t) => Type.Literal(t)), { description: 'conll: rewrite every sentence\'s tags in this scheme' })),
      withMedia: Type.Boolean({ default: false, description: 'label formats: put the images in the archive (images/…) and name them so' }),
      calib: Type.Optional(Type.String({ description: 'kitti: calib file text for items imported without one' })),
    }),
  }),
};
