// Text import and export beyond the Label Studio task shape: CoNLL/BIO token files for NER, and
// offsets in code points versus UTF-16. Pure Node: no database, no HTTP.
export { readConllRows, CONLL_MODEL_VERSION, type ConllReadOptions } from './conll-read.ts';
export { CONLL_LABELS, parseTag, type ConllLabels, type ConllMeta } from './conll-format.ts';
export { conllSentence, emptyStats, type ConllWriteStats, type SpanLike } from './conll-write.ts';
export { OffsetMap, codePointLength } from './offsets.ts';
export { looksLikeConll } from './detect.ts';
