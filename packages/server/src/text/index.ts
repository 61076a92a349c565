// Text import and export beyond the Label Studio task shape: CoNLL/BIO/BIOES token files for NER,
// CSV/TSV files with a label column for classification, and offsets in code points versus UTF-16.
// Pure Node: no database, no HTTP.
export { readConllRows, CONLL_MODEL_VERSION, type ConllReadOptions } from './conll-read.ts';
export { CONLL_LABELS, TAG_SCHEMES, convertTags, decodeTags, parseTag, type ConllLabels, type ConllLayout, type ConllMeta, type TagScheme } from './conll-format.ts';
export { conllSentence, emptyStats, type ConllWriteOptions, type ConllWriteStats, type SpanLike } from './conll-write.ts';
export { conllLabelsAs, TEXT_IMPORT_AS, type TextImportAs, type TextPayload } from './labels.ts';
export { readLabeledTable, cellLabels, delimiterOf, type TableMeta, type TableReadOptions } from './table-read.ts';
export { classLabels, tableField, tableLine } from './table-write.ts';
export { OffsetMap, codePointLength } from '@cadre/core';
export { looksLikeConll } from './detect.ts';
